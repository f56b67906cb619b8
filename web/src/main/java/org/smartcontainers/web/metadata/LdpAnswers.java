package org.smartcontainers.web.metadata;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.hydra.ApiDocumentation;
import org.smartcontainers.web.rdf.RdfFormats;

/** The HTTP side of LDP shared by metadata containers and their resources: types, tags, preconditions. */
final class LdpAnswers {
    private LdpAnswers() {
    }

    /** 200 with the model in the negotiated syntax, or 304 when If-None-Match names {@code etag}. */
    static Response represent(Request request, Model model, String mediaType, String etag, List<String> types) {
        byte[] body = RdfFormats.write(RdfFormats.withOurPrefixes(model), mediaType);
        return Response.conditional(request, RdfFormats.contentType(mediaType), body, etag).header("Vary", "Accept")
                .types(types);
    }

    /**
     * Our tags: the stored version, then (for RDF) the syntax and any variant such as {@code -minimal};
     * strong tags differ per representation, and If-Match takes any of the current version's.
     */
    static String etag(String version, String mediaType, String variant) {
        return "\"" + version + (mediaType == null ? "" : "-" + mediaType.substring(mediaType.indexOf('/') + 1)
                .replace('+', '-')) + variant + "\"";
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
