package org.smartcontainers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** The least HTTP/1.1 a load generator needs, over a Unix socket, with no library in between. */
final class Http {
    private Http() {
    }

    static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    static InputStream input(SocketChannel channel) {
        return Channels.newInputStream(channel);
    }

    /** Reads one response head and returns its Content-Length (-1 when absent). */
    static long readHead(InputStream in) throws IOException {
        long length = -1;
        StringBuilder line = new StringBuilder();
        boolean first = true;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a response head");
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
                continue;
            }
            if (line.length() == 0) {
                return length;
            }
            String text = line.toString();
            if (first && !text.startsWith("HTTP/1.1 2")) {
                throw new IOException("unexpected status: " + text);
            }
            first = false;
            if (text.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(text.substring(15).strip());
            }
            line.setLength(0);
        }
    }
}
