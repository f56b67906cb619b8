package org.smartcontainers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /containers/create} one at a time on a keep-alive connection: median latency in microseconds. */
final class CreateLoad {
    private static final Pattern ID = Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f]{64})\"");

    private CreateLoad() {
    }

    static double medianMicros(Path socket, String image, int count) throws IOException {
        byte[] body = ("{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"],\"Env\":[\"A=b\"],\"Labels\":{\"bench\":\"1\"}}")
                .getBytes(StandardCharsets.UTF_8);
        long[] micros = new long[count];
        try (SocketChannel channel = Http.connect(socket)) {
            InputStream in = Http.input(channel);
            for (int i = 0; i < count; i++) {
                long begin = System.nanoTime();
                send(channel, "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n", body);
                long length = Http.readHead(in);
                String answer = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
                micros[i] = (System.nanoTime() - begin) / 1000;
                Matcher id = ID.matcher(answer);
                if (!id.find()) {
                    throw new IOException("create failed: " + answer);
                }
                send(channel, "DELETE /containers/" + id.group(1) + "?force=1 HTTP/1.1\r\nHost: docker\r\n\r\n", new byte[0]);
                in.skipNBytes(Math.max(0, Http.readHead(in)));
            }
        }
        Arrays.sort(micros);
        return micros[count / 2];
    }

    private static void send(SocketChannel channel, String head, byte[] body) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(head.length() + body.length);
        buffer.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
