package org.smartcontainers.web.browse;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.html.Pages;
import org.smartcontainers.web.html.SearchPage;
import org.smartcontainers.web.http.Conneg;
import org.smartcontainers.web.http.Handler;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.rdf.WebVocab.Ldp;

/**
 * {@code /search?q=…}: one resource found is a 303 to its page; several are listed (a page, or RDF naming
 * them as {@code hydra:member}s); none is a 404 that says so.
 */
public final class Search implements Handler {
    /** Longer than any name, ID or ORCID iD; what is longer is no search. */
    private static final int MAX_QUERY = 256;

    private final References references;

    public Search(ProvenanceStore store) {
        this.references = new References(store);
    }

    @Override
    public Response handle(Request request) {
        if (request.segments().size() != 1) {
            throw HttpError.notFound(request.path());
        }
        Response early = Representation.optionsOrRefuse(request, Ldp.RDF_SOURCE_TYPES);
        if (early != null) {
            return early;
        }
        String text = query(request.param("q"));
        List<References.Hit> hits = references.find(text);
        String base = request.baseUrl();
        if (hits.size() == 1) {
            References.Hit hit = hits.get(0);
            return Response.empty(HttpResponseStatus.SEE_OTHER).header("Location", base + hit.kind().memberPath(hit.iri()));
        }
        List<SearchPage.Found> found = hits.stream().map(hit -> new SearchPage.Found(hit.kind(),
                base + hit.kind().memberPath(hit.iri()), hit.title() != null ? hit.title() : Pages.shortName(hit.iri()))).toList();
        if (hits.isEmpty()) {
            // Whatever the client accepts, nothing found is a 404 (a page for a browser, else a line of text).
            boolean html = request.header("Accept") != null && request.header("Accept").contains(Representation.HTML)
                    && Conneg.choose(request, List.of("text/plain", Representation.HTML)).equals(Representation.HTML);
            return html ? Response.of(HttpResponseStatus.NOT_FOUND, "text/html; charset=utf-8", SearchPage.render(text, found, base))
                    : Response.text(HttpResponseStatus.NOT_FOUND, "nothing found for '" + text + "'");
        }
        Model model = ModelFactory.createDefaultModel();
        Resource results = model.createResource(request.url()).addProperty(RDF.type, Hydra.Collection)
                .addProperty(DCTerms.title, "Found for " + text);
        for (References.Hit hit : hits) {
            results.addProperty(Hydra.member, model.createResource(base + hit.kind().memberPath(hit.iri()))
                    .addProperty(FOAF.primaryTopic, model.createResource(hit.iri())));
        }
        return Representation.of(request, model, Ldp.RDF_SOURCE_TYPES, () -> SearchPage.render(text, found, base));
    }

    private static String query(String q) {
        if (q == null || q.isBlank()) {
            throw HttpError.badRequest("q must say what to find: a name or tag, an ID, a person's name or ORCID iD");
        }
        if (q.length() > MAX_QUERY) {
            throw HttpError.badRequest("q is longer than " + MAX_QUERY + " characters");
        }
        return q.trim();
    }
}
