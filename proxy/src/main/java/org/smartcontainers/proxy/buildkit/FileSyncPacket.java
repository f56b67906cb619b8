package org.smartcontainers.proxy.buildkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import org.smartcontainers.proxy.buildkit.proto.FileSyncProto;

/**
 * fsutil's packet, the message of {@code /moby.filesync.v1.FileSync/DiffCopy}: how a build's
 * context travels from the client (STAT for each file, an empty STAT to end the list; REQ from
 * the daemon for a file's ID; DATA for it, an empty DATA to end the file; FIN; ERR with a reason).
 */
public final class FileSyncPacket {
    private FileSyncPacket() {
    }

    /** {@code OTHER}: a number fsutil does not define; its receivers pass over such packets. */
    public enum Type {
        STAT, REQ, DATA, FIN, ERR, OTHER;

        private static final Type[] BY_NUMBER = {STAT, REQ, DATA, FIN, ERR};

        static Type of(int number) {
            return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : OTHER;
        }
    }

    /**
     * A file's metadata: {@code mode} is Go's {@code os.FileMode} (permission bits and Go's type
     * bits, not Unix's), unsigned like {@code uid} and {@code gid}.
     */
    public record Stat(String path, long mode, long uid, long gid, long size, Instant modTime, String linkname) {
    }

    /**
     * {@code stat} null when absent (the empty STAT that ends the list); {@code data} null
     * unless asked for, its length always given.
     */
    public record Packet(Type type, long id, Stat stat, int dataLength, byte[] data) {
    }

    /**
     * The packet's type, learnt by walking its top-level fields without copying any: field 1,
     * absent when it is STAT (0), the last one when repeated, as Go's decoder takes it. Leaves
     * the buffer's indexes as they were.
     */
    public static Type type(ByteBuf message) {
        return Type.of(new TypeScan(message).type());
    }

    public static Type type(byte[] message) {
        return type(Unpooled.wrappedBuffer(message));
    }

    public static Packet read(byte[] message) {
        return read(message, false);
    }

    public static Packet read(byte[] message, boolean withData) {
        FileSyncProto.Packet packet = Messages.parse(FileSyncProto.Packet.parser(), message, "FileSync packet");
        return new Packet(Type.of(packet.getTypeValue()), Integer.toUnsignedLong(packet.getId()),
                packet.hasStat() ? stat(packet.getStat()) : null,
                packet.getData().size(), withData ? packet.getData().toByteArray() : null);
    }

    private static Stat stat(FileSyncProto.Stat stat) {
        return new Stat(stat.getPath(), Integer.toUnsignedLong(stat.getMode()), Integer.toUnsignedLong(stat.getUid()),
                Integer.toUnsignedLong(stat.getGid()), stat.getSize(), Instant.EPOCH.plusNanos(stat.getModTime()),
                stat.getLinkname());
    }

    /**
     * Protobuf's wire format read as fsutil's Go decoder (vtprotobuf) reads a packet: the same
     * wire types required for the packet's fields, unknown fields skipped, groups included.
     */
    private static final class TypeScan {
        private static final int VARINT = 0;
        private static final int FIXED64 = 1;
        private static final int LENGTH_DELIMITED = 2;
        private static final int START_GROUP = 3;
        private static final int END_GROUP = 4;
        private static final int FIXED32 = 5;

        private final ByteBuf bytes;
        private final int end;
        private int at;

        TypeScan(ByteBuf bytes) {
            this.bytes = bytes;
            this.at = bytes.readerIndex();
            this.end = bytes.writerIndex();
        }

        int type() {
            int type = 0;
            while (at < end) {
                long tag = varint();
                int field = (int) (tag >>> 3);
                int wireType = (int) (tag & 7);
                if (wireType == END_GROUP) {
                    throw malformed("end of a group that was not started");
                }
                if (field <= 0) {
                    throw malformed("field number " + field);
                }
                int expected = switch (field) {
                    case 1, 3 -> VARINT;
                    case 2, 4 -> LENGTH_DELIMITED;
                    default -> wireType;
                };
                if (wireType != expected) {
                    throw malformed("wire type " + wireType + " for field " + field);
                }
                if (field == 1) {
                    type = (int) varint();
                } else {
                    skip(wireType);
                }
            }
            return type;
        }

        /** Skips one value; a group up to its end, however deeply nested. */
        private void skip(int wireType) {
            int depth = 0;
            while (true) {
                switch (wireType) {
                    case VARINT -> varint();
                    case FIXED64 -> advance(8);
                    case LENGTH_DELIMITED -> {
                        long length = varint();
                        if (length < 0 || length > Integer.MAX_VALUE) {
                            throw malformed("length " + Long.toUnsignedString(length));
                        }
                        advance((int) length);
                    }
                    case START_GROUP -> depth++;
                    case END_GROUP -> {
                        if (depth == 0) {
                            throw malformed("end of a group that was not started");
                        }
                        depth--;
                    }
                    case FIXED32 -> advance(4);
                    default -> throw malformed("wire type " + wireType);
                }
                if (depth == 0) {
                    return;
                }
                if (at >= end) {
                    throw malformed("group not ended");
                }
                wireType = (int) (varint() & 7);
            }
        }

        private void advance(int count) {
            if (count > end - at) {
                throw malformed("truncated");
            }
            at += count;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= end) {
                    throw malformed("truncated");
                }
                byte b = bytes.getByte(at++);
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw malformed("varint longer than 10 bytes");
        }

        private static InvalidMessageException malformed(String what) {
            return new InvalidMessageException("not a FileSync packet: " + what);
        }
    }
}
