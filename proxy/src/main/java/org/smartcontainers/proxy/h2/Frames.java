package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** HTTP/2 frame layout (RFC 9113, section 4.1) and the few frames the tap writes itself. */
final class Frames {
    static final int HEADER_BYTES = 9;
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PUSH_PROMISE = 0x5;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY_FLAG = 0x20;

    static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    static final int SETTINGS_MAX_FRAME_SIZE = 0x5;

    static final int DEFAULT_WINDOW = 65_535;
    static final int DEFAULT_MAX_FRAME = 16_384;
    static final long CANCEL = 0x8;

    private Frames() {
    }

    // ---- reading a whole frame, its header at the reader index ----

    static int length(ByteBuf frame) {
        return frame.getUnsignedMedium(frame.readerIndex());
    }

    static int type(ByteBuf frame) {
        return frame.getUnsignedByte(frame.readerIndex() + 3);
    }

    static int flags(ByteBuf frame) {
        return frame.getUnsignedByte(frame.readerIndex() + 4);
    }

    static int streamId(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + 5) & 0x7fff_ffff;
    }

    static boolean has(ByteBuf frame, int flag) {
        return (flags(frame) & flag) != 0;
    }

    /** Where the payload starts. */
    static int payload(ByteBuf frame) {
        return frame.readerIndex() + HEADER_BYTES;
    }

    // ---- frames the tap writes ----

    static ByteBuf header(ByteBufAllocator alloc, int length, int type, int flags, int streamId) {
        ByteBuf out = alloc.buffer(HEADER_BYTES);
        writeHeader(out, length, type, flags, streamId);
        return out;
    }

    static void writeHeader(ByteBuf out, int length, int type, int flags, int streamId) {
        out.writeMedium(length).writeByte(type).writeByte(flags).writeInt(streamId);
    }

    static ByteBuf windowUpdate(ByteBufAllocator alloc, int streamId, int increment) {
        ByteBuf out = alloc.buffer(HEADER_BYTES + 4);
        writeHeader(out, 4, WINDOW_UPDATE, 0, streamId);
        return out.writeInt(increment);
    }

    static ByteBuf rstStream(ByteBufAllocator alloc, int streamId, long errorCode) {
        ByteBuf out = alloc.buffer(HEADER_BYTES + 4);
        writeHeader(out, 4, RST_STREAM, 0, streamId);
        return out.writeInt((int) errorCode);
    }

    /**
     * A HEADERS frame ending the stream, its block of HPACK literals without indexing and without
     * Huffman coding (RFC 7541, 6.2.2): the receiver's dynamic table is left as it was, so its
     * decoder stays in step with the real peer's encoder.
     */
    static ByteBuf endingHeaders(ByteBufAllocator alloc, int streamId, String... namesAndValues) {
        ByteBuf block = alloc.buffer();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            block.writeByte(0x00); // literal without indexing, new name
            writeString(block, namesAndValues[i]);
            writeString(block, namesAndValues[i + 1]);
        }
        ByteBuf out = alloc.buffer(HEADER_BYTES + block.readableBytes());
        writeHeader(out, block.readableBytes(), HEADERS, END_HEADERS | END_STREAM, streamId);
        out.writeBytes(block);
        block.release();
        return out;
    }

    private static void writeString(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInteger(out, 7, bytes.length); // H bit 0: no Huffman
        out.writeBytes(bytes);
    }

    /** An HPACK integer with an N-bit prefix, the prefix's other bits zero (RFC 7541, 5.1). */
    static void writeInteger(ByteBuf out, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.writeByte(value);
            return;
        }
        out.writeByte(max);
        int rest = value - max;
        while (rest >= 128) {
            out.writeByte((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }
}
