package org.smartcontainers.web.sparql;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.update.UpdateFactory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.StoreException;
import org.smartcontainers.web.http.Conneg;
import org.smartcontainers.web.http.Handler;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.rdf.Offline;
import org.smartcontainers.web.rdf.RdfFormats;

/**
 * The SPARQL 1.1 Protocol's query operation at {@code /sparql}: GET, POST of a query, POST of a
 * form. Read-only, always: an update is refused however it is sent. Each query runs on a worker
 * thread under the configured timeout. For people: a browser asking for HTML without a query gets the
 * editor page ({@link SparqlPage}, its files under {@code /sparql/assets/}), and results asked for as
 * HTML come as a table ({@link HtmlResults}); {@code download=} picks a format by name, for links.
 */
public final class SparqlEndpoint implements Handler {
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String QUERY = "application/sparql-query";
    private static final String HTML = "text/html";
    /** HTML last: chosen only when a client asks for it over the others (a bare star-slash-star gets the first). */
    private static final List<String> RESULTS = List.of("application/sparql-results+json",
            "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "application/json", HTML);
    private static final List<String> GRAPHS = Stream.concat(RdfFormats.GRAPHS.stream(), Stream.of(HTML)).toList();
    private static final Map<String, Lang> RESULT_LANGS = Map.of(
            "application/sparql-results+json", ResultSetLang.RS_JSON,
            "application/json", ResultSetLang.RS_JSON,
            "application/sparql-results+xml", ResultSetLang.RS_XML,
            "text/csv", ResultSetLang.RS_CSV,
            "text/tab-separated-values", ResultSetLang.RS_TSV);

    /** What one answer may hold: answers are built whole, and several run at once in a small heap. */
    static final int MAX_RESULT_BYTES = 16 << 20;
    static final int MAX_TRIPLES = 200_000;
    /**
     * The longest query read: a query's syntax tree is many times its text (a 3.6 MiB {@code VALUES} list
     * exhausted the daemon's heap), and a query by hand or by a client is a few KiB.
     */
    static final int MAX_QUERY_CHARS = 256 << 10;

    private final ProvenanceStore store;
    private final Duration timeout;
    private final SparqlAssets assets = SparqlAssets.bundled();

    public SparqlEndpoint(ProvenanceStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public Response handle(Request request) {
        if (request.segments().size() != 1) {
            return assets.serve(request);
        }
        Map<String, List<String>> params = switch (request.method()) {
            case "GET", "HEAD" -> request.query();
            case "POST" -> postParams(request);
            case "OPTIONS" -> null;
            default -> throw HttpError.methodNotAllowed(request.method(), ALLOW);
        };
        if (params == null) {
            return Response.empty(HttpResponseStatus.OK).header("Allow", ALLOW)
                    .header("Accept-Post", QUERY + ", " + FORM);
        }
        if (params.containsKey("update")) {
            throw readOnly();
        }
        String text = Request.single(params, "query");
        if (text == null && wantsThePage(request)) {
            return Response.ok(HtmlResults.CONTENT_TYPE, SparqlPage.render(request.baseUrl(), assets))
                    .header("Content-Security-Policy", SparqlPage.POLICY).header("Vary", "Accept");
        }
        if (text == null) {
            throw HttpError.badRequest("no query: give it as the 'query' parameter, or POST it as " + QUERY);
        }
        Query query = parse(text);
        if (Offline.usesService(query)) {
            throw HttpError.badRequest("SERVICE is not allowed here: this endpoint does not query elsewhere for a client");
        }
        List<String> defaultGraphs = params.getOrDefault("default-graph-uri", List.of());
        List<String> namedGraphs = params.getOrDefault("named-graph-uri", List.of());
        if (!defaultGraphs.isEmpty() || !namedGraphs.isEmpty()) {
            // The protocol's dataset replaces the query's FROM and FROM NAMED.
            query.getGraphURIs().clear();
            query.getNamedGraphURIs().clear();
            defaultGraphs.forEach(query::addGraphURI);
            namedGraphs.forEach(query::addNamedGraphURI);
        }
        return execute(request, params, query);
    }

    /** A person's browser: GET of HTML over everything the endpoint answers with. */
    private static boolean wantsThePage(Request request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return false;
        }
        try {
            return Conneg.choose(request, RESULTS).equals(HTML);
        } catch (HttpError notAcceptable) {
            return false; // then the answer is the one a query-less request always got
        }
    }

    private Response execute(Request request, Map<String, List<String>> params, Query query) {
        boolean graphResult = query.isConstructType() || query.isDescribeType();
        String download = Request.single(params, Downloads.PARAM);
        Downloads.Format format = download == null ? null : Downloads.format(download, graphResult);
        String mediaType = format != null ? format.mediaType() : Conneg.choose(request, graphResult ? GRAPHS : RESULTS);
        byte[] body;
        try {
            body = store.query(query, timeout, exec -> mediaType.equals(HTML) ? html(exec, query, request, params)
                    : graphResult ? graph(exec, query, mediaType) : results(exec, query, mediaType));
        } catch (StoreException e) {
            if (e.getCause() instanceof HttpError tooLarge) {
                throw tooLarge;
            }
            throw e;
        }
        if (mediaType.equals(HTML)) {
            return Response.ok(HtmlResults.CONTENT_TYPE, body).header("Vary", "Accept")
                    .header("Content-Security-Policy", HtmlResults.POLICY);
        }
        String contentType = graphResult ? RdfFormats.contentType(mediaType) : mediaType + "; charset=utf-8";
        Response response = Response.ok(contentType, body);
        return format == null ? response.header("Vary", "Accept")
                : response.header("Content-Disposition", "attachment; filename=\"" + format.fileName() + "\"");
    }

    private static byte[] html(QueryExecution exec, Query query, Request request, Map<String, List<String>> params) {
        String sparql = request.baseUrl() + "/sparql";
        HtmlResults page = new HtmlResults(request.baseUrl(), sparql + "?" + queryString(params),
                sparql + "#" + shareLink(params), prefixes(query), MAX_RESULT_BYTES);
        if (query.isConstructType() || query.isDescribeType()) {
            return page.graph(gather(exec, query));
        }
        return query.isAskType() ? page.ask(exec.execAsk()) : page.select(exec.execSelect());
    }

    /** The query's own prefixes over ours, for showing IRIs short. */
    private static PrefixMapping prefixes(Query query) {
        return PrefixMapping.Factory.create().setNsPrefixes(Vocab.PREFIXES).setNsPrefixes(query.getPrefixMapping());
    }

    /** The protocol's parameters of this request (query and dataset), for a link that asks it again. */
    private static String queryString(Map<String, List<String>> params) {
        return parameters(params, Map.of("query", "query", "default-graph-uri", "default-graph-uri",
                "named-graph-uri", "named-graph-uri"));
    }

    /** The same as YASGUI's share link takes them (in the fragment: the editor page opens with this query and runs it). */
    private static String shareLink(Map<String, List<String>> params) {
        return parameters(params, Map.of("query", "query", "default-graph-uri", "defaultGraph",
                "named-graph-uri", "namedGraph"));
    }

    private static String parameters(Map<String, List<String>> params, Map<String, String> names) {
        StringBuilder query = new StringBuilder();
        for (String name : List.of("query", "default-graph-uri", "named-graph-uri")) {
            for (String value : params.getOrDefault(name, List.of())) {
                query.append(query.isEmpty() ? "" : "&").append(names.get(name)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    private static byte[] graph(QueryExecution exec, Query query, String mediaType) {
        return RdfFormats.write(gather(exec, query), mediaType);
    }

    /** Triples are gathered up to a bound, so a runaway CONSTRUCT cannot fill the heap. */
    private static Model gather(QueryExecution exec, Query query) {
        Model model = ModelFactory.createDefaultModel();
        var triples = query.isConstructType() ? exec.execConstructTriples() : exec.execDescribeTriples();
        while (triples.hasNext()) {
            if (model.size() >= MAX_TRIPLES) {
                throw tooLarge(MAX_TRIPLES + " triples");
            }
            model.getGraph().add(triples.next());
        }
        model.setNsPrefixes(Vocab.PREFIXES);
        model.setNsPrefixes(query.getPrefixMapping());
        return model;
    }

    private static byte[] results(QueryExecution exec, Query query, String mediaType) {
        ByteArrayOutputStream out = new BoundedOutput(MAX_RESULT_BYTES);
        Lang lang = RESULT_LANGS.get(mediaType);
        if (query.isAskType()) {
            ResultSetMgr.write(out, exec.execAsk(), lang);
        } else {
            ResultSetMgr.write(out, exec.execSelect(), lang);
        }
        return out.toByteArray();
    }

    static HttpError tooLarge(String limit) {
        return new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, "the result is larger than this endpoint answers ("
                + limit + "); narrow the query or page it with LIMIT and OFFSET");
    }

    /** Results are answered whole: bounded, as the heap is. */
    private static final class BoundedOutput extends ByteArrayOutputStream {
        private final int limit;

        BoundedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int more) {
            if (size() + (long) more > limit) {
                throw tooLarge((limit >> 20) + " MiB");
            }
        }
    }

    private static Map<String, List<String>> postParams(Request request) {
        String type = request.contentType();
        if (QUERY.equals(type)) {
            Map<String, List<String>> params = new HashMap<>(request.query());
            if (params.containsKey("query")) {
                throw HttpError.badRequest("a query POSTed as " + QUERY + " cannot also have a 'query' parameter");
            }
            params.put("query", List.of(request.bodyText()));
            return params;
        }
        if (FORM.equals(type)) {
            return Request.parameters(new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false));
        }
        if ("application/sparql-update".equals(type)) {
            throw readOnly();
        }
        throw HttpError.unsupportedMediaType(type, QUERY + ", " + FORM);
    }

    /** The query, or 400 with the parser's message; an update gets a message that says why it is refused. */
    static Query parse(String text) {
        if (text.length() > MAX_QUERY_CHARS) {
            throw new HttpError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "a query of " + text.length()
                    + " characters is longer than the endpoint reads (" + MAX_QUERY_CHARS + ")");
        }
        try {
            return QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            if (isUpdate(text)) {
                throw readOnly();
            }
            throw HttpError.badRequest("malformed query: " + e.getMessage());
        }
    }

    private static boolean isUpdate(String text) {
        try {
            UpdateFactory.create(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static HttpError readOnly() {
        return HttpError.badRequest("this endpoint is read-only: SPARQL Update is never accepted here");
    }
}
