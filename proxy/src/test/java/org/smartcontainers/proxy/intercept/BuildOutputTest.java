package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Build progress streams as the daemon sends them, cut at awkward places. */
class BuildOutputTest {
    private static BuildOutput read(String stream, int piece) {
        BuildOutput output = new BuildOutput();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += piece) {
            output.update(Unpooled.wrappedBuffer(bytes, at, Math.min(piece, bytes.length - at)));
        }
        output.finish();
        return output;
    }

    private static final String ID = "sha256:" + "ab".repeat(32);

    @Test
    void classicStreamGivesTheAuxId() {
        BuildOutput output = read("{\"stream\":\"Step 1/1 : FROM x\\n\"}\n{\"aux\":{\"ID\":\"" + ID + "\"}}\n"
                + "{\"stream\":\"Successfully built abababababab\\n\"}\n", 7);
        assertEquals(ID, output.imageId());
        assertNull(output.error());
    }

    @Test
    void buildKitStreamGivesMobyImageIdAndIgnoresTraces() {
        BuildOutput output = read("{\"id\":\"moby.buildkit.trace\",\"aux\":\"Cm9wYXF1ZQ==\"}\n"
                + "{\"id\":\"moby.image.id\",\"aux\":{\"ID\":\"" + ID + "\"}}", 5);
        assertEquals(ID, output.imageId());
    }

    @Test
    void quietAndLegacyFallbacks() {
        assertEquals(ID, read("{\"stream\":\"" + ID + "\\n\"}\n", 3).imageId());
        assertEquals("abababababab", read("{\"stream\":\"Successfully built abababababab\\n\"}\n", 100).imageId());
    }

    @Test
    void anErrorInsideThe200StreamIsFound() {
        BuildOutput output = read("{\"stream\":\"Step 2/2 : RUN exit 7\\n\"}\n{\"errorDetail\":{\"code\":7,\"message\":"
                + "\"returned a non-zero code: 7\"},\"error\":\"returned a non-zero code: 7\"}\n", 11);
        assertEquals("returned a non-zero code: 7", output.error());
        assertNull(output.imageId());
    }
}
