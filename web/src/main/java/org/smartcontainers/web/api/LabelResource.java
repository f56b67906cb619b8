package org.smartcontainers.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.metadata.MetadataContainers;
import org.smartcontainers.web.rdf.BoundedRdf;

/**
 * {@code /sc/v1/images/{ref}/label} and {@code /sc/v1/containers/{ref}/label}: GET the
 * {@code smartcontainer} label as JSON-LD; PUT a JSON-LD document to attach it as metadata about
 * the image or container (the same store and resources as its LDP metadata container), and with
 * {@code ?commit=true} for an image also make a new image whose label holds it. Relative IRIs in the
 * document resolve against the image's or container's IRI: {@code "@id": ""} is it.
 */
final class LabelResource {
    private static final String SLUG = "label";

    private final DockerClient docker;
    private final MetadataContainers metadata;
    private final ImageRelabel relabel;

    LabelResource(DockerClient docker, MetadataContainers metadata, ImageRelabel relabel) {
        this.docker = docker;
        this.metadata = metadata;
        this.relabel = relabel;
    }

    Response handle(Request request, boolean image, String reference, Caller caller) {
        JsonNode inspect = image ? docker.inspectImage(reference) : docker.inspectContainer(reference);
        return switch (request.method()) {
            case "GET" -> get(inspect, image, reference);
            case "PUT" -> put(request, inspect, image, reference, caller);
            default -> throw HttpError.methodNotAllowed(request.method(), "GET, PUT");
        };
    }

    private static Response get(JsonNode inspect, boolean image, String reference) {
        String label = inspect.path("Config").path("Labels").path(ProvenanceLabel.KEY).asText(null);
        if (label == null) {
            throw new HttpError(HttpResponseStatus.NOT_FOUND, (image ? "image " : "container ") + reference
                    + " has no " + ProvenanceLabel.KEY + " label (POST /sc/v1/" + (image ? "images/" : "containers/")
                    + reference + "/smart, or sc infect, gives it one)");
        }
        try {
            return ApiJson.ok(ApiJson.JSON.readTree(label));
        } catch (IOException e) {
            // Someone else's text under our key: given back as it is, in a JSON string.
            return ApiJson.ok(ApiJson.JSON.getNodeFactory().textNode(label));
        }
    }

    private Response put(Request request, JsonNode inspect, boolean image, String reference, Caller caller) {
        boolean commit = "true".equals(request.param("commit")) || "1".equals(request.param("commit"));
        if (commit && !image) {
            throw HttpError.badRequest("commit=true makes a new image: it applies to images, not containers");
        }
        String id = inspect.path("Id").asText();
        String entity = image ? Vocab.imageIri(docker.recordedImageId(id)) : Vocab.containerIri(id);
        Model document = parse(request, entity);
        // Handed on with every IRI absolute, so "@id": "" is the image or container in the store as in the label.
        ByteArrayOutputStream absolute = new ByteArrayOutputStream();
        RDFDataMgr.write(absolute, document, Lang.NTRIPLES);
        Request asRdf = new Request("POST", request.path(), request.segments(), request.query(),
                new DefaultHttpHeaders().set("Content-Type", "application/n-triples"), absolute.toByteArray(),
                request.baseUrl(), request.loopback());
        Response attached = metadata.attach(image, id, asRdf, SLUG);
        ObjectNode answer = ApiJson.object().put("Location", location(attached));
        if (commit) {
            ImageRelabel.Result made = relabel.commit(inspect, reference, document, caller);
            answer.put("Id", made.imageId()).put("Activity", made.activity());
            answer.set("Tags", ImageRelabel.array(made.tags()));
        }
        return ApiJson.answer(HttpResponseStatus.CREATED, answer);
    }

    /** The document as RDF, relative IRIs against the image or container: {@code "@id": ""} is it. */
    private static Model parse(Request request, String base) {
        BoundedRdf.checkJson(request.bodyText());
        ApiJson.body(request); // a JSON object, or 400 saying why not
        Model model = ModelFactory.createDefaultModel();
        try {
            BoundedRdf.parse(RDFParser.create().source(new StringReader(request.bodyText())).lang(Lang.JSONLD).base(base), model);
        } catch (RiotException e) {
            throw HttpError.badRequest("the body is not JSON-LD we can read: " + e.getMessage());
        }
        if (model.isEmpty()) {
            throw HttpError.badRequest("the JSON-LD document holds no statements (does it have an @context?)");
        }
        return model;
    }

    private static String location(Response response) {
        return response.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Location"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
