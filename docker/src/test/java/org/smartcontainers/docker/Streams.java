package org.smartcontainers.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Answers of the Docker daemon as tests make them: text, and values far larger than a heap, made as they are read. */
final class Streams {
    private Streams() {
    }

    static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code size} bytes of {@code x}, made as they are read: nothing holds them all. */
    static InputStream xs(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] into, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(into, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }
}
