package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The moby.buildkit.trace lines of a {@code /build?version=2} progress stream. */
class BuildTraceTest {
    private static String traceLine(byte[] statusResponse) {
        return "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + Base64.getEncoder().encodeToString(statusResponse) + "\"}";
    }

    @Test
    void aTraceLineGivesTheVertexesOfItsStatus() {
        byte[] status = ControlStatusTest.runStepFinished();
        assertEquals(ControlStatus.vertexes(status), BuildTrace.vertexes(traceLine(status)));
        assertEquals(2, BuildTrace.vertexes(traceLine(status)).size());
    }

    @Test
    void base64WithLineBreaksIsReadAsGoReadsIt() {
        String encoded = Base64.getMimeEncoder().encodeToString(ControlStatusTest.runStepFinished());
        String line = "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + encoded.replace("\r\n", "\\r\\n") + "\"}";
        assertEquals(2, BuildTrace.vertexes(line).size());
    }

    @Test
    void otherLinesHaveNone() {
        String imageId = "sha256:" + "ab".repeat(32);
        assertEquals(List.of(), BuildTrace.vertexes("{\"id\":\"moby.image.id\",\"aux\":{\"ID\":\"" + imageId + "\"}}"));
        assertEquals(List.of(), BuildTrace.vertexes("{\"stream\":\"Step 1/2 : FROM busybox\\n\"}"));
        assertEquals(List.of(), BuildTrace.vertexes(""));
        assertEquals(List.of(), BuildTrace.vertexes(traceLine(new byte[0])));
    }

    @Test
    void aTraceThatIsNotAStatusResponseIsRefused() {
        assertThrows(InvalidMessageException.class,
                () -> BuildTrace.vertexes("{\"id\":\"moby.buildkit.trace\",\"aux\":\"Cm9wYXF1ZQ==\"}"));
        assertThrows(InvalidMessageException.class,
                () -> BuildTrace.vertexes("{\"id\":\"moby.buildkit.trace\",\"aux\":\"not base64!\"}"));
        assertThrows(InvalidMessageException.class,
                () -> BuildTrace.vertexes("{\"id\":\"moby.buildkit.trace\",\"aux\":{\"ID\":\"x\"}}"));
        assertThrows(InvalidMessageException.class, () -> BuildTrace.vertexes("{\"id\":"));
    }
}
