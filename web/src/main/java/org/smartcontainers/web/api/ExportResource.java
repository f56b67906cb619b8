package org.smartcontainers.web.api;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.export.ExportFormat;
import org.smartcontainers.web.export.ExportSubject;
import org.smartcontainers.web.export.Lineage;
import org.smartcontainers.web.export.ProvToolboxForms;
import org.smartcontainers.web.export.RoCrate;
import org.smartcontainers.web.export.SlsaStatements;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;

/**
 * {@code GET /sc/v1/export?format=…[&image=REF|&container=REF]}: the whole store, each record in its
 * named graph (TriG) or merged into one graph (Turtle, JSON-LD, PROV-N, PROV-JSON); with an image or
 * container, its lineage alone in those forms, or as an RO-Crate; SLSA provenance of every recorded
 * build, or of those that made the image. Built in memory: fine for a workstation's records; a bulk copy
 * of a large shared store belongs to the store's own tools.
 */
final class ExportResource {
    /** A full ID names its image or container without asking Docker: also one Docker no longer has. */
    private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");

    private final ProvenanceStore store;
    private final DockerClient docker;

    ExportResource(ProvenanceStore store, DockerClient docker) {
        this.store = store;
        this.docker = docker;
    }

    Response handle(Request request) {
        if (!request.method().equals("GET")) {
            throw HttpError.methodNotAllowed(request.method(), "GET");
        }
        String name = request.param("format") == null ? "trig" : request.param("format");
        ExportFormat format = ExportFormat.named(name).orElseThrow(() -> HttpError.badRequest(
                "format must be " + ExportFormat.choices() + ", got '" + name + "'"));
        ExportSubject subject = subject(request, format);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (format) {
            case TRIG -> {
                DatasetGraph all = quads();
                all.prefixes().putAll(Vocab.PREFIXES);
                RDFDataMgr.write(out, all, RDFFormat.TRIG_BLOCKS);
            }
            case TURTLE -> RDFDataMgr.write(out, graph(subject), RDFFormat.TURTLE_BLOCKS);
            case JSONLD -> RDFDataMgr.write(out, graph(subject), Lang.JSONLD);
            case PROVN -> ProvToolboxForms.writeProvN(graph(subject), out);
            case PROVJSON -> ProvToolboxForms.writeProvJson(graph(subject), out);
            case ROCRATE -> RoCrate.write(Lineage.of(store, subject), subject, request.param("license"), out);
            case SLSA -> SlsaStatements.write(store, subject, out);
        }
        return Response.ok(format.mediaType(), out.toByteArray());
    }

    /** The image or container asked about, by its full ID; null for the whole store. */
    private ExportSubject subject(Request request, ExportFormat format) {
        String image = request.param("image");
        String container = request.param("container");
        if (image != null && container != null) {
            throw HttpError.badRequest("give image or container, not both");
        }
        if (image == null && container == null) {
            if (format.scope() == ExportFormat.Scope.SUBJECT_ONLY) {
                throw HttpError.badRequest(format.displayName() + " is of one image or container: give image=REF or container=REF");
            }
            return null;
        }
        if (format.scope() == ExportFormat.Scope.STORE_ONLY) {
            throw HttpError.badRequest(format.displayName() + " is of the whole store, each record in its graph;"
                    + " for one image's or container's lineage ask for turtle, jsonld, provn, provjson or rocrate");
        }
        if (image != null) {
            return ExportSubject.image(docker.recordedImageId(FULL_ID.matcher(image).matches() ? image
                    : docker.inspectImage(image).path("Id").asText()));
        }
        return ExportSubject.container(FULL_ID.matcher(container).matches() && !container.startsWith("sha256:") ? container
                : docker.inspectContainer(container).path("Id").asText());
    }

    private Model graph(ExportSubject subject) {
        return subject == null ? merged() : Lineage.of(store, subject).graph();
    }

    private DatasetGraph quads() {
        DatasetGraph all = DatasetGraphFactory.create();
        store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").forEachRemaining((QuerySolution row) ->
                all.add(Quad.create(row.get("g").asNode(), row.get("s").asNode(), row.get("p").asNode(), row.get("o").asNode())));
        return all;
    }

    private Model merged() {
        Model model = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
        model.setNsPrefixes(Vocab.PREFIXES);
        return model;
    }
}
