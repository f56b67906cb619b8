package org.smartcontainers.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A tar archive of a Dockerfile and one large file of zeros, produced as it is sent: nothing held in memory. */
final class TarStream {
    private static final int BLOCK = 512;
    private final byte[] head;
    private final long dataSize;
    private final long length;
    private long position;

    TarStream(String dockerfile, long dataSize) {
        byte[] content = dockerfile.getBytes(StandardCharsets.UTF_8);
        ByteBuffer prefix = ByteBuffer.allocate(BLOCK + padded(content.length) + BLOCK);
        prefix.put(header("Dockerfile", content.length)).put(content);
        prefix.position(BLOCK + padded(content.length));
        prefix.put(header("big.bin", dataSize));
        this.head = prefix.array();
        this.dataSize = dataSize;
        this.length = head.length + paddedLong(dataSize) + 2L * BLOCK;
    }

    long length() {
        return length;
    }

    /** Fills {@code out} with the next bytes; false once the archive is complete. */
    boolean fill(ByteBuffer out) {
        if (position >= length) {
            return false;
        }
        while (out.hasRemaining() && position < length) {
            if (position < head.length) {
                int n = (int) Math.min(out.remaining(), head.length - position);
                out.put(head, (int) position, n);
                position += n;
            } else {
                int n = (int) Math.min(out.remaining(), length - position);
                for (int i = 0; i < n; i++) {
                    out.put((byte) 0); // file data, its padding and the end-of-archive blocks are all zeros
                }
                position += n;
            }
        }
        return true;
    }

    private static int padded(long size) {
        return (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
    }

    private static long paddedLong(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }
}
