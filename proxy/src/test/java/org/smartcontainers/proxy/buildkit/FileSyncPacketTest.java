package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DiffCopy packets as fsutil's sender and receiver write them (Go orders fields by number). */
class FileSyncPacketTest {
    private static final long MODIFIED = 1767225600_123456789L; // nanoseconds, as fsutil sends
    /** Go's os.ModeDir (1 << 31) with 0755: a uint32 a Java int would show as negative. */
    private static final long DIRECTORY_MODE = (1L << 31) | 0755;

    private static byte[] statOf(String path, long mode, long size) {
        Wire stat = new Wire().string(1, path).varint(2, mode).varint(3, 1000).varint(4, 1000);
        if (size > 0) {
            stat.varint(5, size);
        }
        return new Wire().message(2, stat.varint(6, MODIFIED)).toByteArray(); // type STAT: left off
    }

    private static byte[] data(int id, byte[] bytes) {
        return new Wire().varint(1, 2).varint(3, id).bytes(4, bytes).toByteArray();
    }

    @Test
    void eachKindOfPacketHasItsType() {
        assertEquals(FileSyncPacket.Type.STAT, FileSyncPacket.type(statOf("Dockerfile", 0644, 42)));
        assertEquals(FileSyncPacket.Type.STAT, FileSyncPacket.type(new byte[0])); // the STAT ending the list
        assertEquals(FileSyncPacket.Type.REQ, FileSyncPacket.type(new Wire().varint(1, 1).varint(3, 3).toByteArray()));
        assertEquals(FileSyncPacket.Type.DATA, FileSyncPacket.type(data(3, new byte[32 * 1024])));
        assertEquals(FileSyncPacket.Type.DATA, FileSyncPacket.type(new Wire().varint(1, 2).varint(3, 3).toByteArray()));
        assertEquals(FileSyncPacket.Type.FIN, FileSyncPacket.type(new Wire().varint(1, 3).toByteArray()));
        assertEquals(FileSyncPacket.Type.ERR, FileSyncPacket.type(
                new Wire().varint(1, 4).bytes(4, "no such file".getBytes()).toByteArray()));
        assertEquals(FileSyncPacket.Type.OTHER, FileSyncPacket.type(new Wire().varint(1, 9).toByteArray()));
    }

    @Test
    void aStatPacketIsRead() {
        FileSyncPacket.Packet packet = FileSyncPacket.read(statOf("Dockerfile", 0644, 42));
        assertEquals(FileSyncPacket.Type.STAT, packet.type());
        assertEquals(new FileSyncPacket.Stat("Dockerfile", 0644, 1000, 1000, 42,
                Instant.parse("2026-01-01T00:00:00.123456789Z"), ""), packet.stat());
        assertEquals(0, packet.dataLength());

        FileSyncPacket.Stat directory = FileSyncPacket.read(statOf("src", DIRECTORY_MODE, 0)).stat();
        assertEquals(DIRECTORY_MODE, directory.mode());

        FileSyncPacket.Packet last = FileSyncPacket.read(new byte[0]);
        assertEquals(FileSyncPacket.Type.STAT, last.type());
        assertNull(last.stat());
    }

    @Test
    void aSymlinkKeepsItsTarget() {
        byte[] link = new Wire().message(2, new Wire().string(1, "current").varint(2, (1L << 27) | 0777)
                .varint(6, MODIFIED).string(7, "releases/1.0").entry(10, "user.origin", "x")).toByteArray();
        assertEquals("releases/1.0", FileSyncPacket.read(link).stat().linkname());
    }

    @Test
    void aDataPacketGivesItsBytesOnlyWhenAsked() {
        byte[] bytes = new byte[32 * 1024];
        new Random(7).nextBytes(bytes);
        byte[] packet = data(3, bytes);
        FileSyncPacket.Packet read = FileSyncPacket.read(packet);
        assertEquals(new FileSyncPacket.Packet(FileSyncPacket.Type.DATA, 3, null, bytes.length, null), read);
        assertArrayEquals(bytes, FileSyncPacket.read(packet, true).data());
        assertEquals(4_000_000_000L,
                FileSyncPacket.read(new Wire().varint(1, 1).varint(3, 4_000_000_000L).toByteArray()).id());
    }

    @Test
    void theTypeOfADataPacketIsLearntFromAFewBytes() {
        byte[] packet = data(3, new byte[32 * 1024]);
        CountingBuf buf = new CountingBuf(packet);
        assertEquals(FileSyncPacket.Type.DATA, FileSyncPacket.type(buf));
        assertTrue(buf.reads <= 8, buf.reads + " bytes read");
    }

    @Test
    void theTypeIsFoundWhereverItIsAndTheLastOneCounts() {
        byte[] typeLast = new Wire().bytes(4, new byte[1000]).varint(3, 5).varint(1, 2).toByteArray();
        assertEquals(FileSyncPacket.Type.DATA, FileSyncPacket.type(typeLast));
        byte[] twice = new Wire().varint(1, 2).bytes(4, new byte[10]).varint(1, 3).toByteArray();
        assertEquals(FileSyncPacket.Type.FIN, FileSyncPacket.type(twice));
        assertEquals(FileSyncPacket.Type.FIN, FileSyncPacket.read(twice).type());
        // Unknown fields of every wire type, a group with a nested group among them.
        byte[] unknowns = new Wire().raw(new byte[] {
            (byte) 0x28, 0x01,                                  // 5: varint
            (byte) 0x31, 1, 2, 3, 4, 5, 6, 7, 8,                // 6: fixed64
            (byte) 0x3d, 1, 2, 3, 4,                            // 7: fixed32
            (byte) 0x43, (byte) 0x4b, (byte) 0x4c, (byte) 0x44, // 8: group { 9: group {} }
        }).varint(1, 3).toByteArray();
        assertEquals(FileSyncPacket.Type.FIN, FileSyncPacket.type(unknowns));
        assertEquals(FileSyncPacket.Type.FIN, FileSyncPacket.read(unknowns).type());
    }

    @Test
    void aBufferIsReadFromItsReaderIndexAndLeftAsItWas() {
        byte[] packet = new Wire().varint(1, 3).toByteArray();
        ByteBuf buf = Unpooled.buffer().writeBytes(new byte[] {0x08, 0x02}).writeBytes(packet)
                .writeBytes(new byte[] {0x08, 0x04});
        buf.readerIndex(2).writerIndex(2 + packet.length);
        assertEquals(FileSyncPacket.Type.FIN, FileSyncPacket.type(buf));
        assertEquals(2, buf.readerIndex());
        assertEquals(2 + packet.length, buf.writerIndex());
    }

    @Test
    void malformedPacketsAreRefused() {
        byte[] whole = data(3, "hello".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 1);
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(truncated));
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.read(truncated));
        // The type as a string: Go's decoder refuses a wrong wire type for a field it knows.
        byte[] typeAsString = new Wire().string(1, "DATA").toByteArray();
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(typeAsString));
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(new byte[] {0x00})); // field 0
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(new byte[] {0x0c})); // lone end group
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(new byte[] {0x43, 0x08, 0x01})); // open
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(new byte[] {0x2e})); // wire type 6
        byte[] longVarint = new byte[12];
        Arrays.fill(longVarint, (byte) 0xff);
        longVarint[0] = 0x08;
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(longVarint));
        byte[] hugeLength = {0x22, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        assertThrows(InvalidMessageException.class, () -> FileSyncPacket.type(hugeLength));
    }

    /** A heap buffer that counts the bytes read out of it. */
    private static final class CountingBuf extends UnpooledHeapByteBuf {
        int reads;

        CountingBuf(byte[] bytes) {
            super(ByteBufAllocator.DEFAULT, bytes, bytes.length);
        }

        @Override
        protected byte _getByte(int index) {
            reads++;
            return super._getByte(index);
        }

        @Override
        public ByteBuf getBytes(int index, byte[] dst, int dstIndex, int length) {
            reads += length;
            return super.getBytes(index, dst, dstIndex, length);
        }
    }
}
