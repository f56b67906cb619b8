package org.smartcontainers.web.metadata;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.UpdateDataDelete;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateDeleteWhere;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateAction;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.rdf.BoundedRdf;
import org.smartcontainers.web.rdf.Offline;
import org.smartcontainers.web.rdf.RdfFormats;
import org.smartcontainers.web.rdf.WebVocab.Ldp;
import org.smartcontainers.web.rdf.WebVocab;

/** Request bodies that write RDF: parsing, PATCH, and what the server keeps for itself. */
final class RdfBodies {
    static final String SPARQL_UPDATE = "application/sparql-update";
    /** The operations a PATCH may use: they only touch the resource's triples (no LOAD, no graph management). */
    private static final Set<Class<? extends Update>> PATCH_OPERATIONS = Set.of(UpdateDataInsert.class,
            UpdateDataDelete.class, UpdateDeleteWhere.class, UpdateModify.class);

    private RdfBodies() {
    }

    /** The body as RDF, relative IRIs resolved against {@code base}; 415 for a syntax we do not read, 400 if it does not parse. */
    static Model parse(Request request, String base) {
        Lang lang = RdfFormats.reader(request.contentType());
        if (lang == null) {
            throw HttpError.unsupportedMediaType(request.header("Content-Type"), String.join(", ", RdfFormats.GRAPHS));
        }
        if (lang.equals(Lang.JSONLD)) {
            BoundedRdf.checkJson(request.bodyText());
        }
        Model model = ModelFactory.createDefaultModel();
        try {
            BoundedRdf.parse(RDFParser.create().source(new ByteArrayInputStream(request.body())).lang(lang).base(base), model);
        } catch (RiotException e) {
            throw HttpError.badRequest("cannot parse the " + lang.getLabel() + " body: " + e.getMessage());
        }
        return model;
    }

    /** {@code current} with a SPARQL Update PATCH applied (to a copy), relative IRIs against {@code base}. */
    static Model patch(Model current, Request request, String base) {
        if (!SPARQL_UPDATE.equals(request.contentType())) {
            throw HttpError.unsupportedMediaType(request.header("Content-Type"), SPARQL_UPDATE);
        }
        UpdateRequest update;
        try {
            update = UpdateFactory.create(request.bodyText(), base);
        } catch (RuntimeException e) {
            throw HttpError.badRequest("malformed SPARQL Update: " + e.getMessage());
        }
        for (Update operation : update.getOperations()) {
            if (!PATCH_OPERATIONS.contains(operation.getClass())) {
                throw HttpError.badRequest("a PATCH may only insert and delete triples: INSERT DATA, DELETE DATA,"
                        + " DELETE WHERE or DELETE/INSERT ... WHERE");
            }
            checkOnlyThisResource(operation);
        }
        Model patched = ModelFactory.createDefaultModel().add(current);
        var dataset = DatasetFactory.wrap(patched);
        Offline.noService(dataset.getContext());
        UpdateAction.execute(update, dataset);
        BoundedRdf.check(patched.size());
        return patched;
    }

    /** A PATCH touches this resource's triples only: no named graphs, no WITH or USING, no SERVICE. */
    private static void checkOnlyThisResource(Update operation) {
        List<Quad> quads = new ArrayList<>();
        Element where = null;
        if (operation instanceof UpdateDataInsert insert) {
            quads.addAll(insert.getQuads());
        } else if (operation instanceof UpdateDataDelete delete) {
            quads.addAll(delete.getQuads());
        } else if (operation instanceof UpdateDeleteWhere deleteWhere) {
            quads.addAll(deleteWhere.getQuads());
        } else if (operation instanceof UpdateModify modify) {
            if (modify.getWithIRI() != null || !modify.getUsing().isEmpty() || !modify.getUsingNamed().isEmpty()) {
                throw HttpError.badRequest("a PATCH applies to this resource: WITH and USING are not allowed");
            }
            quads.addAll(modify.getDeleteQuads());
            quads.addAll(modify.getInsertQuads());
            where = modify.getWherePattern();
        }
        BoundedRdf.check(quads.size());
        if (quads.stream().anyMatch(q -> !q.isDefaultGraph())) {
            throw HttpError.badRequest("a PATCH applies to this resource: GRAPH blocks are not allowed");
        }
        if (Offline.usesService(where)) {
            throw HttpError.badRequest("SERVICE is not allowed: the server does not query elsewhere for a client");
        }
    }

    /**
     * The client's triples without those the server manages: the resource's LDP types are dropped
     * (a client PUTs back what it got); containment may not be set by a client at all, unless
     * {@code allowedContainment} is exactly what the container holds.
     */
    static Model clientTriples(Model body, String url, List<String> allowedContainment, String constraintsUrl) {
        Model kept = ModelFactory.createDefaultModel().add(body);
        var self = kept.createResource(url);
        kept.listStatements(self, RDF.type, (RDFNode) null).toList().stream()
                .filter(s -> s.getObject().isURIResource() && s.getResource().getURI().startsWith(WebVocab.LDP_NS))
                .forEach(kept::remove);
        var containment = kept.listStatements(null, Ldp.contains, (RDFNode) null).toList();
        List<String> claimed = containment.stream().map(s -> s.getObject().isURIResource() ? s.getResource().getURI() : "")
                .sorted().toList();
        boolean same = allowedContainment != null && containment.stream().allMatch(s -> s.getSubject().equals(self))
                && claimed.equals(allowedContainment.stream().sorted().toList());
        if (!containment.isEmpty() && !same) {
            throw new HttpError(HttpResponseStatus.CONFLICT,
                    "ldp:contains is managed by the server: add members with POST, remove them with DELETE")
                    .with("Link", "<" + constraintsUrl + ">; rel=\"" + WebVocab.LDP_NS + "constrainedBy\"");
        }
        containment.forEach(kept::remove);
        return kept;
    }
}
