package org.smartcontainers.ldp.browse;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.smartcontainers.ldp.http.Conneg;
import org.smartcontainers.ldp.http.ETags;
import org.smartcontainers.ldp.http.HttpError;
import org.smartcontainers.ldp.http.Request;
import org.smartcontainers.ldp.http.Response;
import org.smartcontainers.ldp.rdf.RdfFormats;
import org.smartcontainers.ldp.rdf.WebVocab;
import org.smartcontainers.provenance.Vocab;

/** A read-only RDF resource's answer: negotiated syntax, ETag (and 304), LDP type links, Allow. */
final class Representation {
    static final String READ_ONLY = "GET, HEAD, OPTIONS";

    private Representation() {
    }

    /** Methods other than reads get 405; OPTIONS is answered here. Returns true when the caller should go on. */
    static Response optionsOrRefuse(Request request, List<String> ldpTypes) {
        switch (request.method()) {
            case "GET", "HEAD" -> {
                return null;
            }
            case "OPTIONS" -> {
                Response response = Response.empty(HttpResponseStatus.OK).header("Allow", READ_ONLY);
                ldpTypes.forEach(type -> response.link(type, "type"));
                return response;
            }
            default -> throw HttpError.methodNotAllowed(request.method(), READ_ONLY)
                    .with("Link", "<" + WebVocab.LDP_NS + "Resource>; rel=\"type\"");
        }
    }

    static Response of(Request request, Model model, List<String> ldpTypes) {
        String mediaType = Conneg.choose(request, RdfFormats.LDP);
        model.setNsPrefixes(Vocab.PREFIXES);
        model.setNsPrefix("ldp", WebVocab.LDP_NS);
        model.setNsPrefix("hydra", WebVocab.HYDRA_NS);
        byte[] body = RdfFormats.write(model, mediaType);
        String etag = ETags.of(body);
        Response response = ETags.noneMatchFails(request, etag) ? Response.empty(HttpResponseStatus.NOT_MODIFIED)
                : Response.ok(RdfFormats.contentType(mediaType), body);
        response.header("ETag", etag).header("Vary", "Accept").header("Allow", READ_ONLY);
        ldpTypes.forEach(type -> response.link(type, "type"));
        return response;
    }
}
