package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /containers/create} (then a forced delete, not timed) on keep-alive connections, in
 * pairs: one create direct, one through the proxy, alternating which goes first. The median of the
 * per-pair differences is what the proxy adds; pairing cancels most of the drift of a shared machine.
 */
final class CreateLoad {
    private static final Pattern ID = Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f]{64})\"");

    /** Medians in microseconds. */
    record Pairs(int count, double directMicros, double proxyMicros, double addedMicros) {
    }

    private final byte[] body;

    CreateLoad(String image) {
        body = ("{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"],\"Env\":[\"A=b\"],\"Labels\":{\"bench\":\"1\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} creates through {@code socket}, unmeasured: the JIT compiles the recording path. */
    void warm(Path socket, int count) throws IOException {
        try (HttpConnection connection = HttpConnection.open(socket)) {
            for (int i = 0; i < count; i++) {
                createAndDelete(connection);
            }
        }
    }

    Pairs pairs(Path direct, Path proxy, int count) throws IOException {
        long[] directMicros = new long[count];
        long[] proxyMicros = new long[count];
        long[] added = new long[count];
        try (HttpConnection toDirect = HttpConnection.open(direct); HttpConnection toProxy = HttpConnection.open(proxy)) {
            for (int i = 0; i < count; i++) {
                if (i % 2 == 0) {
                    directMicros[i] = createAndDelete(toDirect);
                    proxyMicros[i] = createAndDelete(toProxy);
                } else {
                    proxyMicros[i] = createAndDelete(toProxy);
                    directMicros[i] = createAndDelete(toDirect);
                }
                added[i] = proxyMicros[i] - directMicros[i];
            }
        }
        return new Pairs(count, median(directMicros), median(proxyMicros), median(added));
    }

    /** The create's latency in microseconds; the delete that follows is not timed. */
    private long createAndDelete(HttpConnection connection) throws IOException {
        long begin = System.nanoTime();
        connection.send("POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n", body);
        connection.readHead();
        String answer = connection.readBody();
        long micros = (System.nanoTime() - begin) / 1000;
        Matcher id = ID.matcher(answer);
        if (!id.find()) {
            throw new IOException("create failed: " + answer);
        }
        connection.send("DELETE /containers/" + id.group(1) + "?force=1 HTTP/1.1\r\nHost: docker\r\n\r\n");
        connection.readResponse();
        return micros;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
