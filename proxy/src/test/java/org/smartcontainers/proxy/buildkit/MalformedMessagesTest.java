package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, a reader either reads them or throws {@link InvalidMessageException}:
 * random bytes, and real-looking messages cut short or with a byte changed.
 */
class MalformedMessagesTest {
    private static final List<Consumer<byte[]>> READERS = List.of(
            message -> ControlSolve.read(Unpooled.wrappedBuffer(message)),
            message -> { // as the proxy labels a solve: read in place, then the entry appended
                ByteBuf held = Unpooled.wrappedBuffer(message);
                ControlSolve.read(held);
                ControlSolve.withFrontendAttr(held, "label:smartcontainer", "ours").release();
            },
            message -> GatewaySolve.withFrontendOpt(Unpooled.wrappedBuffer(message), "label:smartcontainer", "ours").release(),
            ControlStatus::ref,
            ControlStatus::vertexes,
            SolveResult::exporterResponse,
            FileSyncPacket::type,
            message -> FileSyncPacket.read(message, true));

    private static final List<byte[]> SAMPLES = List.of(
            new Wire().string(1, "l2x7wz0s8m4bq1t6f9d3k5h0a").string(5, "q8k2m3v0y7c1x4e9w5r6t2u8i")
                    .entries(7, ControlSolveTest.buildxAttrs())
                    .message(13, new Wire().string(1, "moby").entry(2, "name", "example/app:1")).toByteArray(),
            ControlStatusTest.runStepFinished(),
            new Wire().message(2, new Wire().string(1, "Dockerfile").varint(2, 0644).varint(5, 42)
                    .varint(6, 1767225600_000000000L)).toByteArray(),
            new Wire().varint(1, 2).varint(3, 3).bytes(4, new byte[300]).toByteArray());

    @Test
    void randomBytes() {
        Random random = new Random(20260101);
        for (int i = 0; i < 20_000; i++) {
            byte[] message = new byte[random.nextInt(48)];
            random.nextBytes(message);
            readAll(message);
        }
    }

    @Test
    void realLookingMessagesCutShortOrChanged() {
        Random random = new Random(42);
        for (byte[] sample : SAMPLES) {
            for (int length = 0; length < sample.length; length++) {
                readAll(Arrays.copyOf(sample, length));
            }
            for (int i = 0; i < 5_000; i++) {
                byte[] changed = sample.clone();
                changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
                readAll(changed);
            }
        }
    }

    @Test
    void whereBothReadAPacketTheFastTypeAgreesWithTheFullRead() {
        Random random = new Random(3);
        byte[] sample = SAMPLES.get(3);
        int agreed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] changed = sample.clone();
            changed[random.nextInt(12)] = (byte) random.nextInt(256);
            FileSyncPacket.Type fast;
            FileSyncPacket.Type full;
            try {
                fast = FileSyncPacket.type(changed);
                full = FileSyncPacket.read(changed).type();
            } catch (InvalidMessageException e) {
                continue;
            }
            assertEquals(full, fast, () -> Arrays.toString(changed));
            agreed++;
        }
        if (agreed < 1000) {
            fail("only " + agreed + " changed packets were read both ways");
        }
    }

    private static void readAll(byte[] message) {
        for (Consumer<byte[]> reader : READERS) {
            try {
                reader.accept(message);
            } catch (InvalidMessageException e) {
                // refused, as it should be
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected " + e + " for " + Arrays.toString(message), e);
            }
        }
    }
}
