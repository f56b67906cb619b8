package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.buildkit.proto.GatewayProto.SolveRequest;

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
    void aRewriteChangesTheOptionsAndKeepsEveryOtherFieldByteForByte() throws Exception {
        Wire options = new Wire().entry(3, LABEL, "client").entries(3, ControlSolveTest.buildxAttrs())
                .entry(3, LABEL, "client again");
        byte[] original = buildxFrontendCall(options, true);

        byte[] rewritten = rewrite(original, LABEL, "ours");

        Map<Integer, List<ByteString>> before = Wire.fields(original);
        Map<Integer, List<ByteString>> after = Wire.fields(rewritten);
        before.remove(3);
        after.remove(3);
        assertEquals(List.of(1, 2, 5, 6, 10, 11, 12, 14, 15), List.copyOf(after.keySet()));
        assertEquals(before, after);
        List<Map.Entry<String, String>> entries = Wire.entries(rewritten, 3);
        assertEquals(Wire.entries(original, 3), entries.subList(0, entries.size() - 1), "the client's options as it sent them");
        assertEquals(Map.entry(LABEL, "ours"), entries.get(entries.size() - 1));
        Map<String, String> expected = new LinkedHashMap<>(ControlSolveTest.buildxAttrs());
        expected.put(LABEL, "ours");
        assertEquals(expected, SolveRequest.parseFrom(rewritten).getFrontendOptMap(), "the last entry counts, as in Go");
    }

    @Test
    void inPlaceOurOptionIsAppendedAndWinsWithEveryByteTheClientSentBeforeIt() throws Exception {
        Wire options = new Wire().entry(3, LABEL, "client").entries(3, ControlSolveTest.buildxAttrs())
                .entry(3, LABEL, "client again");
        byte[] original = buildxFrontendCall(options, true);
        ByteBuf held = Unpooled.wrappedBuffer(original);

        ByteBuf rewritten = GatewaySolve.withFrontendOpt(held, LABEL, "ours");
        byte[] sent = ByteBufUtil.getBytes(rewritten);
        rewritten.release();

        assertArrayEquals(original, Arrays.copyOf(sent, original.length));
        assertEquals("ours", SolveRequest.parseFrom(sent).getFrontendOptMap().get(LABEL));
        assertEquals(SolveRequest.parseFrom(original).getFrontendOptCount(), SolveRequest.parseFrom(sent).getFrontendOptCount());
        assertTrue(SolveRequest.parseFrom(sent).getFinal());
        assertEquals(1, held.refCnt());
    }

    @Test
    void malformedBytesAreRefusedAndNotHeld() {
        ByteBuf truncated = Unpooled.wrappedBuffer(new byte[] {0x12, 0x0d, 'd', 'o', 'c', 'k'}); // Frontend, 13 bytes announced
        assertThrows(InvalidMessageException.class, () -> GatewaySolve.withFrontendOpt(truncated, LABEL, "ours"));
        assertEquals(1, truncated.refCnt(), "a refused message is not held");
    }

    /** As the proxy labels a held request: checked in place, then our option appended; the bytes it sends on. */
    private static byte[] rewrite(byte[] message, String key, String value) {
        ByteBuf rewritten = GatewaySolve.withFrontendOpt(Unpooled.wrappedBuffer(message), key, value);
        try {
            return ByteBufUtil.getBytes(rewritten);
        } finally {
            rewritten.release();
        }
    }
}
