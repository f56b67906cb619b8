package org.smartcontainers.web.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Routes by the first path segment: {@code /} to the entry point, {@code /sparql} to the endpoint… */
public final class Router implements Handler {
    private final Map<String, Handler> routes = new LinkedHashMap<>();

    /** {@code ""} is the root, {@code /}. */
    public Router route(String firstSegment, Handler handler) {
        routes.put(firstSegment, handler);
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
