package org.smartcontainers.web.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerException;
import org.smartcontainers.provenance.store.QueryTimeoutException;
import org.smartcontainers.provenance.store.StoreException;
import org.smartcontainers.web.export.NotRecordedException;

/**
 * Where a handler's failure becomes a response, for every server that answers with our handlers
 * (the HTTP server, the extension API on the proxy socket). Each server chooses how an error
 * looks ({@link ErrorShape}); which status a failure gets is decided here alone.
 */
public final class Responder {
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    /** How a server writes an error: plain text over HTTP, Docker's {@code {"message": …}} on the socket. */
    @FunctionalInterface
    public interface ErrorShape {
        Response error(HttpResponseStatus status, String message);
    }

    public static final ErrorShape TEXT = Response::text;

    private Responder() {
    }

    /** Runs {@code handler}; whatever happens, the client gets an answer. {@code what}: the request, for logs. */
    public static Response respond(String what, Supplier<Response> handler, ErrorShape shape) {
        try {
            return handler.get();
        } catch (HttpError e) {
            return error(e, shape);
        } catch (DockerException e) {
            // The daemon's own status and words: the client sees what Docker said.
            return shape.error(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        } catch (NotRecordedException e) {
            return shape.error(HttpResponseStatus.NOT_FOUND, e.getMessage());
        } catch (QueryTimeoutException e) {
            return shape.error(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (StoreException e) {
            LOG.warn("{}: {}", what, e.getMessage());
            return shape.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "the provenance store failed: " + e.getMessage());
        } catch (StackOverflowError e) {
            // A query can parse and still nest too deeply for the engine (thousands of UNIONs).
            return shape.error(HttpResponseStatus.BAD_REQUEST, "the request is nested too deeply to evaluate");
        } catch (RuntimeException | Error e) {
            LOG.error("{} failed", what, e);
            return shape.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
    }

    public static Response error(HttpError e, ErrorShape shape) {
        Response response = shape.error(e.status(), e.getMessage());
        e.headers().forEach(response::header);
        return response;
    }
}
