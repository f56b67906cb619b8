package org.smartcontainers.proxy.daemonview;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes the proxy must label, as Docker 26's router dispatches them: moby's
 * {@code CreateMux} registers each route as {@code /v{version:[0-9.]+}/path} and as
 * {@code /path}, with its method; gorilla/mux first answers a path that {@code cleanPath} would
 * change with a 301 (no handler runs), then matches the decoded {@code URL.Path} against
 * {@code ^...$} and the method exactly.
 */
public enum DockerRoute {
    CREATE("/containers/create"),
    COMMIT("/commit"),
    BUILD("/build");

    private final Pattern path;

    DockerRoute(String route) {
        this.path = Pattern.compile("(/v[0-9.]+)?" + Pattern.quote(route));
    }

    /** The route that handles this request line, if it is one of ours; empty for any other. */
    public static Optional<DockerRoute> of(GoRequestLine line) {
        if (!line.method().equals("POST")) {
            return Optional.empty(); // each of ours is registered for POST alone
        }
        return GoUrl.parseRequestUri(line.target()).flatMap(target -> of(target.path()));
    }

    /** The route a POST to this decoded path is dispatched to, if one of ours. */
    static Optional<DockerRoute> of(String path) {
        if (!GoPath.muxClean(path).equals(path)) {
            return Optional.empty(); // 301 to the clean path
        }
        for (DockerRoute route : values()) {
            if (route.path.matcher(path).matches()) { // the whole path, as mux's ^...$ (no line-end leeway)
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
