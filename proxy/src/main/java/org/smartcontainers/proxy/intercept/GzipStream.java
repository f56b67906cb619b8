package org.smartcontainers.proxy.intercept;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Gzip decompression fed chunk by chunk as bytes pass (the JDK's GZIPInputStream wants to pull):
 * skips the member header, inflates the rest and hands each decompressed piece on.
 */
final class GzipStream {
    interface Sink {
        void accept(byte[] bytes, int offset, int count);
    }

    private static final int MAX_HEADER = 1 << 16;
    private final Sink sink;
    private final Inflater inflater = new Inflater(true);
    private final byte[] out = new byte[1 << 16];
    private ByteArrayOutputStream header = new ByteArrayOutputStream();
    private boolean broken;

    GzipStream(Sink sink) {
        this.sink = sink;
    }

    boolean broken() {
        return broken;
    }

    void feed(byte[] bytes, int offset, int count) {
        if (broken || inflater.finished()) {
            return;
        }
        if (header != null) {
            header.write(bytes, offset, count);
            byte[] seen = header.toByteArray();
            int end = headerEnd(seen);
            if (end < 0) {
                broken = seen.length > MAX_HEADER;
                return;
            }
            header = null;
            inflate(seen, end, seen.length - end);
            return;
        }
        inflate(bytes, offset, count);
    }

    private void inflate(byte[] bytes, int offset, int count) {
        inflater.setInput(bytes, offset, count);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(out);
                if (n > 0) {
                    sink.accept(out, 0, n);
                } else if (inflater.needsDictionary()) {
                    broken = true;
                    return;
                }
            }
        } catch (DataFormatException e) {
            broken = true; // not ours to judge: the daemon will say what is wrong with it
        }
    }

    /** Where the deflate data starts, or -1 while the header is incomplete (RFC 1952, section 2.3). */
    private static int headerEnd(byte[] h) {
        if (h.length < 10) {
            return -1;
        }
        int flags = h[3] & 0xff;
        int at = 10;
        if ((flags & 4) != 0) { // FEXTRA
            if (h.length < at + 2) {
                return -1;
            }
            at += 2 + ((h[at] & 0xff) | (h[at + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & flag) != 0) {
                while (at < h.length && h[at] != 0) {
                    at++;
                }
                if (at >= h.length) {
                    return -1;
                }
                at++;
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            at += 2;
        }
        return at <= h.length ? at : -1;
    }
}
