package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bulk transfers: an image saved down the socket, a build context sent up it. Returns MB/s. */
final class StreamLoad {
    /** What {@code q=1} prints: the image's ID alone. */
    private static final Pattern BUILT = Pattern.compile("\\{\"stream\":\"(sha256:[0-9a-f]{64})");

    /** A transfer's size and rate. */
    record Moved(long bytes, double megabytesPerSecond) {
    }

    /** A build's context (its size and rate), and the image it made. */
    record Built(Moved context, String imageId) {
    }

    private StreamLoad() {
    }

    /** {@code GET /images/{name}/get}, reading the tar to the end. */
    static Moved save(Path socket, String image) throws IOException {
        try (HttpConnection connection = HttpConnection.open(socket)) {
            long begin = System.nanoTime();
            connection.send("GET /images/" + image + "/get HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            connection.readHead();
            long bytes = connection.drainToClose();
            return new Moved(bytes, megabytesPerSecond(bytes, System.nanoTime() - begin));
        }
    }

    /** {@code POST /build} of a context holding a Dockerfile and {@code size} bytes of data. */
    static Built build(Path socket, String baseImage, long size) throws IOException {
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
            long nanos = System.nanoTime() - begin;
            Matcher built = BUILT.matcher(progress);
            if (progress.contains("\"error\"") || !built.find()) {
                throw new IOException("build failed: " + progress);
            }
            return new Built(new Moved(context.length(), megabytesPerSecond(context.length(), nanos)), built.group(1));
        }
    }

    /** Whether the image carries the proxy's label: its build went the recorded path. */
    static boolean labelled(Path socket, String imageId) throws IOException {
        try (HttpConnection connection = HttpConnection.open(socket)) {
            connection.send("GET /images/" + imageId + "/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            connection.readHead();
            return connection.readToClose().contains("\"smartcontainer\":");
        }
    }

    private static double megabytesPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
