package org.smartcontainers.web.browse;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.smartcontainers.web.http.Conneg;
import org.smartcontainers.web.http.ETags;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.lineage.LineagePicture;
import org.smartcontainers.web.rdf.RdfFormats;
import org.smartcontainers.web.rdf.WebVocab;

/** A read-only RDF resource's answer: negotiated syntax, ETag (and 304), LDP type links, Allow. */
final class Representation {
    static final String READ_ONLY = "GET, HEAD, OPTIONS";
    static final String HTML = "text/html";
    /** RDF first (Turtle the default); HTML for browsers, which ask for it by name. */
    private static final List<String> OFFERS = Stream.concat(RdfFormats.LDP.stream(),
            Stream.of(HTML)).toList();

    private Representation() {
    }

    /** Methods other than reads get 405; OPTIONS is answered here; null when the caller should go on. */
    static Response optionsOrRefuse(Request request, List<String> ldpTypes) {
        switch (request.method()) {
            case "GET", "HEAD" -> {
                return null;
            }
            case "OPTIONS" -> {
                return Response.empty(HttpResponseStatus.OK).header("Allow", READ_ONLY).types(ldpTypes);
            }
            default -> throw HttpError.methodNotAllowed(request.method(), READ_ONLY)
                    .with("Link", "<" + WebVocab.LDP_NS + "Resource>; rel=\"type\"");
        }
    }

    /** The model in the negotiated RDF syntax, or, for a browser, the page {@code html} makes. */
    static Response of(Request request, Model model, List<String> ldpTypes, Supplier<byte[]> html) {
        String mediaType = Conneg.choose(request, OFFERS);
        byte[] body;
        String contentType;
        if (mediaType.equals(HTML)) {
            LineagePicture.warmUp(); // a browser is here: the next page may draw a lineage
            body = html.get();
            contentType = HTML + "; charset=utf-8";
        } else {
            body = RdfFormats.write(RdfFormats.withOurPrefixes(model), mediaType);
            contentType = RdfFormats.contentType(mediaType);
        }
        return Response.conditional(request, contentType, body, ETags.of(body)).header("Vary", "Accept")
                .header("Allow", READ_ONLY).types(ldpTypes);
    }
}
