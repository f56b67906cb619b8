package org.smartcontainers.ldp.metadata;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.smartcontainers.ldp.http.ETags;
import org.smartcontainers.ldp.http.HttpError;
import org.smartcontainers.ldp.http.Request;
import org.smartcontainers.ldp.http.Response;
import org.smartcontainers.ldp.hydra.ApiDocumentation;
import org.smartcontainers.ldp.rdf.RdfFormats;
import org.smartcontainers.ldp.rdf.WebVocab;
import org.smartcontainers.provenance.Vocab;

/** The HTTP side of LDP shared by metadata containers and their resources: types, tags, preconditions. */
final class LdpAnswers {
    static final List<String> CONTAINER_TYPES = List.of(WebVocab.Ldp.BasicContainer.getURI(), WebVocab.Ldp.Resource.getURI());
    static final List<String> RDF_TYPES = List.of(WebVocab.Ldp.RDFSource.getURI(), WebVocab.Ldp.Resource.getURI());
    static final List<String> NON_RDF_TYPES = List.of(WebVocab.Ldp.NonRDFSource.getURI(), WebVocab.Ldp.Resource.getURI());

    private LdpAnswers() {
    }

    static Response withTypes(Response response, List<String> types) {
        types.forEach(type -> response.link(type, "type"));
        return response;
    }

    /** 200 with the model in the negotiated syntax, or 304 when If-None-Match names {@code etag}. */
    static Response represent(Request request, Model model, String mediaType, String etag, List<String> types) {
        model.setNsPrefixes(Vocab.PREFIXES);
        model.setNsPrefix("ldp", WebVocab.LDP_NS);
        Response response = ETags.noneMatchFails(request, etag) ? Response.empty(HttpResponseStatus.NOT_MODIFIED)
                : Response.ok(RdfFormats.contentType(mediaType), RdfFormats.write(model, mediaType));
        return withTypes(response.header("ETag", etag).header("Vary", "Accept"), types);
    }

    /** Writes that replace need If-Match (428 without), naming the current version (412 otherwise). */
    static void requireIfMatch(Request request, String currentVersion) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null) {
            throw new HttpError(HttpResponseStatus.PRECONDITION_REQUIRED,
                    request.method() + " needs If-Match with the ETag of the version it replaces (GET it first)");
        }
        checkIfMatch(request, currentVersion);
    }

    /** If-Match, when given, must name the current version: our tags are the version, or the version and a syntax. */
    static void checkIfMatch(Request request, String currentVersion) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return;
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String value = t.substring(1, t.length() - 1);
                if (value.equals(currentVersion) || value.startsWith(currentVersion + "-")) {
                    return;
                }
            }
        }
        throw new HttpError(HttpResponseStatus.PRECONDITION_FAILED,
                "If-Match " + ifMatch + " does not name the current version; GET it again");
    }

    /** Where a 4xx for a broken constraint points ({@code rel="ldp:constrainedBy"}). */
    static String constraints(Request request) {
        return request.baseUrl() + ApiDocumentation.PATH;
    }
}
