package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads a compressed gRPC message: gzip (with the JDK's inflater) or nothing. */
final class GrpcCompression {
    private GrpcCompression() {
    }

    /**
     * The payload uncompressed, or null when it cannot be read: an encoding other than gzip, a corrupt
     * stream, or more than {@code limit} bytes once inflated. A new buffer, the caller's to release.
     */
    static ByteBuf inflate(CharSequence encoding, ByteBuf payload, long limit) {
        if (encoding == null || !"gzip".contentEquals(encoding)) {
            return null;
        }
        ByteBuf out = payload.alloc().heapBuffer(Math.max(256, payload.readableBytes() * 4));
        try (InputStream in = new GZIPInputStream(new ByteBufInputStream(payload.slice()));
                ByteBufOutputStream to = new ByteBufOutputStream(out)) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (out.readableBytes() + (long) n > limit) {
                    out.release();
                    return null;
                }
                to.write(chunk, 0, n);
            }
            return out;
        } catch (IOException e) {
            out.release();
            return null;
        }
    }
}
