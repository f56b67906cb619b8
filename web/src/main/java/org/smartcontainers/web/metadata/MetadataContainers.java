package org.smartcontainers.web.metadata;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.http.Access;
import org.smartcontainers.web.http.Conneg;
import org.smartcontainers.web.http.ETags;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.rdf.RdfFormats;
import org.smartcontainers.web.rdf.WebVocab;
import org.smartcontainers.web.resources.Kind;

/**
 * {@code /images/{id}/metadata/} and {@code /containers/{id}/metadata/}: writable LDP Basic
 * Containers where users attach their own descriptions of an image or container (see
 * {@link MetadataResources} for their members). A short ID or a name redirects to the full ID.
 * Writes need the token.
 */
public final class MetadataContainers {
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SLUG_UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern PREFER = Pattern.compile("(include|omit)=\"([^\"]*)\"");
    private static final String ALLOW = "GET, HEAD, OPTIONS, POST, PUT, PATCH";
    private static final String ACCEPT_POST = "text/turtle, application/ld+json, application/n-triples, */*";

    private final MetadataStore metadata;
    private final MetadataResources resources;
    private final ProvenanceStore store;
    private final Access access;
    private final DockerNames names;

    public MetadataContainers(ProvenanceStore store, Access access, DockerNames names) {
        this.metadata = new MetadataStore(store);
        this.resources = new MetadataResources(metadata, access);
        this.store = store;
        this.access = access;
        this.names = names;
    }

    /** {@code rest}: the path after {@code /images} or {@code /containers}, starting with the ID. */
    public Response handle(boolean image, Request request, List<String> rest) {
        String kind = image ? "images" : "containers";
        String id = rest.get(0);
        if (!FULL_ID.matcher(id).matches()) {
            Optional<String> full = image ? names.imageId(id) : names.containerId(id);
            if (full.isEmpty()) {
                throw HttpError.notFound(request.path());
            }
            StringBuilder target = new StringBuilder("/" + kind + "/" + Vocab.bareId(full.get()));
            rest.subList(1, rest.size()).forEach(segment -> target.append('/').append(Request.encodeSegment(segment)));
            return Response.empty(HttpResponseStatus.TEMPORARY_REDIRECT).header("Location", target + DockerApiPath.queryString(request.query()));
        }
        String entity = image ? Vocab.imageIri(id) : Vocab.containerIri(id);
        if (!known(image, id, entity)) {
            throw HttpError.notFound(request.path());
        }
        String containerPath = "/" + kind + "/" + id + "/metadata/";
        if (rest.size() == 2) {
            return Response.empty(HttpResponseStatus.MOVED_PERMANENTLY).header("Location", containerPath);
        }
        if (rest.size() != 3) {
            throw HttpError.notFound(request.path());
        }
        Place place = new Place(entity, entity + "/metadata/", request.baseUrl() + containerPath);
        return rest.get(2).isEmpty() ? container(request, place) : resources.handle(request, place, rest.get(2));
    }

    /**
     * A POST of an RDF body to the metadata container of the image or container with this full ID,
     * for callers that vouch for the client themselves (the extension API: whoever reaches the
     * proxy socket holds the Docker socket). Links in the answer use {@code request.baseUrl()}.
     */
    public Response attach(boolean image, String fullId, Request request, String slug) {
        String id = Vocab.bareId(fullId);
        String entity = image ? Vocab.imageIri(id) : Vocab.containerIri(id);
        String containerPath = "/" + (image ? "images" : "containers") + "/" + id + "/metadata/";
        Place place = new Place(entity, entity + "/metadata/", request.baseUrl() + containerPath);
        synchronized (metadata.writeLock()) {
            return resources.create(request, place, freeSlug(place, slug), true);
        }
    }

    private boolean known(boolean image, String id, String entity) {
        return store.ask("ASK { " + Kind.recorded("<" + entity + ">", "<" + (image ? Vocab.Docker.Image : Vocab.Docker.Container).getURI() + ">") + " }")
                || (image ? names.imageId(id) : names.containerId(id)).isPresent();
    }

    private Response container(Request request, Place place) {
        switch (request.method()) {
            case "GET", "HEAD" -> {
                return represent(request, place);
            }
            case "OPTIONS" -> {
                return Response.empty(HttpResponseStatus.OK).types(WebVocab.Ldp.CONTAINER_TYPES)
                        .header("Allow", ALLOW).header("Accept-Post", ACCEPT_POST)
                        .header("Accept-Patch", RdfBodies.SPARQL_UPDATE);
            }
            case "POST" -> {
                access.checkWrite(request);
                return create(request, place);
            }
            case "PUT", "PATCH" -> {
                access.checkWrite(request);
                return replace(request, place);
            }
            default -> throw HttpError.methodNotAllowed(request.method(), ALLOW);
        }
    }

    /** The container as served: what users wrote about it (or a title), its LDP types and, unless asked not to, its members. */
    private Model model(Place place, boolean containment) {
        Model model = place.toServed().apply(metadata.containerTriples(place.stable()));
        Resource container = model.createResource(place.url());
        if (model.isEmpty()) {
            container.addProperty(DCTerms.title, "What users attached to " + place.entity())
                    .addProperty(DCTerms.subject, model.createResource(place.entity()));
        }
        container.addProperty(RDF.type, WebVocab.Ldp.BasicContainer).addProperty(RDF.type, WebVocab.Ldp.Container)
                .addProperty(RDF.type, WebVocab.Ldp.RDFSource);
        if (containment) {
            members(place).forEach(member -> container.addProperty(WebVocab.Ldp.contains, model.createResource(member)));
        }
        return model;
    }

    private List<String> members(Place place) {
        IriRewrite toUrl = place.toServed();
        return metadata.members(place.entity()).stream().map(toUrl::apply).toList();
    }

    /** The container's version: its full state, however it is serialised. */
    private String version(Place place) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        RDFDataMgr.write(canonical, model(place, true), Lang.NTRIPLES);
        String sorted = String.join("\n", canonical.toString(StandardCharsets.UTF_8).lines().sorted().toList());
        String tag = ETags.of(sorted.getBytes(StandardCharsets.UTF_8));
        return tag.substring(1, tag.length() - 1);
    }

    private Response represent(Request request, Place place) {
        String mediaType = Conneg.choose(request, RdfFormats.LDP);
        String prefer = request.header("Prefer");
        boolean containment = wantsContainment(prefer);
        String etag = LdpAnswers.etag(version(place), mediaType, containment ? "" : "-minimal");
        Response response = LdpAnswers.represent(request, model(place, containment), mediaType, etag,
                WebVocab.Ldp.CONTAINER_TYPES)
                .header("Allow", ALLOW).header("Accept-Post", ACCEPT_POST).header("Accept-Patch", RdfBodies.SPARQL_UPDATE)
                .header("Vary", "Prefer");
        if (prefer != null && prefer.contains("return=representation")) {
            response.header("Preference-Applied", "return=representation");
        }
        return response;
    }

    /** {@code Prefer: return=representation; include="…PreferMinimalContainer"} or {@code omit="…PreferContainment"} leave members out. */
    private static boolean wantsContainment(String prefer) {
        if (prefer == null) {
            return true;
        }
        Matcher m = PREFER.matcher(prefer);
        while (m.find()) {
            for (String uri : m.group(2).trim().split("\\s+")) {
                if (m.group(1).equals("include") && uri.equals(WebVocab.LDP_NS + "PreferMinimalContainer")
                        || m.group(1).equals("omit") && uri.equals(WebVocab.LDP_NS + "PreferContainment")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** PUT or PATCH of the container's own triples; its members only change through POST and DELETE. */
    private Response replace(Request request, Place place) {
        synchronized (metadata.writeLock()) {
            String version = version(place);
            Model body;
            if (request.method().equals("PUT")) {
                LdpAnswers.requireIfMatch(request, version);
                body = RdfBodies.parse(request, place.url());
            } else {
                LdpAnswers.checkIfMatch(request, version);
                body = RdfBodies.patch(model(place, true), request, place.url());
            }
            Model kept = RdfBodies.clientTriples(body, place.url(), members(place), LdpAnswers.constraints(request));
            metadata.putContainerTriples(place.stable(), place.toStored().apply(kept));
            return Response.empty(HttpResponseStatus.NO_CONTENT);
        }
    }

    private Response create(Request request, Place place) {
        boolean nonRdfAsked = request.headers().getAll("Link").stream()
                .anyMatch(link -> link.contains(WebVocab.Ldp.NonRDFSource.getURI()) && link.contains("rel=\"type\""));
        boolean rdf = !nonRdfAsked && RdfFormats.reader(request.contentType()) != null;
        synchronized (metadata.writeLock()) {
            String slug = freeSlug(place, request.header("Slug"));
            return resources.create(request, place, slug, rdf);
        }
    }

    /** The client's Slug made safe, or a fresh UUID when it gives none or the name was ever used. */
    private String freeSlug(Place place, String wanted) {
        if (wanted != null) {
            String decoded;
            try {
                decoded = URLDecoder.decode(wanted.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = wanted; // not percent-encoding after all: made safe as it is
            }
            String slug = SLUG_UNSAFE.matcher(decoded).replaceAll("-");
            slug = slug.length() > 64 ? slug.substring(0, 64) : slug;
            if (!slug.isEmpty() && !slug.matches("\\.+") && !metadata.taken(place.stable() + slug)) {
                return slug;
            }
        }
        return UUID.randomUUID().toString();
    }

    /**
     * Binds {@code ?r} to what users attached to {@code entityIri} (stable IRIs), {@code ?f} to a
     * Non-RDF Source's media type and {@code ?t} to an RDF Source's dct:title, for the HTML pages.
     */
    public static String attachedPattern(String entityIri) {
        return MetadataStore.recordsOf("<" + entityIri + ">")
                + " OPTIONAL { GRAPH ?server { ?r <" + DCTerms.format.getURI() + "> ?f } }"
                + " OPTIONAL { GRAPH ?r { ?r <" + DCTerms.title.getURI() + "> ?t } }";
    }
}
