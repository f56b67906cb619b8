package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Bulk transfers: an image saved down the socket, a build context sent up it. Returns MB/s. */
final class StreamLoad {
    private StreamLoad() {
    }

    /** {@code GET /images/{name}/get}, reading the tar to the end. */
    static double save(Path socket, String image) throws IOException {
        try (HttpConnection connection = HttpConnection.open(socket)) {
            long begin = System.nanoTime();
            connection.send("GET /images/" + image + "/get HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            connection.readHead();
            long bytes = connection.drainToClose();
            return megabytesPerSecond(bytes, System.nanoTime() - begin);
        }
    }

    /** {@code POST /build} of a context holding a Dockerfile and {@code size} bytes of data. */
    static double build(Path socket, String baseImage, long size) throws IOException {
        TarStream context = new TarStream("FROM " + baseImage + "\nLABEL sc.bench=1\n", size);
        try (HttpConnection connection = HttpConnection.open(socket)) {
            long begin = System.nanoTime();
            connection.send("POST /build?q=1&rm=1 HTTP/1.1\r\nHost: docker\r\nContent-Type: application/x-tar\r\n"
                    + "Content-Length: " + context.length() + "\r\nConnection: close\r\n\r\n");
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 16);
            while (context.fill(chunk)) {
                chunk.flip();
                while (chunk.hasRemaining()) {
                    connection.channel().write(chunk);
                }
                chunk.clear();
            }
            connection.readHead();
            String progress = connection.readToClose();
            if (progress.contains("\"error\"")) {
                throw new IOException("build failed: " + progress);
            }
            return megabytesPerSecond(context.length(), System.nanoTime() - begin);
        }
    }

    private static double megabytesPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
