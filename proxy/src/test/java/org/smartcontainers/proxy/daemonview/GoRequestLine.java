package org.smartcontainers.proxy.daemonview;

import java.util.Optional;

/**
 * A request line as net/http's server reads it ({@code readRequest}: {@code parseRequestLine},
 * {@code validMethod}, {@code ParseHTTPVersion}, {@code http1ServerSupportsRequest}).
 *
 * @param target the request target exactly as sent (a byte string)
 */
public record GoRequestLine(String method, String target, int major, int minor) {

    /** The line without its line end; empty when Go answers 400 (or 505) instead. */
    public static Optional<GoRequestLine> parse(String line) {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        if (second < 0) {
            return Optional.empty(); // strings.Cut twice on a single space: no other separator
        }
        String method = line.substring(0, first);
        String target = line.substring(first + 1, second);
        String proto = line.substring(second + 1);
        if (method.isEmpty() || !method.chars().allMatch(GoRequestLine::isTokenChar)) {
            return Optional.empty();
        }
        int[] version = httpVersion(proto);
        if (version == null || version[0] != 1) {
            return Optional.empty(); // only HTTP/1.x (and the HTTP/2 preface, not a request here)
        }
        return Optional.of(new GoRequestLine(method, target, version[0], version[1]));
    }

    /** {@code ParseHTTPVersion}: {@code HTTP/} and one digit, a dot, one digit. */
    private static int[] httpVersion(String proto) {
        if (proto.length() != "HTTP/X.Y".length() || !proto.startsWith("HTTP/") || proto.charAt(6) != '.') {
            return null;
        }
        char major = proto.charAt(5);
        char minor = proto.charAt(7);
        if (major < '0' || major > '9' || minor < '0' || minor > '9') {
            return null;
        }
        return new int[] {major - '0', minor - '0'};
    }

    /** RFC 7230's tchar, as {@code httpguts.IsTokenRune}. */
    static boolean isTokenChar(int c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
