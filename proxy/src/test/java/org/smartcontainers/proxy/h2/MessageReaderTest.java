package org.smartcontainers.proxy.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How a tap reads one direction's messages: whole, in direct blocks, within its limit and the process's budget. */
class MessageReaderTest {
    private static final long MIB = 1 << 20;

    /** What a reader handed over: each message's bytes, or its length and the reason it was not read. */
    private static final class Seen implements MessageReader.Sink {
        final List<byte[]> messages = new ArrayList<>();
        final List<String> notRead = new ArrayList<>();
        boolean direct = true;
        long heldDuringMessage;
        HoldBudget budget;

        @Override
        public void message(boolean compressed, ByteBuf payload) {
            direct &= payload.readableBytes() == 0 || payload.isDirect();
            heldDuringMessage = budget == null ? 0 : budget.held();
            messages.add(ByteBufUtil.getBytes(payload));
        }

        @Override
        public void notRead(long length, String because) {
            notRead.add(length + " " + because);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    private static byte[] framed(byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(payload.length).put(payload).array();
    }

    /** Feeds {@code wire} in pieces of {@code piece} bytes, each in a pooled direct buffer released after, as a tap does. */
    private static void feed(MessageReader reader, byte[] wire, int piece, Seen seen) {
        for (int at = 0; at < wire.length; at += piece) {
            int n = Math.min(piece, wire.length - at);
            ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(n).writeBytes(wire, at, n);
            try {
                reader.feed(data, seen);
            } finally {
                data.release();
            }
        }
    }

    @Test
    void aMessageSpreadOverManyFramesArrivesWholeInDirectMemoryAndItsBytesAreGivenBack() {
        HoldBudget budget = new HoldBudget(8 * MIB);
        MessageReader reader = new MessageReader(4 * MIB, budget);
        Seen seen = new Seen();
        seen.budget = budget;
        byte[] big = random(3 * (int) MIB + 17, 1);
        byte[] small = random(40, 2);
        byte[] wire = new byte[framed(big).length + framed(small).length + 5];
        ByteBuffer.wrap(wire).put(framed(big)).put(framed(small)).put(framed(new byte[0]));

        feed(reader, wire, 16_393, seen);

        assertEquals(3, seen.messages.size());
        assertArrayEquals(big, seen.messages.get(0));
        assertArrayEquals(small, seen.messages.get(1));
        assertEquals(0, seen.messages.get(2).length);
        assertTrue(seen.direct, "held in direct memory, off the daemon's small heap");
        assertTrue(seen.heldDuringMessage < 256 << 10, "the last message held only its own block: " + seen.heldDuringMessage);
        assertEquals(0, budget.held(), "every block given back once its message is handed over");
    }

    @Test
    void aMessageOverTheLimitIsReportedSkippedAndTheNextOneRead() {
        HoldBudget budget = new HoldBudget(8 * MIB);
        MessageReader reader = new MessageReader(MIB, budget);
        Seen seen = new Seen();
        byte[] next = random(100, 3);
        byte[] wire = new byte[framed(new byte[(int) MIB + 1]).length + framed(next).length];
        ByteBuffer.wrap(wire).put(framed(new byte[(int) MIB + 1])).put(framed(next));

        feed(reader, wire, 7_000, seen);

        assertEquals(List.of((MIB + 1) + " more than the proxy reads (1 MiB)"), seen.notRead);
        assertEquals(1, seen.messages.size());
        assertArrayEquals(next, seen.messages.get(0));
        assertEquals(0, budget.held());
    }

    @Test
    void aMessageTheBudgetHasNoRoomForIsSkippedAndHoldsNothing() {
        HoldBudget budget = new HoldBudget(2 * MIB);
        assertTrue(budget.take(MIB), "another stream's message holds half the budget");
        MessageReader reader = new MessageReader(64 * MIB, budget);
        Seen seen = new Seen();
        byte[] over = random((int) (3 * MIB / 2), 4);
        byte[] fits = random((int) (MIB / 2), 5);
        byte[] wire = new byte[framed(over).length + framed(fits).length];
        ByteBuffer.wrap(wire).put(framed(over)).put(framed(fits));

        feed(reader, wire, 16_384, seen);

        assertEquals(1, seen.notRead.size(), seen.notRead.toString());
        assertTrue(seen.notRead.get(0).startsWith(over.length + " more than the proxy can hold beside the other messages"),
                seen.notRead.get(0));
        assertEquals(1, seen.messages.size());
        assertArrayEquals(fits, seen.messages.get(0));
        assertEquals(MIB, budget.held(), "only the other stream's bytes are still held");
    }

    @Test
    void aMessageDeclaredLongButCutShortHoldsAtMostOneBlockBeyondItsBytesAndGivesThemBackOnRelease() {
        HoldBudget budget = new HoldBudget(128 * MIB);
        MessageReader reader = new MessageReader(64 * MIB, budget);
        Seen seen = new Seen();
        byte[] start = ByteBuffer.allocate(5 + 1000).put((byte) 0).putInt((int) (60 * MIB)).array();

        feed(reader, start, 1005, seen);

        assertTrue(reader.midMessage());
        assertTrue(budget.held() <= 1000 + (256 << 10), "a 60 MiB claim with 1000 bytes sent holds " + budget.held());
        reader.release();
        assertEquals(0, budget.held());
    }
}
