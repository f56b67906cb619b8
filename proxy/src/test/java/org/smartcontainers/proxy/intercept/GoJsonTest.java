package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies read as Docker's Go code reads them: what the record and the label see is what the daemon acts on. */
class GoJsonTest {
    private static ObjectNode read(String json) {
        return GoJson.config(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    @Test
    void keysMatchFieldsCaseInsensitivelyWithUnicodeFolding() {
        assertEquals("busybox", read("{\"image\":\"busybox\"}").path("Image").asText());
        assertEquals("busybox", read("{\"IMAGE\":\"busybox\"}").path("Image").asText());
        assertEquals("x", read("{\"Labelſ\":{\"a\":\"x\"}}").path("Labels").path("a").asText(), "the long s folds to s");
        assertEquals("none", read("{\"HostConfig\":{\"networkmode\":\"none\"}}").path("HostConfig").path("NetworkMode").asText());
        assertEquals("kept", read("{\"Unknown\":\"kept\"}").path("Unknown").asText(), "what Go ignores passes as it was");
    }

    @Test
    void aKeySeenAgainMergesObjectsAndReplacesTheRest() {
        ObjectNode body = read("{\"Labels\":{\"a\":\"b\"},\"labels\":{\"smartcontainer\":\"FORGED\"},"
                + "\"Image\":\"one\",\"image\":\"two\",\"Env\":[\"A=1\"],\"ENV\":[\"B=2\"]}");
        assertEquals("{\"a\":\"b\",\"smartcontainer\":\"FORGED\"}", body.get("Labels").toString(),
                "Go decodes the second object into the same map");
        assertEquals("two", body.path("Image").asText());
        assertEquals("[\"B=2\"]", body.get("Env").toString());
        assertEquals(3, body.size(), "one key per field: " + body);
        assertEquals("{}", read("{\"Labels\":{\"a\":\"b\"},\"Labels\":null,\"Labels\":{}}").get("Labels").toString(),
                "null empties it");
        JsonBodies.putLabel(body, "ours");
        assertEquals("ours", body.path("Labels").path("smartcontainer").asText());
    }

    @Test
    void whatGoAcceptsIsRead() {
        byte[] invalidUtf8 = "{\"Image\":\"busybox\",\"Labels\":{\"k\":\"\u0000\"}}".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0xff;
        ObjectNode body = GoJson.config(Unpooled.wrappedBuffer(invalidUtf8));
        assertEquals("\ufffd", body.path("Labels").path("k").asText(), "invalid UTF-8 becomes U+FFFD");
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertEquals(1, read("{\"Cmd\":" + deep + "}").get("Cmd").size(), "nesting Jackson's default (1,000) refuses");
        String longNumber = "1".repeat(5_000);
        assertEquals(longNumber, read("{\"StopTimeout\":" + longNumber + "}").get("StopTimeout").toString());
        String longKey = "k".repeat(60_000);
        assertEquals("v", read("{\"Labels\":{\"" + longKey + "\":\"v\"}}").path("Labels").path(longKey).asText());
    }

    @Test
    void whatFollowsTheObjectIsKeptForTheDaemonToJudge() {
        // Go's decoder reads one value; Docker 20.10 ignores what follows, later versions refuse it.
        GoJson.Body body = GoJson.read(Unpooled.copiedBuffer("{\"Image\":\"x\"} {\"Labels\":{}}\n", StandardCharsets.UTF_8));
        assertEquals("x", body.config().path("Image").asText());
        assertEquals(" {\"Labels\":{}}\n", body.trailing());
    }

    @Test
    void whatGoRefusesIsRefusedSayingWhereNotWhat() {
        assertEquals("the request body is not a JSON object", assertThrows(RefusedCall.class, () -> read("[1]")).getMessage());
        RefusedCall cut = assertThrows(RefusedCall.class, () -> read("{\"Env\":[\"TOKEN=s3cr3t\"], \"Image\":"));
        assertEquals(400, cut.status());
        assertTrue(cut.getMessage().startsWith("the request body is not JSON the Docker daemon can read (line 1, column"),
                cut.getMessage());
        RefusedCall token = assertThrows(RefusedCall.class, () -> read("{\"Image\": s3cr3t}"));
        assertFalse(token.getMessage().contains("s3cr3t"), "a value sent is never quoted: " + token.getMessage());
        assertThrows(RefusedCall.class, () -> read("{\"Cmd\":" + "[".repeat(10_001) + "]".repeat(10_001) + "}"),
                "Go's own limit: 10,000 levels");
    }

    @Test
    void onlyTheLettersWhoseFoldingOrbitHoldsAsciiFoldToIt() {
        assertEquals("Labels", GoJson.field("LABE\u212aS".replace('\u212a', 'L'), GoJson.CONFIG_FIELDS));
        assertEquals("Labels", GoJson.field("Label\u017f", GoJson.CONFIG_FIELDS));
        assertEquals("\u0131mage", GoJson.field("\u0131mage", GoJson.CONFIG_FIELDS), "dotless i is no i to Go");
        assertEquals("\u0130mage", GoJson.field("\u0130mage", GoJson.CONFIG_FIELDS), "nor is the dotted capital I");
    }

    @Test
    void invalidUtf8IsOneReplacementPerByteAsGoDecodesIt() {
        byte[] bytes = {'{', '"', 'E', 'n', 'v', '"', ':', '[', '"', (byte) 0xe2, (byte) 0x82, 'x', (byte) 0xed, (byte) 0xa0,
                (byte) 0x80, (byte) 0xc0, (byte) 0xaf, (byte) 0xe2, (byte) 0x82, (byte) 0xac, '"', ']', '}'};
        assertEquals("\ufffd\ufffdx\ufffd\ufffd\ufffd\ufffd\ufffd\u20ac",
                GoJson.config(Unpooled.wrappedBuffer(bytes)).get("Env").get(0).textValue());
    }

    @Test
    void aLoneSurrogateEscapeIsTheReplacementCharacterAsInGo() {
        ObjectNode body = read("{\"Labels\":{\"k\\ud800\":\"a\\udc00b\",\"pair\":\"\\ud83d\\ude00\"}}");
        assertEquals("a\ufffdb", body.get("Labels").get("k\ufffd").textValue());
        assertEquals("\ud83d\ude00", body.get("Labels").get("pair").textValue());
    }

    @Test
    void aBodyAsDeepAsGoReadsIsReadAndWrittenBackOnADeepStack() throws Exception {
        String deep = "{\"Image\":\"x\",\"Unknown\":" + "[".repeat(9_999) + "]".repeat(9_999) + "}"; // 10,000 levels with the object
        assertTrue(GoJson.mayNestDeep(Unpooled.copiedBuffer(deep, StandardCharsets.UTF_8)));
        assertFalse(GoJson.mayNestDeep(Unpooled.copiedBuffer("{\"Cmd\":[[]]}", StandardCharsets.UTF_8)));
        try (InterceptionThreads threads = new InterceptionThreads()) {
            byte[] written = threads.work.submit(() -> GoJson.WRITER.writeValueAsBytes(read(deep))).get();
            assertEquals(deep.length(), written.length);
        }
    }

    private static String labelled(String config) {
        return new String(GoJson.withImageConfigLabel(config.getBytes(StandardCharsets.UTF_8), "smartcontainer", "ours"),
                StandardCharsets.UTF_8);
    }

    @Test
    void anImageConfigsLabelIsSetWhereDockerReadsItWhateverSpellingsTheConfigUses() {
        assertEquals("{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"a\":\"b\",\"smartcontainer\":\"ours\"}}}",
                labelled("{\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"a\":\"b\",\"smartcontainer\":\"theirs\"}}}"));
        // Docker reads every key that folds to "config" into its config, in key order, merging; Labels as a map.
        assertEquals("{\"config\":{\"Labels\":{\"smartcontainer\":\"ours\",\"x\":\"1\"},\"Env\":[\"A=1\"]}}",
                labelled("{\"Config\":{\"labels\":{\"smartcontainer\":\"forged\"}},\"config\":{\"LABELS\":{\"x\":\"1\"},"
                        + "\"env\":[\"A=1\"]},\"CONFIG\":{\"Labelſ\":{\"smartcontainer\":\"forged too\"}}}"));
        assertEquals("{\"config\":{\"Labels\":{\"smartcontainer\":\"ours\"}}}", labelled("{\"config\":{\"Labels\":{\"a\":\"b\"}},"
                + "\"config\":null}"), "the last of equal keys wins, and null empties the config");
        assertEquals("{\"config\":{\"Labels\":{\"smartcontainer\":\"ours\"}}}", labelled("{}"), "a config without one gets one");
        assertThrows(IllegalArgumentException.class, () -> labelled("{\"config\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> labelled("{\"config\":{\"Labels\":\"x\"}}"));
        assertThrows(IllegalArgumentException.class, () -> labelled("[]"));
        assertThrows(IllegalArgumentException.class, () -> labelled("{\"config\":" + "[".repeat(600) + "]".repeat(600) + "}"),
                "read on the event loop: never deeper than a frontend writes");
    }

    /** Labels {@code "k0":"v", ...} with {@code extra} before them in the object. */
    private static String labels(int count, String value) {
        StringBuilder json = new StringBuilder("{\"Image\":\"busybox\",\"Labels\":{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(value).append('"');
        }
        return json.append("}}").toString();
    }

    @Test
    void aBodyWithMoreNamesAndValuesThanARecordHoldsIsRefusedWith413() {
        int labels = (GoJson.MAX_ITEMS - 3) / 2; // with Image and Labels: 2n + 3 names and values, at the bound
        assertEquals(labels, read(labels(labels, "v")).get("Labels").size());

        RefusedCall refused = assertThrows(RefusedCall.class, () -> read(labels(labels + 1, "v")));
        assertEquals(413, refused.status());
        assertTrue(refused.getMessage().startsWith("the request body holds more than 20000 JSON names and values"),
                refused.getMessage());
        assertThrows(RefusedCall.class, () -> GoJson.value("[" + "1,".repeat(GoJson.MAX_ITEMS) + "1]"),
                "a JSON query parameter (a build's labels) is bound alike");
    }

    @Test
    void separatorsInsideStringsAndEscapedQuotesAreNotCounted() {
        String crowded = ",:".repeat(GoJson.MAX_ITEMS) + "\\\",:";
        ObjectNode body = read("{\"Labels\":{\"a\":\"" + crowded + "\"}}");
        assertEquals(",:".repeat(GoJson.MAX_ITEMS) + "\",:", body.path("Labels").path("a").asText());
    }
}
