package org.smartcontainers.docker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads what the proxy needs from a Docker Engine API request line. */
public final class DockerApiPath {
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9][0-9.]*(?=/)");
    /** Calls the daemon answers by taking over the connection, with or without {@code Upgrade}. */
    private static final Pattern HIJACKING = Pattern.compile("^/(containers/[^/]+/attach|exec/[^/]+/start)$");

    private DockerApiPath() {
    }

    /** The path without its query and without the {@code /v1.NN} prefix: {@code /containers/create}. */
    public static String route(String uri) {
        return VERSION_PREFIX.matcher(pathOnly(uri)).replaceFirst("");
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
        String route = route(uri);
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
        return (uri.contains("/attach") || uri.contains("/start")) && HIJACKING.matcher(route(uri)).matches();
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
