package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Control/Status as the daemon streams it, and Control/Solve's answer. */
class ControlStatusTest {
    static final String FROM = "sha256:" + "1a".repeat(32);
    static final String RUN = "sha256:" + "2b".repeat(32);

    /** Two vertexes, a status and a log as BuildKit sends a RUN step finishing. */
    static byte[] runStepFinished() {
        return new Wire()
                .message(1, new Wire().string(1, FROM).string(3, "[1/2] FROM docker.io/library/busybox:latest")
                        .varint(4, 1).timestamp(5, 1767225600, 120_000_000).timestamp(6, 1767225600, 130_000_000))
                .message(1, new Wire().string(1, RUN).string(2, FROM).string(3, "[2/2] RUN echo hello > /greeting")
                        .timestamp(5, 1767225601, 5).timestamp(6, 1767225602, 999_999_999)
                        .message(8, new Wire().string(1, "pg").string(2, "group")))
                .message(2, new Wire().string(1, "extracting").string(2, FROM).varint(4, 10).varint(5, 10))
                .message(3, new Wire().string(1, RUN).timestamp(2, 1767225601, 0).varint(3, 1).bytes(4,
                        "hello\n".getBytes()))
                .message(4, new Wire().string(1, RUN).varint(2, 1).bytes(3, "JSONArgsRecommended".getBytes()))
                .toByteArray();
    }

    @Test
    void theStatusRequestNamesTheBuild() {
        assertEquals("l2x7wz0s8m4bq1t6f9d3k5h0a",
                ControlStatus.ref(new Wire().string(1, "l2x7wz0s8m4bq1t6f9d3k5h0a").toByteArray()));
        assertEquals("", ControlStatus.ref(new byte[0]));
    }

    @Test
    void vertexesWithTheirInputsCacheAndTimes() {
        assertEquals(List.of(
                new ControlStatus.Vertex(FROM, List.of(), "[1/2] FROM docker.io/library/busybox:latest", true,
                        Instant.parse("2026-01-01T00:00:00.120Z"), Instant.parse("2026-01-01T00:00:00.130Z"), null),
                new ControlStatus.Vertex(RUN, List.of(FROM), "[2/2] RUN echo hello > /greeting", false,
                        Instant.parse("2026-01-01T00:00:01.000000005Z"),
                        Instant.parse("2026-01-01T00:00:02.999999999Z"), null)),
                ControlStatus.vertexes(runStepFinished()));
    }

    @Test
    void aVertexNotYetDoneOrFailed() {
        byte[] response = new Wire()
                .message(1, new Wire().string(1, RUN).string(2, FROM).string(3, "[2/2] RUN exit 7")
                        .timestamp(5, 1767225601, 0))
                .message(1, new Wire().string(1, RUN).string(2, FROM).string(3, "[2/2] RUN exit 7")
                        .timestamp(5, 1767225601, 0).timestamp(6, 1767225602, 0)
                        .string(7, "process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7"))
                .toByteArray();
        List<ControlStatus.Vertex> vertexes = ControlStatus.vertexes(response);
        assertEquals(null, vertexes.get(0).completed());
        assertEquals(null, vertexes.get(0).error());
        assertEquals(Instant.parse("2026-01-01T00:00:02Z"), vertexes.get(1).completed());
        assertEquals("process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7",
                vertexes.get(1).error());
    }

    @Test
    void aTimeAtTheEpochIsATimeNotAnAbsence() {
        // An empty Timestamp message is present: its seconds and nanos are zero.
        byte[] response = new Wire().message(1, new Wire().string(1, FROM).message(5, new Wire())).toByteArray();
        ControlStatus.Vertex vertex = ControlStatus.vertexes(response).get(0);
        assertEquals(Instant.EPOCH, vertex.started());
        assertEquals(null, vertex.completed());
    }

    @Test
    void aResponseWithoutVertexesHasNone() {
        byte[] logsOnly = new Wire().message(3, new Wire().string(1, RUN).bytes(4, "hello\n".getBytes())).toByteArray();
        assertEquals(List.of(), ControlStatus.vertexes(logsOnly));
    }

    @Test
    void aTimeBeyondWhatJavaHoldsIsRefused() {
        byte[] response = new Wire().message(1, new Wire().timestamp(5, Long.MAX_VALUE, 0)).toByteArray();
        assertThrows(InvalidMessageException.class, () -> ControlStatus.vertexes(response));
    }

    @Test
    void malformedBytesAreRefused() {
        assertThrows(InvalidMessageException.class, () -> ControlStatus.vertexes(new byte[] {0x0a, 0x05, 0x0a}));
        assertThrows(InvalidMessageException.class, () -> ControlStatus.ref(new byte[] {(byte) 0x80}));
    }

    @Test
    void theSolveAnswerGivesWhatTheExporterMade() {
        String config = "sha256:" + "3c".repeat(32);
        String manifest = "sha256:" + "4d".repeat(32);
        byte[] response = new Wire().entry(1, "containerimage.config.digest", config)
                .entry(1, "containerimage.digest", manifest).entry(1, "image.name", "example/app:1").toByteArray();
        assertEquals(Map.of("containerimage.config.digest", config, "containerimage.digest", manifest,
                "image.name", "example/app:1"), SolveResult.exporterResponse(response));
        assertEquals(Map.of(), SolveResult.exporterResponse(new byte[0]));
        assertThrows(InvalidMessageException.class, () -> SolveResult.exporterResponse(new byte[] {0x0a, 0x7f}));
    }
}
