package org.smartcontainers.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.hydra.ApiDocumentation;
import org.smartcontainers.web.rdf.WebVocab;
import org.smartcontainers.provenance.Vocab;

/**
 * {@code GET /sc/v1/containers/{ref}/entry}: where to start reading about a container, as a Hydra
 * entry point in JSON-LD with links into the HTTP server: its provenance, its image, its image's
 * lineage (a SPARQL query), its metadata container, the SPARQL endpoint, the API documentation.
 */
final class EntryResource {
    static final String CONTENT_TYPE = "application/ld+json";
    private final DockerClient docker;
    private final String httpBase;

    /** {@code httpBase}: the HTTP server's URL, null when it is off. */
    EntryResource(DockerClient docker, String httpBase) {
        this.docker = docker;
        this.httpBase = httpBase;
    }

    Response handle(Request request, String reference) {
        if (!request.method().equals("GET")) {
            throw HttpError.methodNotAllowed(request.method(), "GET");
        }
        JsonNode container = docker.inspectContainer(reference);
        if (httpBase == null) {
            throw new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the HTTP server is off (sc daemon --http off), so there are no links to give");
        }
        String id = container.path("Id").asText();
        String imageId = Vocab.bareId(docker.recordedImageId(container.path("Image").asText()));
        ObjectNode entry = ApiJson.object();
        entry.set("@context", context());
        entry.put("@id", httpBase + "/containers/" + id + "/entry");
        entry.put("@type", "hydra:EntryPoint");
        entry.put("apiDocumentation", httpBase + ApiDocumentation.PATH);
        entry.put("container", Vocab.containerIri(id));
        entry.put("provenance", httpBase + "/containers/" + id);
        entry.put("image", httpBase + "/images/" + imageId);
        entry.put("lineage", httpBase + "/sparql?query=" + URLEncoder.encode(lineageQuery(imageId), StandardCharsets.UTF_8));
        entry.put("metadata", httpBase + "/containers/" + id + "/metadata/");
        entry.put("sparql", httpBase + "/sparql");
        return Response.ok(CONTENT_TYPE, entry.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode context() {
        ObjectNode context = ApiJson.object()
                .put("hydra", WebVocab.HYDRA_NS).put("prov", Vocab.PROV_NS).put("sc", Vocab.SC_NS)
                .put("foaf", Vocab.FOAF_NS);
        link(context, "apiDocumentation", "hydra:apiDocumentation");
        link(context, "container", "foaf:primaryTopic");
        link(context, "provenance", "prov:has_provenance");
        link(context, "image", "sc:image");
        link(context, "lineage", "sc:lineage");
        link(context, "metadata", "sc:metadata");
        link(context, "sparql", "sc:sparqlEndpoint");
        return context;
    }

    private static void link(ObjectNode context, String term, String iri) {
        context.putObject(term).put("@id", iri).put("@type", "@id");
    }

    /** The image, what it derives from step by step, what made each step and who. */
    static String lineageQuery(String imageId) {
        return "PREFIX prov: <" + Vocab.PROV_NS + ">\n"
                + "CONSTRUCT { ?e prov:wasDerivedFrom ?parent . ?e prov:wasGeneratedBy ?activity ."
                + " ?activity prov:wasAssociatedWith ?agent ; prov:startedAtTime ?started }\n"
                + "WHERE { <" + Vocab.imageIri(imageId) + "> prov:wasDerivedFrom* ?e ."
                + " OPTIONAL { ?e prov:wasDerivedFrom ?parent }"
                + " OPTIONAL { ?e prov:wasGeneratedBy ?activity"
                + " OPTIONAL { ?activity prov:wasAssociatedWith ?agent } OPTIONAL { ?activity prov:startedAtTime ?started } } }";
    }
}
