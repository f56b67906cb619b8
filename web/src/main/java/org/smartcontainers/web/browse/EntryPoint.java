package org.smartcontainers.web.browse;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.web.html.Pages;
import org.smartcontainers.web.http.Handler;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.hydra.ApiDocumentation;
import org.smartcontainers.web.rdf.WebVocab.Ldp;
import org.smartcontainers.web.hydra.SearchTemplates;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.resources.Kind;

/** {@code /}: a Basic Container of the four provenance containers, and the Hydra entry point. */
public final class EntryPoint implements Handler {
    @Override
    public Response handle(Request request) {
        if (request.segments().size() != 1) {
            throw HttpError.notFound(request.path());
        }
        Response early = Representation.optionsOrRefuse(request, Ldp.CONTAINER_TYPES);
        if (early != null) {
            return early;
        }
        String base = request.baseUrl();
        Model model = ModelFactory.createDefaultModel();
        Resource root = model.createResource(base + "/")
                .addProperty(RDF.type, Ldp.BasicContainer)
                .addProperty(RDF.type, ApiDocumentation.ENTRY_POINT)
                .addProperty(DCTerms.title, "SmartContainers provenance")
                .addProperty(ApiDocumentation.SPARQL, model.createResource(base + "/sparql"))
                .addProperty(Hydra.search, SearchTemplates.search(model, base));
        for (Kind kind : Kind.values()) {
            Resource container = model.createResource(base + kind.containerPath());
            root.addProperty(Ldp.contains, container).addProperty(ApiDocumentation.link(kind), container);
        }
        return Representation.of(request, model, Ldp.CONTAINER_TYPES, () -> Pages.entryPoint(base));
    }
}
