package org.smartcontainers.web;

import java.net.InetSocketAddress;

/** Where the HTTP server listens ({@code sc daemon --http HOST:PORT}); loopback unless told otherwise. */
public record HttpAddress(String host, int port) {
    public static final HttpAddress DEFAULT = new HttpAddress("127.0.0.1", 8750);

    public HttpAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (loopback); null or blank gives the default. */
    public static HttpAddress parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = DEFAULT.host();
        }
        try {
            return new HttpAddress(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number after ':' in '" + value + "'");
        }
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
