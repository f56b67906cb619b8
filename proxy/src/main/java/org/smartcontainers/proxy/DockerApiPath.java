package org.smartcontainers.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
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
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return VERSION_PREFIX.matcher(path).replaceFirst("");
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
    public static boolean changesImages(HttpRequest request) {
        String method = request.method().name();
        if (method.equals("GET") || method.equals("HEAD")) {
            return false;
        }
        String route = route(request.uri());
        return route.startsWith("/images/") || route.equals("/build") || route.equals("/commit")
                || route.startsWith("/sc/v1/images/");
    }

    /** True when the daemon may switch this connection to raw bytes after answering. */
    public static boolean mayHijack(HttpRequest request) {
        if (request.headers().contains(HttpHeaderNames.UPGRADE)) {
            return true;
        }
        String uri = request.uri();
        // Cheap test first: this runs on every request.
        return (uri.contains("/attach") || uri.contains("/start")) && HIJACKING.matcher(route(uri)).matches();
    }
}
