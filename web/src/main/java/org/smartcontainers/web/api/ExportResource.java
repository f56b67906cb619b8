package org.smartcontainers.web.api;

import java.io.ByteArrayOutputStream;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.rdf.model.Model;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;

/**
 * {@code GET /sc/v1/export?format=trig|turtle|jsonld}: the whole store, each record in its named
 * graph (TriG) or everything merged into one graph (Turtle, JSON-LD). Built in memory: fine for a
 * workstation's records; a bulk copy of a large shared store belongs to the store's own tools.
 */
final class ExportResource {
    private final ProvenanceStore store;

    ExportResource(ProvenanceStore store) {
        this.store = store;
    }

    Response handle(Request request) {
        if (!request.method().equals("GET")) {
            throw HttpError.methodNotAllowed(request.method(), "GET");
        }
        String format = request.param("format") == null ? "trig" : request.param("format");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (format) {
            case "trig" -> {
                DatasetGraph all = quads();
                all.prefixes().putAll(Vocab.PREFIXES);
                RDFDataMgr.write(out, all, RDFFormat.TRIG_BLOCKS);
                return Response.ok("application/trig", out.toByteArray());
            }
            case "turtle", "ttl" -> {
                RDFDataMgr.write(out, merged(), RDFFormat.TURTLE_BLOCKS);
                return Response.ok("text/turtle", out.toByteArray());
            }
            case "jsonld", "json-ld" -> {
                RDFDataMgr.write(out, merged(), Lang.JSONLD);
                return Response.ok("application/ld+json", out.toByteArray());
            }
            default -> throw HttpError.badRequest("format must be trig, turtle or jsonld, got '" + format + "'");
        }
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
