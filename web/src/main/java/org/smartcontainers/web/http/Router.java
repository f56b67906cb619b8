package org.smartcontainers.web.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Routes by the first path segment: {@code /} to the entry point, {@code /sparql} to the endpoint… */
public final class Router implements Handler {
    private final Map<String, Handler> routes = new LinkedHashMap<>();

    /**
     * A handler that brings routes of its own, which need what it holds (the provenance containers bring
     * {@code /search}, which reads their store); a route given by name, before or after, wins.
     */
    public interface BringsRoutes {
        Map<String, Handler> routes();
    }

    /** {@code ""} is the root, {@code /}. */
    public Router route(String firstSegment, Handler handler) {
        routes.put(firstSegment, handler);
        if (handler instanceof BringsRoutes brings) {
            brings.routes().forEach(routes::putIfAbsent);
        }
        return this;
    }

    @Override
    public Response handle(Request request) {
        String first = request.segments().get(0);
        Handler handler = first.isEmpty() && request.segments().size() > 1 ? null : routes.get(first);
        if (handler == null) {
            throw HttpError.notFound(request.path());
        }
        return handler.handle(request);
    }
}
