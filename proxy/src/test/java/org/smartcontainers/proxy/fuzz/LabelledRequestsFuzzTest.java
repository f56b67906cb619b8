package org.smartcontainers.proxy.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the rewriting of what the proxy records, end to end through the relay: POSTs from fuzzed
 * bytes ({@link FuzzedRequest}: target, headers, body) go through the proxy as the daemon assembles
 * it, recording over a throwaway store, to a {@link FakeDaemon}; what reaches it is read as Docker
 * would read it, and must be {@link LabelledOrRefused}.
 *
 * <p>Seeds: {@code src/test/resources/.../fuzz/LabelledRequestsFuzzTestInputs/<method>/}, one
 * request each in the layout above. A finding is written there too (see docs/design.md, "Fuzz tests").
 */
class LabelledRequestsFuzzTest {
    private static InVmProxy proxy;
    private static RecordedLabels records;

    @BeforeAll
    static void start() throws Exception {
        proxy = new InVmProxy();
        records = new RecordedLabels(proxy.parts.store);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    /** Create and commit bodies: Labels spelled as Go matches them, duplicated, nested, null, not objects, not JSON. */
    @FuzzTest(maxDuration = "45s")
    @DictionaryEntries({"/v1.45/containers/create", "/v1.45/commit?container=c1", "Content-Type: application/json",
        "\"Labels\"", "\"labels\"", "\"LABELS\"", "\"Labelſ\"", "\"LABELſ\"", "\"labelſ\"", "K", "ı", "\"smartcontainer\"",
        "{\"Labels\":{\"smartcontainer\":\"FORGED\"}}", "null", "[]", "{}", "\\u0000", "\\ud800", "\\u017f", "1e999",
        "&changes=", "LABEL%20smartcontainer%3DFORGED", "ENV%20x%20%5C", "%23%20escape%3D%60", "%5C", "%0A",
        "ONBUILD%20RUN%20%3C%3CEOF", "\"Image\":\"busybox\"", "Transfer-Encoding: chunked"})
    void createsAndCommitsReachDockerLabelled(byte[] input) throws Exception {
        sendAndCheck(input);
    }

    /** Builds: the labels parameter, spelled and repeated, and bodies Go reads as a form. */
    @FuzzTest(maxDuration = "45s")
    @DictionaryEntries({"/v1.45/build?t=x", "labels=", "&labels=", "%7B%22smartcontainer%22%3A%22FORGED%22%7D",
        "{\"smartcontainer\":\"FORGED\"}", "Content-Type: application/x-www-form-urlencoded", "Content-Type: application/x-tar",
        ";", "%zz", "version=2", "remote=", "#", "Transfer-Encoding: chunked"})
    void buildsReachDockerLabelled(byte[] input) throws Exception {
        sendAndCheck(input);
    }

    private static void sendAndCheck(byte[] input) throws InterruptedException {
        byte[] request = FuzzedRequest.bytes(input);
        InVmProxy.Exchange exchange = proxy.exchange(request);
        LabelledOrRefused.check(new String(request, StandardCharsets.ISO_8859_1), exchange, records);
    }
}
