package org.smartcontainers.docker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads what the proxy needs from a Docker Engine API request line. */
public final class DockerApiPath {
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9][0-9.]*(?=/)");
    /** Docker's router: {@code /v{version:[0-9.]+}} before every route. */
    private static final Pattern DOCKER_VERSION_PREFIX = Pattern.compile("^/v[0-9.]+(?=/)");
    /** What {@link #classify} gives for a request no route of Docker's handles: never equal to a route. */
    public static final String NO_ROUTE = "(no route)";
    /** Calls the daemon answers by taking over the connection, with or without {@code Upgrade}. */
    private static final Pattern HIJACKING = Pattern.compile("^/(containers/[^/]+/attach|exec/[^/]+/start)$");

    private DockerApiPath() {
    }

    /** The path without its query and without the {@code /v1.NN} prefix: {@code /containers/create}. */
    public static String route(String uri) {
        return VERSION_PREFIX.matcher(pathOnly(uri)).replaceFirst("");
    }

    /**
     * The route Docker's router matches this request target to, as the daemon reads it: Go parses the
     * target (origin form, or the path of an absolute form), unescapes the path ({@code %63reate} is
     * {@code create}, {@code %2F} a slash), gorilla/mux answers a path that is not clean
     * ({@code //}, {@code /./}, {@code /../}) with a redirect before any handler, and strips
     * {@code /v[0-9.]+}. {@link #NO_ROUTE} when no handler sees it (a redirect, an unreadable target).
     */
    public static String classify(String uri) {
        String path = targetPath(uri);
        if (path == null) {
            return NO_ROUTE;
        }
        String decoded = unescapePath(path);
        if (decoded == null || !decoded.equals(cleanPath(decoded))) {
            return NO_ROUTE;
        }
        return DOCKER_VERSION_PREFIX.matcher(decoded).replaceFirst("");
    }

    /**
     * The path of a request target as Go's {@code url.ParseRequestURI} finds it: origin form as it
     * is; after a scheme ({@code [A-Za-z][A-Za-z0-9+.-]*:}), what follows an authority ({@code //host},
     * possibly empty) or, without one, the rest when it starts with {@code /} ({@code http:/v1.45/commit}
     * is a commit); null for anything else (an opaque or unreadable target: no handler sees it).
     */
    private static String targetPath(String uri) {
        String target = pathOnly(uri);
        if (target.startsWith("/")) {
            return target;
        }
        int colon = schemeEnd(target);
        if (colon < 0) {
            return null;
        }
        String rest = target.substring(colon + 1);
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            return slash < 0 ? "" : rest.substring(slash);
        }
        return rest.startsWith("/") ? rest : null;
    }

    /** Where Go's {@code getScheme} ends a scheme: the index of its colon, or -1 when there is none. */
    private static int schemeEnd(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    return -1;
                }
                continue;
            }
            return c == ':' && i > 0 ? i : -1;
        }
        return -1;
    }

    /**
     * A request target as it may be logged: its path alone. An absolute form's authority may carry a
     * password ({@code http://user:password@host/...}), and a query, values of any kind.
     */
    public static String forLog(String uri) {
        String path = targetPath(uri);
        return path != null ? path : "(a request target that cannot be read)";
    }

    /** Go's path unescaping: every {@code %XX} becomes its byte (UTF-8 as a whole); a bad escape is an error (null). */
    static String unescapePath(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        byte[] bytes = unescape(path, false);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Go's {@code url} unescaping, byte by byte: {@code %XX} (ASCII hex digits) is that byte, any
     * other {@code %} an error (null); in a query ({@code plusIsSpace}) {@code +} is a space. The
     * text's other chars are taken as UTF-8.
     */
    public static byte[] unescape(String text, boolean plusIsSpace) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%') {
                int high = i + 2 < raw.length ? hexDigit(raw[i + 1]) : -1;
                int low = high >= 0 ? hexDigit(raw[i + 2]) : -1;
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(plusIsSpace && b == '+' ? ' ' : b);
            }
        }
        return bytes.toByteArray();
    }

    private static int hexDigit(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }

    /** gorilla/mux's cleanPath: Go's path.Clean, keeping a trailing slash. */
    static String cleanPath(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String rooted = path.charAt(0) == '/' ? path : "/" + path;
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (String segment : rooted.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        String clean = "/" + String.join("/", kept);
        return rooted.endsWith("/") && !clean.equals("/") ? clean + "/" : clean;
    }

    /** The path without its query, for logs: queries can carry build-arg values. */
    public static String pathOnly(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /**
     * True when this call can change which image a reference names: a build, a commit, any call
     * but a read on {@code /images} (tag, untag, pull, import, load, prune), or one of our API's
     * (relabelling commits an image).
     */
    public static boolean changesImages(String method, String uri) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return false;
        }
        String route = classify(uri);
        return route.startsWith("/images/") || route.equals("/build") || route.equals("/commit")
                || route.startsWith("/sc/v1/images/");
    }

    /**
     * True when the daemon may switch this connection to raw bytes after answering.
     *
     * @param upgrade whether the request asks for an {@code Upgrade}
     */
    public static boolean mayHijack(String uri, boolean upgrade) {
        if (upgrade) {
            return true;
        }
        // Cheap test first: this runs on every request.
        return (uri.contains("/attach") || uri.contains("/start") || uri.indexOf('%') >= 0)
                && HIJACKING.matcher(classify(uri)).matches();
    }

    /** One path segment as it goes into a URL: percent-encoded, a space as {@code %20}. */
    public static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Parameters as a query string ({@code ?a=1&b=2}), each name and value encoded; empty for none. */
    public static String queryString(Map<String, List<String>> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> query.append(query.length() == 0 ? '?' : '&')
                .append(encodeSegment(name)).append('=').append(encodeSegment(value))));
        return query.toString();
    }
}
