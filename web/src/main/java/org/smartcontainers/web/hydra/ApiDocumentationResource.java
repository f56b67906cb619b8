package org.smartcontainers.web.hydra;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.smartcontainers.web.http.Conneg;
import org.smartcontainers.web.http.Handler;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.rdf.RdfFormats;

/** Serves the {@link ApiDocumentation}. */
public final class ApiDocumentationResource implements Handler {
    @Override
    public Response handle(Request request) {
        if (request.segments().size() != 1) {
            throw HttpError.notFound(request.path());
        }
        switch (request.method()) {
            case "GET", "HEAD" -> {
                String mediaType = Conneg.choose(request, RdfFormats.GRAPHS);
                var model = RdfFormats.withOurPrefixes(ApiDocumentation.describe(request.baseUrl()));
                return Response.ok(RdfFormats.contentType(mediaType), RdfFormats.write(model, mediaType))
                        .header("Vary", "Accept");
            }
            case "OPTIONS" -> {
                return Response.empty(HttpResponseStatus.OK).header("Allow", "GET, HEAD, OPTIONS");
            }
            default -> throw HttpError.methodNotAllowed(request.method(), "GET, HEAD, OPTIONS");
        }
    }
}
