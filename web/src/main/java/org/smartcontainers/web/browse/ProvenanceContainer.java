package org.smartcontainers.web.browse;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.html.ListPage;
import org.smartcontainers.web.hydra.SearchTemplates;
import org.smartcontainers.web.html.Pages;
import org.smartcontainers.web.http.Handler;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.metadata.MetadataContainers;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.rdf.WebVocab.Ldp;
import org.smartcontainers.web.resources.Kind;

/**
 * {@code /images/}, {@code /containers/}, {@code /activities/}, {@code /agents/}: a read-only LDP
 * Basic Container that is also a Hydra collection, paged, and each of its members as an RDF Source.
 */
public final class ProvenanceContainer implements Handler, AutoCloseable {

    private final Kind kind;
    private final ProvenanceStore store;
    private final int pageSize;
    private final MetadataContainers metadata;
    /** The unfiltered order kept between requests; null where the store cannot tell its writes. */
    private final ListIndex index;

    /** {@code metadata}: the writable metadata containers of this kind's members, null where there are none. */
    public ProvenanceContainer(Kind kind, ProvenanceStore store, int pageSize, MetadataContainers metadata) {
        this.kind = kind;
        this.store = store;
        this.pageSize = pageSize;
        this.metadata = metadata;
        this.index = ListIndex.watching(store, kind);
    }

    /** Stops keeping its list's order: the server is closed. */
    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
    }

    @Override
    public Response handle(Request request) {
        List<String> rest = request.segments().subList(1, request.segments().size());
        if (rest.isEmpty()) {
            // /images without the slash: the container is /images/
            return Response.empty(HttpResponseStatus.MOVED_PERMANENTLY)
                    .header("Location", kind.containerPath());
        }
        int at = metadataSegment(rest);
        if (at > 0) {
            // A name may hold '/' (team/tool:1.0, ghcr.io/org/tool): all before "metadata" is the reference.
            List<String> joined = new ArrayList<>();
            joined.add(String.join("/", rest.subList(0, at)));
            joined.addAll(rest.subList(at, rest.size()));
            return metadata.handle(kind == Kind.IMAGES, request, joined);
        }
        boolean container = rest.size() == 1 && rest.get(0).isEmpty();
        if (!container) {
            return member(request, rest);
        }
        Response early = Representation.optionsOrRefuse(request, Ldp.CONTAINER_TYPES);
        return early != null ? early : page(request);
    }

    private Response page(Request request) {
        int page = pageNumber(request.param("page"));
        ActivityFilter filter = ActivityFilter.of(request);
        if (kind == Kind.AGENTS && !filter.isEmpty()) {
            throw HttpError.badRequest("agents are listed whole: kind, person, outcome, since and until narrow /activities/,"
                    + " /images/ and /containers/");
        }
        long offset = (long) (page - 1) * pageSize;
        ListIndex.Page kept = index != null && filter.isEmpty() ? index.page(offset, pageSize) : null;
        ListOrder order = new ListOrder(store, kind);
        long total = kept != null ? kept.total() : order.count(filter);
        long lastPage = Math.max(1, (total + pageSize - 1) / pageSize);
        if (page > lastPage) {
            throw HttpError.notFound(request.path() + "?page=" + page + " (the last page is " + lastPage + ")");
        }
        List<String> members = kept != null && kept.members() != null ? kept.members() : order.page(filter, offset, pageSize);

        String base = request.baseUrl();
        Model model = ModelFactory.createDefaultModel();
        Resource collection = model.createResource(base + kind.containerPath())
                .addProperty(RDF.type, Ldp.BasicContainer)
                .addProperty(RDF.type, Hydra.Collection)
                .addProperty(DCTerms.title, kind.title())
                .addProperty(Hydra.totalItems, model.createTypedLiteral(BigInteger.valueOf(total)));
        if (kind != Kind.AGENTS) {
            collection.addProperty(Hydra.search, SearchTemplates.filters(model, base, kind));
        }
        for (String iri : members) {
            Resource member = model.createResource(base + kind.memberPath(iri))
                    .addProperty(FOAF.primaryTopic, model.createResource(iri));
            collection.addProperty(Ldp.contains, member).addProperty(Hydra.member, member);
        }
        Map<String, String> links = pageLinks(base + kind.containerPath() + "?" + filter.queryPrefix() + "page=", page, lastPage);
        if (lastPage > 1) {
            Resource view = model.createResource(base + kind.containerPath() + "?" + filter.queryPrefix() + "page=" + page)
                    .addProperty(RDF.type, Hydra.PartialCollectionView)
                    .addProperty(Hydra.first, model.createResource(links.get("first")))
                    .addProperty(Hydra.last, model.createResource(links.get("last")));
            if (links.containsKey("prev")) {
                view.addProperty(Hydra.previous, model.createResource(links.get("prev")));
            }
            if (links.containsKey("next")) {
                view.addProperty(Hydra.next, model.createResource(links.get("next")));
            }
            collection.addProperty(Hydra.view, view);
        }
        Response response = Representation.of(request, model, Ldp.CONTAINER_TYPES,
                () -> ListPage.render(kind, ListSummaries.of(store, kind, members, base),
                        new ListPage.Paging(total, page, lastPage, links), filter.given(), base));
        // As LDP Paging names them, for clients that read headers rather than the Hydra view.
        links.forEach((rel, target) -> response.link(target, rel));
        return response;
    }

    /** first, prev, next, last: the pages around this one, none when there is one page. */
    private static Map<String, String> pageLinks(String pages, int page, long lastPage) {
        Map<String, String> links = new LinkedHashMap<>();
        if (lastPage > 1) {
            links.put("first", pages + 1);
            if (page > 1) {
                links.put("prev", pages + (page - 1));
            }
            if (page < lastPage) {
                links.put("next", pages + (page + 1));
            }
            links.put("last", pages + lastPage);
        }
        return links;
    }

    /** Where {@code metadata} is in {@code …/{ref}/metadata[/[name]]}, or -1 when this is no metadata path. */
    private int metadataSegment(List<String> rest) {
        if (metadata == null) {
            return -1;
        }
        for (int i = Math.max(1, rest.size() - 3); i < rest.size(); i++) {
            if (rest.get(i).equals("metadata") && rest.size() - i <= 2) {
                return i;
            }
        }
        return -1;
    }

    /** What users attached (the metadata container's members), for the HTML page. */
    private List<Pages.Attachment> attachments(String iri, String base) {
        if (metadata == null) {
            return List.of();
        }
        String stable = iri + "/metadata/";
        String served = base + "/" + kind.segment() + "/" + iri.substring(iri.lastIndexOf('/') + 1) + "/metadata/";
        var rows = store.select("SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?f) AS ?format) WHERE { "
                + MetadataContainers.attachedPattern(iri) + " } GROUP BY ?r ORDER BY ?r");
        List<Pages.Attachment> attached = new ArrayList<>();
        rows.forEachRemaining(row -> {
            String url = served + row.getResource("r").getURI().substring(stable.length());
            String title = row.contains("title") ? row.getLiteral("title").getString()
                    : url.substring(url.lastIndexOf('/') + 1) + (row.contains("format") ? " (" + row.getLiteral("format").getString() + ")" : "");
            attached.add(new Pages.Attachment(url, title));
        });
        return attached;
    }

    /**
     * A Docker reference in the path ({@code /images/team/tool:1.0}, a short ID, {@code /containers/web}): a 303
     * to the one member it names, to the search when it names several, else 404.
     */
    private Response byReference(Request request, String reference) {
        List<References.Hit> hits = reference.isEmpty() ? List.of() : new References(store).find(kind, reference);
        if (hits.isEmpty()) {
            throw HttpError.notFound(request.path());
        }
        String location = hits.size() == 1 ? request.baseUrl() + kind.memberPath(hits.get(0).iri())
                : request.baseUrl() + "/search?q=" + URLEncoder.encode(reference, StandardCharsets.UTF_8);
        return Response.empty(HttpResponseStatus.SEE_OTHER).header("Location", location);
    }

    private static int pageNumber(String value) {
        if (value == null) {
            return 1;
        }
        try {
            int page = Integer.parseInt(value);
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw HttpError.badRequest("page must be a number from 1, got '" + value + "'");
    }

    private Response member(Request request, List<String> rest) {
        String iri = kind.memberIri(rest);
        if (iri == null || !Iris.safe(iri)
                || !store.ask("ASK { " + kind.memberPattern().replace("?member", "<" + iri + ">") + " }")) {
            return byReference(request, String.join("/", rest));
        }
        Response early = Representation.optionsOrRefuse(request, Ldp.RDF_SOURCE_TYPES);
        if (early != null) {
            return early;
        }
        Describe.Described described = Describe.of(store, iri, kind == Kind.ACTIVITIES);
        Model model = described.model();
        model.createResource(request.url()).addProperty(RDF.type, Ldp.RDFSource)
                .addProperty(FOAF.primaryTopic, model.createResource(iri));
        return Representation.of(request, model, Ldp.RDF_SOURCE_TYPES,
                () -> Pages.member(kind, iri, model, described.claimed(),
                        kind == Kind.AGENTS ? "" : Lineage.picture(store, iri, request.baseUrl()), Lineage.of(store, iri),
                        attachments(iri, request.baseUrl()), request.baseUrl()));
    }
}
