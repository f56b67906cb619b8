package org.smartcontainers.web.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler throws to answer with an error: a status, a message for people, and headers the
 * status calls for (Allow with 405, WWW-Authenticate with 401). {@link HttpDispatcher} is the one
 * place where it becomes a response.
 */
public final class HttpError extends RuntimeException {
    private final HttpResponseStatus status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public HttpError(HttpResponseStatus status, String message) {
        super(message, null, false, false); // control flow, not a fault: no stack trace
        this.status = status;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(HttpResponseStatus.BAD_REQUEST, message);
    }

    public static HttpError notFound(String path) {
        return new HttpError(HttpResponseStatus.NOT_FOUND, "nothing at " + path);
    }

    public static HttpError methodNotAllowed(String method, String allow) {
        return new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed here; allowed: " + allow)
                .with("Allow", allow);
    }

    public static HttpError notAcceptable(String offered) {
        return new HttpError(HttpResponseStatus.NOT_ACCEPTABLE, "no acceptable representation; available: " + offered);
    }

    public static HttpError unsupportedMediaType(String given, String accepted) {
        return new HttpError(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                "cannot take " + (given == null ? "a body without Content-Type" : given) + "; accepted: " + accepted);
    }

    public HttpError with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
