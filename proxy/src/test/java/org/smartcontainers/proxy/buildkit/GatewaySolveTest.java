package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LLBBridge/Solve requests as buildx's gateway build sends them to the Dockerfile frontend. */
class GatewaySolveTest {
    private static final String LABEL = "label:smartcontainer";

    /** Frontend=2, FrontendOpt=3, then fields we leave undeclared, in number order. */
    private static byte[] buildxFrontendCall(Wire options, boolean isFinal) {
        Wire request = new Wire()
                .message(1, new Wire().bytes(1, new Wire().message(2, new Wire().string(1, "local://context"))
                        .toByteArray()))
                .string(2, "dockerfile.v0").raw(options.toByteArray())
                .varint(5, 1).varint(6, 1);
        if (isFinal) {
            request.varint(10, 1);
        }
        return request.bytes(11, "{\"containerimage.config\":\"e30=\"}".getBytes())
                .message(12, new Wire().string(1, "local").entry(2, "src", "/cache"))
                .varint(14, 1)
                .message(15, new Wire().varint(1, 1))
                .toByteArray();
    }

    @Test
    void readsTheFrontendItsOptionsAndWhetherTheSolveIsFinal() {
        GatewaySolve.Request request = GatewaySolve.read(
                buildxFrontendCall(new Wire().entries(3, ControlSolveTest.buildxAttrs()), true));
        assertEquals("dockerfile.v0", request.frontend());
        assertEquals(ControlSolveTest.buildxAttrs(), request.frontendOpt());
        assertTrue(request.isFinal());
        assertFalse(GatewaySolve.read(buildxFrontendCall(new Wire(), false)).isFinal());
    }

    @Test
    void aRewriteChangesTheOptionsAndKeepsEveryOtherFieldByteForByte() {
        Wire options = new Wire().entry(3, LABEL, "client").entries(3, ControlSolveTest.buildxAttrs())
                .entry(3, LABEL, "client again");
        byte[] original = buildxFrontendCall(options, true);

        byte[] rewritten = GatewaySolve.withFrontendOpts(original, Map.of(LABEL, "ours"), Set.of(LABEL));

        Map<Integer, List<ByteString>> before = Wire.fields(original);
        Map<Integer, List<ByteString>> after = Wire.fields(rewritten);
        before.remove(3);
        after.remove(3);
        assertEquals(List.of(1, 2, 5, 6, 10, 11, 12, 14, 15), List.copyOf(after.keySet()));
        assertEquals(before, after);
        assertEquals(List.of(Map.entry(LABEL, "ours")),
                Wire.entries(rewritten, 3).stream().filter(entry -> entry.getKey().equals(LABEL)).toList());
        assertEquals("ours", GatewaySolve.read(rewritten).frontendOpt().get(LABEL));
    }

    @Test
    void inPlaceOurOptionIsAppendedAndWinsWithEveryByteTheClientSentBeforeIt() {
        Wire options = new Wire().entry(3, LABEL, "client").entries(3, ControlSolveTest.buildxAttrs())
                .entry(3, LABEL, "client again");
        byte[] original = buildxFrontendCall(options, true);
        ByteBuf held = Unpooled.wrappedBuffer(original);

        ByteBuf rewritten = GatewaySolve.withFrontendOpt(held, LABEL, "ours");
        byte[] sent = ByteBufUtil.getBytes(rewritten);
        rewritten.release();

        assertArrayEquals(original, Arrays.copyOf(sent, original.length));
        assertEquals("ours", GatewaySolve.read(sent).frontendOpt().get(LABEL));
        assertEquals(GatewaySolve.read(original).frontendOpt().size(), GatewaySolve.read(sent).frontendOpt().size());
        assertTrue(GatewaySolve.read(sent).isFinal());
        assertEquals(1, held.refCnt());
        ByteBuf truncated = Unpooled.wrappedBuffer(new byte[] {0x12, 0x0d, 'd', 'o', 'c', 'k'});
        assertThrows(InvalidMessageException.class, () -> GatewaySolve.withFrontendOpt(truncated, LABEL, "ours"));
        assertEquals(1, truncated.refCnt(), "a refused message is not held");
    }

    @Test
    void optionsAreRemoved() {
        byte[] rewritten = GatewaySolve.withFrontendOpts(
                buildxFrontendCall(new Wire().entries(3, ControlSolveTest.buildxAttrs()), false), Map.of(),
                Set.of("build-arg:FOO", "absent"));
        assertFalse(GatewaySolve.read(rewritten).frontendOpt().containsKey("build-arg:FOO"));
        assertEquals(ControlSolveTest.buildxAttrs().size() - 1, GatewaySolve.read(rewritten).frontendOpt().size());
    }

    @Test
    void malformedBytesAreRefused() {
        byte[] truncated = new byte[] {0x12, 0x0d, 'd', 'o', 'c', 'k'}; // Frontend, 13 bytes announced
        assertThrows(InvalidMessageException.class, () -> GatewaySolve.read(truncated));
        assertThrows(InvalidMessageException.class, () -> GatewaySolve.withFrontendOpts(truncated, Map.of(), Set.of()));
    }
}
