package org.smartcontainers.web.metadata;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.web.http.Access;
import org.smartcontainers.web.http.Conneg;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.rdf.RdfFormats;
import org.smartcontainers.web.rdf.WebVocab;

/**
 * The members of a metadata container: RDF Sources (what was POSTed as Turtle, JSON-LD or
 * N-Triples) and Non-RDF Sources (anything else, kept byte for byte with its media type, described
 * by an RDF Source at {@code ?description}). PUT replaces (If-Match required), PATCH applies SPARQL
 * Update to an RDF Source, DELETE leaves a tombstone: a URI is never reused (410 Gone after).
 */
final class MetadataResources {
    private static final String RDF_ALLOW = "GET, HEAD, OPTIONS, PUT, PATCH, DELETE";
    private static final String NON_RDF_ALLOW = "GET, HEAD, OPTIONS, PUT, DELETE";
    private static final String READ_ONLY = "GET, HEAD, OPTIONS";
    private static final String DESCRIPTION = "description";

    private final MetadataStore metadata;
    private final Access access;

    MetadataResources(MetadataStore metadata, Access access) {
        this.metadata = metadata;
        this.access = access;
    }

    /** Names we hand out (and accept): what a Slug is made into; nothing else names a resource. */
    static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");

    Response handle(Request request, Place place, String slug) {
        if (!NAME.matcher(slug).matches()) {
            throw HttpError.notFound(request.path());
        }
        String url = place.url() + slug;
        String iri = place.stable() + slug;
        Optional<MetadataStore.Stored> found = metadata.get(iri);
        if (found.isEmpty()) {
            return absent(request, place, slug, iri);
        }
        MetadataStore.Stored stored = found.get();
        boolean description = !stored.rdf() && request.query().containsKey(DESCRIPTION);
        String allow = description ? READ_ONLY : stored.rdf() ? RDF_ALLOW : NON_RDF_ALLOW;
        switch (request.method()) {
            case "GET", "HEAD" -> {
                Response response = description ? description(request, stored, url)
                        : stored.rdf() ? rdf(request, place, stored, url) : nonRdf(request, stored, url);
                return response.header("Allow", allow);
            }
            case "OPTIONS" -> {
                Response response = Response.empty(HttpResponseStatus.OK).header("Allow", allow)
                        .types(stored.rdf() || description ? WebVocab.Ldp.RDF_SOURCE_TYPES : WebVocab.Ldp.NON_RDF_SOURCE_TYPES);
                if (stored.rdf()) {
                    response.header("Accept-Patch", RdfBodies.SPARQL_UPDATE);
                } else if (!description) {
                    describedBy(response, url);
                }
                return response;
            }
            default -> {
                if (description || !allow.contains(request.method())) {
                    throw HttpError.methodNotAllowed(request.method(), allow);
                }
                access.checkWrite(request);
                synchronized (metadata.writeLock()) {
                    // Read again under the lock: the version checked is the one replaced.
                    MetadataStore.Stored current = metadata.get(iri).orElseThrow(() -> HttpError.notFound(request.path()));
                    return switch (request.method()) {
                        case "PUT" -> replace(request, place, current, url);
                        case "PATCH" -> patch(request, place, current, url);
                        default -> delete(request, current);
                    };
                }
            }
        }
    }

    /** Never there (PUT creates it), or deleted (410: its URI is not reused). */
    private Response absent(Request request, Place place, String slug, String iri) {
        if (metadata.taken(iri)) {
            throw new HttpError(HttpResponseStatus.GONE, request.path() + " was deleted; its URI is not reused");
        }
        if (!request.method().equals("PUT")) {
            throw HttpError.notFound(request.path());
        }
        access.checkWrite(request);
        synchronized (metadata.writeLock()) {
            if (metadata.taken(iri)) {
                throw new HttpError(HttpResponseStatus.CONFLICT, request.path() + " was created meanwhile");
            }
            return create(request, place, slug, RdfFormats.reader(request.contentType()) != null);
        }
    }

    /** 201 with Location; the caller holds the write lock and has checked the name is free. */
    Response create(Request request, Place place, String slug, boolean rdf) {
        String url = place.url() + slug;
        String iri = place.stable() + slug;
        if (rdf) {
            Model body = RdfBodies.clientTriples(RdfBodies.parse(request, url), url, null, LdpAnswers.constraints(request));
            metadata.put(iri, place.entity(), place.toStored().apply(body), null, null, null);
        } else {
            metadata.put(iri, place.entity(), null, request.body(), mediaType(request, "application/octet-stream"), null);
        }
        Response response = Response.empty(HttpResponseStatus.CREATED)
                .types(rdf ? WebVocab.Ldp.RDF_SOURCE_TYPES : WebVocab.Ldp.NON_RDF_SOURCE_TYPES).header("Location", url);
        return rdf ? response : describedBy(response, url);
    }

    private Response rdf(Request request, Place place, MetadataStore.Stored stored, String url) {
        String mediaType = Conneg.choose(request, RdfFormats.LDP);
        Model model = place.toServed().apply(stored.content());
        model.createResource(url).addProperty(RDF.type, WebVocab.Ldp.RDFSource);
        return LdpAnswers.represent(request, model, mediaType, LdpAnswers.etag(stored.version(), mediaType, ""), WebVocab.Ldp.RDF_SOURCE_TYPES)
                .header("Accept-Patch", RdfBodies.SPARQL_UPDATE);
    }

    private static Response nonRdf(Request request, MetadataStore.Stored stored, String url) {
        Response response = Response.conditional(request, stored.mediaType(), stored.bytes(),
                LdpAnswers.etag(stored.version(), null, ""));
        return describedBy(response.types(WebVocab.Ldp.NON_RDF_SOURCE_TYPES), url);
    }

    /** A Non-RDF Source's description: its media type, size and times. */
    private static Response description(Request request, MetadataStore.Stored stored, String url) {
        String mediaType = Conneg.choose(request, RdfFormats.LDP);
        Model model = ModelFactory.createDefaultModel();
        model.createResource(url).addProperty(RDF.type, WebVocab.Ldp.NonRDFSource)
                .addProperty(DCTerms.format, stored.mediaType())
                .addLiteral(DCTerms.extent, (long) stored.bytes().length)
                .addProperty(DCTerms.created, model.createTypedLiteral(stored.created().toString(), XSDDatatype.XSDdateTime))
                .addProperty(DCTerms.modified, model.createTypedLiteral(stored.modified().toString(), XSDDatatype.XSDdateTime));
        return LdpAnswers.represent(request, model, mediaType, LdpAnswers.etag(stored.version() + "d", mediaType, ""), WebVocab.Ldp.RDF_SOURCE_TYPES);
    }

    private Response replace(Request request, Place place, MetadataStore.Stored stored, String url) {
        LdpAnswers.requireIfMatch(request, stored.version());
        if (stored.rdf()) {
            Model body = RdfBodies.clientTriples(RdfBodies.parse(request, url), url, null, LdpAnswers.constraints(request));
            metadata.put(stored.iri(), place.entity(), place.toStored().apply(body), null, null, stored.created());
        } else {
            metadata.put(stored.iri(), place.entity(), null, request.body(), mediaType(request, stored.mediaType()),
                    stored.created());
        }
        return Response.empty(HttpResponseStatus.NO_CONTENT);
    }

    private Response patch(Request request, Place place, MetadataStore.Stored stored, String url) {
        LdpAnswers.checkIfMatch(request, stored.version());
        Model current = place.toServed().apply(stored.content());
        Model patched = RdfBodies.clientTriples(RdfBodies.patch(current, request, url), url, null,
                LdpAnswers.constraints(request));
        metadata.put(stored.iri(), place.entity(), place.toStored().apply(patched), null, null, stored.created());
        return Response.empty(HttpResponseStatus.NO_CONTENT);
    }

    private Response delete(Request request, MetadataStore.Stored stored) {
        LdpAnswers.checkIfMatch(request, stored.version());
        metadata.delete(stored.iri());
        return Response.empty(HttpResponseStatus.NO_CONTENT);
    }

    /** {@code Link: <url?description>; rel="describedby"; anchor="url"}. */
    private static Response describedBy(Response response, String url) {
        return response.header("Link", "<" + url + "?" + DESCRIPTION + ">; rel=\"describedby\"; anchor=\"" + url + "\"");
    }

    private static String mediaType(Request request, String otherwise) {
        String type = request.header("Content-Type");
        return type == null || type.isBlank() ? otherwise : type.trim();
    }


}
