package org.smartcontainers.proxy.daemonview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** net/url as net/http's server uses it: {@code ParseRequestURI}, {@code unescape}, {@code ParseQuery}. */
public final class GoUrl {
    /** unescape's modes that matter here. */
    enum Mode { PATH, HOST, ZONE, USER_PASSWORD, QUERY_COMPONENT }

    /** What a handler sees of a request target: {@code URL.Path} (decoded) and {@code URL.RawQuery}. */
    public record RequestTarget(String path, String rawQuery) {
    }

    /** A query as {@code ParseQuery} reads it: the pairs it kept, in order, and whether it met an error. */
    public record Query(List<Map.Entry<String, String>> pairs, boolean failed) {
        /** {@code Values[name]}. */
        public List<String> values(String name) {
            return pairs.stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }
    }

    private GoUrl() {
    }

    /** {@code url.ParseRequestURI}; empty when it fails (net/http then answers 400). */
    public static Optional<RequestTarget> parseRequestUri(String raw) {
        if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.equals("*")) {
            return Optional.of(new RequestTarget("*", ""));
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) { // getScheme
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    return Optional.empty(); // missing protocol scheme
                }
                scheme = raw.substring(0, i);
                rest = raw.substring(i + 1);
            }
            break;
        }
        String rawQuery = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1); // ForceQuery
        } else if (rest.indexOf('?') >= 0) {
            rawQuery = rest.substring(rest.indexOf('?') + 1);
            rest = rest.substring(0, rest.indexOf('?'));
        }
        if (!rest.startsWith("/")) {
            // A rootless path after a scheme is opaque: Path stays empty. Without a scheme: an error.
            return scheme.isEmpty() ? Optional.empty() : Optional.of(new RequestTarget("", rawQuery));
        }
        if (!scheme.isEmpty() && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash < 0 ? "" : authority.substring(slash);
            if (!validAuthority(slash < 0 ? authority : authority.substring(0, slash))) {
                return Optional.empty();
            }
        }
        String query = rawQuery;
        return unescape(rest, Mode.PATH).map(path -> new RequestTarget(path, query));
    }

    /** {@code parseAuthority}: only whether it fails. */
    private static boolean validAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        if (!validHost(at < 0 ? authority : authority.substring(at + 1))) {
            return false;
        }
        if (at < 0) {
            return true;
        }
        String userinfo = authority.substring(0, at);
        if (!userinfo.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0))) {
            return false;
        }
        int colon = userinfo.indexOf(':');
        return colon < 0 ? unescape(userinfo, Mode.USER_PASSWORD).isPresent()
                : unescape(userinfo.substring(0, colon), Mode.USER_PASSWORD).isPresent()
                        && unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD).isPresent();
    }

    /** {@code parseHost}: only whether it fails. */
    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0 || !validOptionalPort(host.substring(close + 1))) {
                return false;
            }
            int zone = host.substring(0, close).indexOf("%25");
            if (zone >= 0) {
                return unescape(host.substring(0, zone), Mode.HOST).isPresent()
                        && unescape(host.substring(zone, close), Mode.ZONE).isPresent()
                        && unescape(host.substring(close), Mode.HOST).isPresent();
            }
        } else if (host.lastIndexOf(':') >= 0 && !validOptionalPort(host.substring(host.lastIndexOf(':')))) {
            return false;
        }
        return unescape(host, Mode.HOST).isPresent();
    }

    private static boolean validOptionalPort(String port) {
        return port.isEmpty() || port.charAt(0) == ':' && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** {@code url.unescape}: every {@code %XX} becomes its byte, {@code +} a space in a query; empty on a bad escape. */
    static Optional<String> unescape(String s, Mode mode) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    return Optional.empty();
                }
                int value = hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2));
                if (mode == Mode.HOST && hex(s.charAt(i + 1)) < 8 && !s.startsWith("%25", i)) {
                    return Optional.empty(); // a host may escape only non-ASCII bytes (and %25)
                }
                if (mode == Mode.ZONE && !s.startsWith("%25", i) && value != ' ' && shouldEscapeInHost(value)) {
                    return Optional.empty();
                }
                i += 2;
            } else if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscapeInHost(c)) {
                return Optional.empty();
            }
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.append((char) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c == '+' && mode == Mode.QUERY_COMPONENT ? ' ' : c);
            }
        }
        return Optional.of(out.toString());
    }

    /** {@code shouldEscape(c, encodeHost)}. */
    private static boolean shouldEscapeInHost(int c) {
        if (c < 0x80 && Character.isLetterOrDigit(c)) {
            return false;
        }
        return "!$&'()*+,;=:[]<>\"-_.~".indexOf(c) < 0;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /**
     * {@code url.ParseQuery}: pairs split on {@code &}; a pair holding {@code ;} is dropped (an
     * error since Go 1.17), as is one with a bad escape; the rest are kept.
     */
    public static Query parseQuery(String query) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        boolean failed = false;
        for (String pair : query.split("&", -1)) {
            if (pair.indexOf(';') >= 0) {
                failed = true;
                continue;
            }
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            Optional<String> key = unescape(equals < 0 ? pair : pair.substring(0, equals), Mode.QUERY_COMPONENT);
            Optional<String> value = unescape(equals < 0 ? "" : pair.substring(equals + 1), Mode.QUERY_COMPONENT);
            if (key.isEmpty() || value.isEmpty()) {
                failed = true;
                continue;
            }
            pairs.add(Map.entry(key.get(), value.get()));
        }
        return new Query(pairs, failed);
    }
}
