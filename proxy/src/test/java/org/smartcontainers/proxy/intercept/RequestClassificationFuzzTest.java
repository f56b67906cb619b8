package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.daemonview.DockerRoute;
import org.smartcontainers.proxy.daemonview.GoHttpRequest;
import org.smartcontainers.proxy.relay.ClientRequests;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * Fuzzes request classification: a request line from fuzzed bytes (method, target in origin or
 * absolute form, escapes, dot segments, version prefixes, queries...), read once as Docker's Go
 * server would route it ({@code daemonview}) and once as the proxy classifies it (the relay's codec,
 * then {@link Interceptors#forRequest}). Whenever Docker would run create, commit or build, the
 * proxy must intercept it as that same call, or refuse the request.
 *
 * <p>Seeds: {@code src/test/resources/.../intercept/RequestClassificationFuzzTestInputs/}, each a
 * request line. A finding is written there too (see docs/design.md, "Fuzz tests").
 */
class RequestClassificationFuzzTest {
    private static Path dir;
    private static ThrowawayRecording parts;
    private static ImageReferences images;
    private static InterceptionThreads threads;
    private static Interceptors interceptors;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sc-fuzz-classification");
        parts = new ThrowawayRecording(dir);
        images = new ImageReferences(parts.docker);
        threads = new InterceptionThreads();
        interceptors = Interceptors.recording(parts.docker, images, parts.recording, threads, null);
    }

    @AfterAll
    static void stop() {
        images.close();
        threads.close();
        parts.close();
    }

    @FuzzTest(maxDuration = "45s")
    @DictionaryEntries({"POST ", " HTTP/1.1", "/containers/create", "/commit", "/build", "containers", "create",
        "/v1.45", "/v1", "/V1.45", "/v1.45.2", "/v", "/v.", "%2F", "%2f", "%63", "%2E", "%2e", "%25", "%", "/./", "/../",
        "//", "?", "#", ";", "+", "http://docker", "http:", "HTTP://", "unix:///", "*", "@"})
    void dockersRoutesAreOurs(byte[] requestLine) {
        byte[] request = withHead(requestLine);
        List<GoHttpRequest> asDocker = GoHttpRequest.readAll(request);
        Optional<DockerRoute> route = asDocker.isEmpty() ? Optional.empty() : DockerRoute.of(asDocker.get(0).line());
        if (route.isEmpty()) {
            return; // Docker runs none of the calls we record: whatever the proxy does is not our concern here
        }
        HttpRequest decoded = ClientRequests.firstRequest(request);
        if (decoded == null) {
            return; // the relay answers 400: refused
        }
        Interception interception = interceptors.forRequest(decoded, Caller.UNKNOWN);
        assertTrue(switch (route.get()) {
            case CREATE -> interception instanceof CreateInterception;
            case COMMIT -> interception instanceof CommitInterception;
            case BUILD -> interception instanceof BuildInterception;
        }, () -> "Docker routes " + printable(requestLine) + " to " + route.get() + "; the proxy "
                + (interception == null ? "passes it unrecorded" : "records it with " + interception.getClass().getSimpleName()));
    }

    /** The line, then the headers every request here has. */
    private static byte[] withHead(byte[] requestLine) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(requestLine);
        request.writeBytes("\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return request.toByteArray();
    }

    static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            text.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return text.append('"').toString();
    }
}
