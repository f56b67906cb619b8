package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads a compressed gRPC message: gzip (with the JDK's inflater) or nothing. */
final class GrpcCompression {
    private GrpcCompression() {
    }

    /**
     * The payload uncompressed, or null when it cannot be read: an encoding other than gzip, a corrupt
     * stream, more than {@code limit} bytes once inflated, or more than {@code budget} has room for.
     * Held for the caller, who releases it.
     */
    static HeldMessage inflate(CharSequence encoding, ByteBuf payload, long limit, HoldBudget budget) {
        if (encoding == null || !"gzip".contentEquals(encoding)) {
            return null;
        }
        HeldMessage out = new HeldMessage(budget, payload.alloc());
        long blockHint = Math.max(8192, payload.readableBytes() * 4L); // gzip rarely shrinks a message more
        long inflated = 0;
        try (InputStream in = new GZIPInputStream(new ByteBufInputStream(payload.slice()))) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) > 0; ) {
                inflated += n;
                if (inflated > limit || !out.append(Unpooled.wrappedBuffer(chunk), 0, n, blockHint)) {
                    out.release();
                    return null;
                }
            }
            return out;
        } catch (IOException e) {
            out.release();
            return null;
        }
    }
}
