package org.smartcontainers.web.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTPBuilder;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.apache.jena.sparql.exec.http.UpdateExecutionHTTP;
import org.apache.jena.sparql.exec.http.UpdateSendMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;

/** {@code /sparql} over a real in-memory store, through Jena's HTTP clients, raw HTTP and Python's SPARQLWrapper. */
class SparqlEndpointTest {
    private static final String EX = "http://example.org/sc/";
    private static final String BUILD_GRAPH = EX + "graph/build";
    private static final String RUN_GRAPH = EX + "graph/run";
    private static final String PREFIXES = """
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX ex: <http://example.org/sc/>
            """;
    // A blank node (for DESCRIBE's closure), a typed literal and a non-ASCII label (for the charset).
    private static final Model BUILD = turtle("""
            ex:build a prov:Activity ; rdfs:label "bâtir l'image" ;
                prov:used ex:dockerfile ;
                prov:startedAtTime "2024-05-01T10:00:00Z"^^xsd:dateTime ;
                prov:qualifiedAssociation [ a prov:Association ; prov:agent ex:alice ] .
            ex:image a prov:Entity ; prov:wasGeneratedBy ex:build .
            """);
    private static final Model RUN = turtle("""
            ex:run a prov:Activity ; rdfs:label "run" ; prov:used ex:image .
            """);

    private static final String LABELS = PREFIXES + "SELECT ?label WHERE { ?a rdfs:label ?label } ORDER BY ?label";
    private static final List<String> BOTH_LABELS = List.of("bâtir l'image", "run");
    private static final String ASK_BUILD = PREFIXES + "ASK { ex:build a prov:Activity }";
    private static final String ASK_MISSING = PREFIXES + "ASK { ex:nothing ?p ?o }";
    private static final String CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
    private static final String DESCRIBE_BUILD = PREFIXES + "DESCRIBE ex:build";
    private static final String GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    private static final String INSERT = PREFIXES + "INSERT DATA { GRAPH <" + EX + "graph/evil> { ex:evil a prov:Activity } }";

    /** Only so a hung server fails the test instead of hanging the build. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HANG_GUARD).build();

    private static LocalStore store;
    private static LdpServer server;
    private static String endpoint;
    private static long storedTriples;

    @BeforeAll
    static void startServer() {
        store = LocalStore.inMemory();
        store.commit(List.of(new NamedGraph(BUILD_GRAPH, BUILD), new NamedGraph(RUN_GRAPH, RUN)));
        storedTriples = storedTriples(store);
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), store, Duration.ofSeconds(10));
        endpoint = endpoint(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        store.close();
    }

    /** The three ways of sending a query, with Jena's own client. */
    @Nested
    class SendModes {

        @ParameterizedTest
        @EnumSource(value = QuerySendMode.class, names = {"asGetAlways", "asPost", "asPostForm"})
        void selectAnswersByEverySendMode(QuerySendMode mode) {
            assertEquals(BOTH_LABELS, select(jena(mode), LABELS, "label"));
        }

        @ParameterizedTest
        @EnumSource(value = QuerySendMode.class, names = {"asGetAlways", "asPost", "asPostForm"})
        void askAnswersByEverySendMode(QuerySendMode mode) {
            assertTrue(ask(jena(mode), ASK_BUILD));
            assertFalse(ask(jena(mode), ASK_MISSING));
            // Each way carries a non-ASCII query as UTF-8.
            assertTrue(ask(jena(mode), PREFIXES + "ASK { ex:build rdfs:label \"bâtir l'image\" }"));
        }

        @ParameterizedTest
        @EnumSource(value = QuerySendMode.class, names = {"asGetAlways", "asPost", "asPostForm"})
        void constructAnswersByEverySendMode(QuerySendMode mode) {
            try (QueryExecution exec = jena(mode).query(CONSTRUCT_ALL).build()) {
                assertIsomorphic(union(BUILD, RUN), exec.execConstruct());
            }
        }

        @Test
        void rdfConnectionRunsEveryQueryForm() {
            try (RDFConnection conn = RDFConnection.queryConnect(endpoint)) {
                List<String> labels = new ArrayList<>();
                conn.querySelect(LABELS, row -> labels.add(row.getLiteral("label").getLexicalForm()));
                assertEquals(BOTH_LABELS, labels);
                assertTrue(conn.queryAsk(ASK_BUILD));
                assertIsomorphic(union(BUILD, RUN), conn.queryConstruct(CONSTRUCT_ALL));
                assertIsomorphic(subjectWithClosure(BUILD, EX + "build"), conn.queryDescribe(DESCRIBE_BUILD));
            }
        }
    }

    /** The protocol's dataset: default-graph-uri and named-graph-uri. */
    @Nested
    class ProtocolDataset {

        @ParameterizedTest
        @EnumSource(value = QuerySendMode.class, names = {"asGetAlways", "asPost", "asPostForm"})
        void defaultGraphUriMakesThatGraphTheDefault(QuerySendMode mode) {
            assertEquals(List.of("run"), select(jena(mode).addDefaultGraphURI(RUN_GRAPH), LABELS, "label"));
            assertEquals(BOTH_LABELS,
                    select(jena(mode).addDefaultGraphURI(RUN_GRAPH).addDefaultGraphURI(BUILD_GRAPH), LABELS, "label"));
        }

        @ParameterizedTest
        @EnumSource(value = QuerySendMode.class, names = {"asGetAlways", "asPost", "asPostForm"})
        void namedGraphUriLimitsTheNamedGraphs(QuerySendMode mode) {
            assertEquals(List.of(BUILD_GRAPH, RUN_GRAPH), select(jena(mode), GRAPHS, "g"));
            assertEquals(List.of(BUILD_GRAPH), select(jena(mode).addNamedGraphURI(BUILD_GRAPH), GRAPHS, "g"));
            // Named graphs alone give an empty default graph (SPARQL 1.1 Query, 13.2).
            assertEquals(List.of(), select(jena(mode).addNamedGraphURI(BUILD_GRAPH), LABELS, "label"));
        }

        @Test
        void protocolDatasetReplacesTheQuerysFromClauses() {
            String fromBuild = PREFIXES + "SELECT ?label FROM <" + BUILD_GRAPH + "> WHERE { ?a rdfs:label ?label }";
            assertEquals(List.of("bâtir l'image"), select(jena(QuerySendMode.asGetAlways), fromBuild, "label"));
            assertEquals(List.of("run"),
                    select(jena(QuerySendMode.asGetAlways).addDefaultGraphURI(RUN_GRAPH), fromBuild, "label"));
        }
    }

    /** Content negotiation. */
    @Nested
    class ContentNegotiation {

        static Stream<Arguments> resultFormats() {
            return Stream.of(
                    Arguments.of("application/sparql-results+json", ResultSetLang.RS_JSON),
                    Arguments.of("application/sparql-results+xml", ResultSetLang.RS_XML),
                    Arguments.of("text/csv", ResultSetLang.RS_CSV),
                    Arguments.of("text/tab-separated-values", ResultSetLang.RS_TSV),
                    Arguments.of("application/json", ResultSetLang.RS_JSON));
        }

        @ParameterizedTest
        @MethodSource("resultFormats")
        void selectResultsComeInEveryResultsFormat(String accept, Lang lang) {
            HttpResponse<String> response = send(get("query=" + encode(LABELS)).header("Accept", accept));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(accept, mediaType(response));
            // CSV keeps only lexical forms, so compare those in every format.
            assertEquals(BOTH_LABELS, column(parseResults(response.body(), lang), "label"));
        }

        @ParameterizedTest
        @MethodSource("resultFormats")
        void askResultComesInEveryResultsFormat(String accept, Lang lang) {
            for (boolean expected : new boolean[] {true, false}) {
                HttpResponse<String> response = send(get("query=" + encode(expected ? ASK_BUILD : ASK_MISSING))
                        .header("Accept", accept));
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(accept, mediaType(response));
                assertEquals(expected, parseBoolean(response.body(), lang));
            }
        }

        static Stream<Arguments> graphFormats() {
            return Stream.of("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
                    .flatMap(accept -> Stream.of(Arguments.of(CONSTRUCT_ALL, accept), Arguments.of(DESCRIBE_BUILD, accept)));
        }

        @ParameterizedTest
        @MethodSource("graphFormats")
        void constructAndDescribeComeInEveryRdfFormat(String query, String accept) {
            HttpResponse<String> response = send(get("query=" + encode(query)).header("Accept", accept));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(accept, mediaType(response));
            Model expected = query.equals(CONSTRUCT_ALL) ? union(BUILD, RUN) : subjectWithClosure(BUILD, EX + "build");
            assertIsomorphic(expected, parseRdf(response.body(), accept));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "*/*"})
        void withoutAPreferenceResultsAreJsonAndGraphsTurtle(String accept) {
            HttpResponse<String> select = send(accepting(get("query=" + encode(LABELS)), accept));
            assertEquals("application/sparql-results+json", mediaType(select));
            assertEquals(BOTH_LABELS, column(parseResults(select.body(), ResultSetLang.RS_JSON), "label"));

            HttpResponse<String> construct = send(accepting(get("query=" + encode(CONSTRUCT_ALL)), accept));
            assertEquals("text/turtle", mediaType(construct));
            assertIsomorphic(union(BUILD, RUN), parseRdf(construct.body(), "text/turtle"));
        }

        @Test
        void qualityValuesPickTheClientsPreference() {
            HttpResponse<String> select = send(get("query=" + encode(LABELS))
                    .header("Accept", "application/sparql-results+json;q=0.2, text/csv;q=0.5, application/sparql-results+xml"));
            assertEquals("application/sparql-results+xml", mediaType(select));

            HttpResponse<String> construct = send(get("query=" + encode(CONSTRUCT_ALL))
                    .header("Accept", "text/turtle;q=0.1, application/n-triples;q=0.3, application/rdf+xml;q=0.9"));
            assertEquals("application/rdf+xml", mediaType(construct));
            assertIsomorphic(union(BUILD, RUN), parseRdf(construct.body(), "application/rdf+xml"));
        }

        @Test
        void unavailableFormatsGet406() {
            assertEquals(406, send(get("query=" + encode(LABELS)).header("Accept", "image/png")).statusCode());
            // A table of results has no Turtle form, nor a graph a SPARQL results form.
            assertEquals(406, send(get("query=" + encode(LABELS)).header("Accept", "text/turtle")).statusCode());
            assertEquals(406, send(get("query=" + encode(CONSTRUCT_ALL))
                    .header("Accept", "application/sparql-results+json")).statusCode());
        }
    }

    /** Read-only, however an update is sent. */
    @Nested
    class ReadOnly {

        @Test
        void postedSparqlUpdateIsRefused() {
            assertRefusedAsReadOnly(send(post("application/sparql-update", INSERT)));
        }

        @Test
        void updateParameterIsRefused() {
            assertRefusedAsReadOnly(send(post("application/x-www-form-urlencoded", form("update", INSERT))));
            assertRefusedAsReadOnly(send(get(form("update", INSERT))));
            // A harmless query beside it does not let the update through.
            assertRefusedAsReadOnly(send(post("application/x-www-form-urlencoded", form("query", ASK_BUILD, "update", INSERT))));
        }

        static Stream<Arguments> updatesSentAsQueries() {
            List<String> updates = List.of(INSERT,
                    PREFIXES + "DELETE WHERE { ?s rdfs:label ?label }",
                    PREFIXES + "INSERT { ?s rdfs:comment \"touched\" } WHERE { ?s a prov:Activity }",
                    "CLEAR ALL", "DROP GRAPH <" + BUILD_GRAPH + ">", "LOAD <http://example.org/data.ttl>",
                    "CREATE GRAPH <" + EX + "graph/new>");
            return updates.stream().flatMap(update -> Stream.of("GET", "POST query", "POST form")
                    .map(way -> Arguments.of(way, update)));
        }

        @ParameterizedTest
        @MethodSource("updatesSentAsQueries")
        void updateTextInTheQueryIsRefused(String way, String update) {
            HttpRequest.Builder request = switch (way) {
                case "GET" -> get(form("query", update));
                case "POST query" -> post("application/sparql-query", update);
                default -> post("application/x-www-form-urlencoded", form("query", update));
            };
            assertRefusedAsReadOnly(send(request));
        }

        @ParameterizedTest
        @EnumSource(UpdateSendMode.class)
        void jenasUpdateClientIsRefused(UpdateSendMode mode) {
            HttpException refused = assertThrows(HttpException.class,
                    () -> UpdateExecutionHTTP.service(endpoint).sendMode(mode).update(INSERT).build().execute());
            assertTrue(refused.getStatusCode() >= 400 && refused.getStatusCode() < 500, refused::toString);
            assertEquals(storedTriples, storedTriples(store));
        }

        @Test
        void rdfConnectionWritesAreRefused() {
            String base = endpoint.substring(0, endpoint.length() - "sparql".length());
            try (RDFConnection conn = RDFConnectionRemote.service(base)
                    .queryEndpoint("sparql").updateEndpoint("sparql").gspEndpoint("sparql").build()) {
                assertThrows(HttpException.class, () -> conn.update(INSERT));
                assertThrows(HttpException.class, () -> conn.load(RUN));
                assertThrows(HttpException.class, () -> conn.put(RUN));
                assertThrows(HttpException.class, () -> conn.delete(RUN_GRAPH));
                assertTrue(conn.queryAsk(ASK_BUILD), "the same connection can still query");
            }
            assertEquals(storedTriples, storedTriples(store));
        }
    }

    /** Errors in the protocol. */
    @Nested
    class ProtocolErrors {

        @Test
        void malformedQueryGets400WithTheParsersMessage() {
            String malformed = "SELECT ?s WHERE { ?s ?p }";
            String parserMessage = assertThrows(QueryParseException.class, () -> QueryFactory.create(malformed)).getMessage();
            HttpResponse<String> response = send(get("query=" + encode(malformed)));
            assertEquals(400, response.statusCode());
            assertTrue(response.body().contains(parserMessage), response.body());

            // Jena's client, told not to check the query itself, sees the 400 too.
            QueryExceptionHTTP fromJena = assertThrows(QueryExceptionHTTP.class, () -> {
                try (QueryExecution exec = jena(QuerySendMode.asPost).parseCheck(false).query(malformed).build()) {
                    exec.execSelect().hasNext();
                }
            });
            assertEquals(400, fromJena.getStatusCode());
        }

        @Test
        void aQueryLongerThanTheEndpointReadsGets413AndOneAtTheBoundIsAnswered() {
            String prefix = "SELECT ?x WHERE { VALUES ?x { ";
            String suffix = " } } LIMIT 1";
            String values = "1 ".repeat((SparqlEndpoint.MAX_QUERY_CHARS - prefix.length() - suffix.length()) / 2);
            String atTheBound = prefix + values + " ".repeat(SparqlEndpoint.MAX_QUERY_CHARS - prefix.length()
                    - values.length() - suffix.length()) + suffix;
            assertEquals(SparqlEndpoint.MAX_QUERY_CHARS, atTheBound.length());
            HttpResponse<String> answered = send(request("").POST(BodyPublishers.ofString(atTheBound))
                    .header("Content-Type", "application/sparql-query"));
            assertEquals(200, answered.statusCode(), answered.body());

            HttpResponse<String> refused = send(request("").POST(BodyPublishers.ofString(atTheBound + " "))
                    .header("Content-Type", "application/sparql-query"));
            assertEquals(413, refused.statusCode());
            assertTrue(refused.body().contains("longer than the endpoint reads"), refused.body());
        }

        @ParameterizedTest
        @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
        void writeMethodsGet405WithAllow(String method) {
            HttpResponse<String> response = send(request("").method(method, BodyPublishers.ofString(CONSTRUCT_ALL))
                    .header("Content-Type", "application/sparql-query"));
            assertEquals(405, response.statusCode());
            List<String> allowed = Arrays.stream(response.headers().firstValue("Allow").orElseThrow().split(","))
                    .map(String::trim).toList();
            assertTrue(allowed.containsAll(List.of("GET", "POST")), allowed::toString);
            assertFalse(allowed.contains(method), allowed::toString);
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/json", "text/turtle", ""})
        void postOfAnotherContentTypeGets415(String contentType) {
            HttpRequest.Builder request = request("").POST(BodyPublishers.ofString(ASK_BUILD));
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }
            assertEquals(415, send(request).statusCode());
        }

        @Test
        void contentTypeParametersAndCaseAreAccepted() {
            assertEquals(200, send(post("application/sparql-query; charset=UTF-8", ASK_BUILD)).statusCode());
            assertEquals(200, send(post("Application/X-WWW-Form-URLEncoded; charset=utf-8", form("query", ASK_BUILD)))
                    .statusCode());
        }

        @Test
        void repeatedQueryParameterGets400() {
            assertEquals(400, send(get(form("query", ASK_BUILD, "query", ASK_MISSING))).statusCode());
            assertEquals(400, send(post("application/x-www-form-urlencoded", form("query", ASK_BUILD, "query", ASK_MISSING)))
                    .statusCode());
            // A query in the body and another in the URL: which one is meant?
            assertEquals(400, send(request(form("query", ASK_MISSING)).POST(BodyPublishers.ofString(ASK_BUILD))
                    .header("Content-Type", "application/sparql-query")).statusCode());
        }

        @Test
        void missingQueryGets400() {
            assertEquals(400, send(get("")).statusCode());
            assertEquals(400, send(get(form("default-graph-uri", RUN_GRAPH))).statusCode());
            assertEquals(400, send(post("application/x-www-form-urlencoded", form("default-graph-uri", RUN_GRAPH)))
                    .statusCode());
            assertEquals(400, send(post("application/sparql-query", "")).statusCode());
        }

        @Test
        void queryTooDeepForTheEngineIsAnsweredNotLeftHanging() {
            // It parses, but Jena's optimizer recurses once per UNION and overflows the worker's stack.
            String deep = "SELECT * WHERE { {} " + "UNION {} ".repeat(20_000) + "}";
            HttpResponse<String> response = send(post("application/sparql-query", deep));
            assertTrue(response.statusCode() >= 400, () -> response.statusCode() + " " + response.body());
            assertTrue(ask(jena(QuerySendMode.asGetAlways), ASK_BUILD), "the server answers after it");
        }
    }

    /** Timeouts. */
    @Nested
    class Timeouts {
        private static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }";

        /** Some hundreds of triples: {@link #RUNAWAY}'s 4-way cross product is ~10^10 rows, far beyond any timeout. */
        private static Model big() {
            Model big = ModelFactory.createDefaultModel();
            for (int i = 0; i < 300; i++) {
                big.add(big.createResource(EX + "n" + i), big.createProperty(EX + "p"), big.createTypedLiteral(i));
            }
            return big;
        }

        @Test
        void runawayQueryIsCancelledWhileOtherClientsAreAnswered() throws Exception {
            CountDownLatch runawayStarted = new CountDownLatch(1);
            String small = PREFIXES + "SELECT ?x WHERE { ex:n7 ex:p ?x }";
            try (LocalStore bigStore = LocalStore.inMemory();
                    LdpServer shortTimeout = LdpServer.start(new HttpAddress("127.0.0.1", 0),
                            signallingAggregates(bigStore, runawayStarted), Duration.ofSeconds(2))) {
                bigStore.commit(List.of(new NamedGraph(EX + "graph/big", big())));
                String url = endpoint(shortTimeout);
                QueryExecutionHTTPBuilder client = QueryExecutionHTTP.service(url);
                assertEquals(List.of("7"), select(client, small, "x")); // warm up the client before the race

                CompletableFuture<HttpResponse<String>> runawayAnswer = HTTP.sendAsync(
                        HttpRequest.newBuilder(URI.create(url + "?query=" + encode(RUNAWAY))).timeout(HANG_GUARD).build(),
                        BodyHandlers.ofString());
                assertTrue(runawayStarted.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), "the runaway never began");
                for (int i = 0; i < 3; i++) {
                    assertEquals(List.of("7"), select(QueryExecutionHTTP.service(url), small, "x"));
                    assertFalse(runawayAnswer.isDone(), "the small query was answered only after the runaway finished");
                }

                HttpResponse<String> answer = runawayAnswer.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                assertEquals(503, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("timeout"), answer.body());
                assertEquals(List.of("7"), select(client, small, "x"), "the server answers after the cancellation");
            }
        }

        /** Slow queries, as many as a web page could send: beyond their queue they get 503 at once; pages go on. */
        @Test
        void aFloodOfRunawayQueriesIsRefusedBeyondItsQueueAndPagesGoOn() throws Exception {
            CountDownLatch runawayStarted = new CountDownLatch(1);
            try (LocalStore bigStore = LocalStore.inMemory();
                    LdpServer shortTimeout = LdpServer.start(new HttpAddress("127.0.0.1", 0),
                            signallingAggregates(bigStore, runawayStarted), Duration.ofSeconds(2))) {
                bigStore.commit(List.of(new NamedGraph(EX + "graph/big", big())));
                String url = endpoint(shortTimeout);
                List<CompletableFuture<HttpResponse<String>>> flood = new java.util.ArrayList<>();
                // More than the query threads (half the server's, at most 2 x the cores) and the 16 queued (Workers) can take.
                int floodSize = 16 + 2 * Runtime.getRuntime().availableProcessors() + 8;
                for (int i = 0; i < floodSize; i++) {
                    flood.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url + "?query=" + encode(RUNAWAY)))
                            .timeout(Duration.ofMinutes(5)).build(), BodyHandlers.ofString()));
                }
                assertTrue(runawayStarted.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), "the runaways never began");
                HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url.replace("/sparql", "/")))
                        .timeout(HANG_GUARD).build(), BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), page.body());
                assertFalse(flood.stream().allMatch(CompletableFuture::isDone), "the page was answered only after the runaways");
                long busy = 0;
                for (CompletableFuture<HttpResponse<String>> answer : flood) {
                    HttpResponse<String> response = answer.get(5, TimeUnit.MINUTES);
                    assertEquals(503, response.statusCode(), response.body());
                    busy += response.body().contains("busy") ? 1 : 0;
                }
                assertTrue(busy >= 8, "beyond the queue, refused at once: " + busy + " busy of " + floodSize);
            }
        }

        /**
         * One row, one regular expression that would backtrack for longer than anyone waits
         * ({@code (.*a){65}} against 64 a's): Jena's timeout alone checks between rows and never
         * stops it, so without the regex's own limit the answer never comes within HANG_GUARD.
         */
        @Test
        void backtrackingRegexGetsTheTimeoutAnswerAndTheNextQueryIsServed() {
            Model text = ModelFactory.createDefaultModel();
            text.add(text.createResource(EX + "long"), text.createProperty(EX + "text"), "a".repeat(64));
            String runaway = PREFIXES + "SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"(.*a){65}\") }";
            String small = PREFIXES + "SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^a{64}$\") }";
            try (LocalStore regexStore = LocalStore.inMemory();
                    LdpServer shortTimeout = LdpServer.start(new HttpAddress("127.0.0.1", 0), regexStore, Duration.ofSeconds(2))) {
                regexStore.commit(List.of(new NamedGraph(EX + "graph/text", text)));
                String url = endpoint(shortTimeout);

                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "?query=" + encode(runaway)))
                        .timeout(HANG_GUARD));
                assertEquals(503, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("timeout"), answer.body());
                assertEquals(List.of("a".repeat(64)), select(QueryExecutionHTTP.service(url), small, "s"),
                        "the server answers after the cancellation");
            }
        }
    }

    /** A client that is not Java. */
    @Nested
    class NonJavaClient {

        private static final String SPARQL_WRAPPER = """
                import json, sys
                from SPARQLWrapper import SPARQLWrapper, JSON, TURTLE, GET, POST
                endpoint, method, fmt, query = sys.argv[1:5]
                client = SPARQLWrapper(endpoint)
                client.setMethod(POST if method == "POST" else GET)
                client.setReturnFormat(JSON if fmt == "json" else TURTLE)
                client.setQuery(query)
                result = client.query().convert()
                if fmt == "json":
                    sys.stdout.write(json.dumps(result))
                else:
                    sys.stdout.buffer.write(result)
                """;

        @Test
        void pythonSparqlWrapperSelectsAsJsonAndConstructsAsTurtle(@TempDir Path dir) throws Exception {
            String json = runSparqlWrapper(dir, "GET", "json", LABELS);
            assertEquals(BOTH_LABELS, column(parseResults(json, ResultSetLang.RS_JSON), "label"));

            String turtle = runSparqlWrapper(dir, "POST", "turtle", CONSTRUCT_ALL);
            assertIsomorphic(union(BUILD, RUN), parseRdf(turtle, "text/turtle"));
        }

        /** SPARQLWrapper's output; the test fails (not skips) when Python or SPARQLWrapper is missing. */
        private static String runSparqlWrapper(Path dir, String method, String format, String query) throws Exception {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process python = new ProcessBuilder(Clients.sparqlPython(), "-c", SPARQL_WRAPPER, endpoint, method, format, query)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!python.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new AssertionError("SPARQLWrapper hung");
            }
            String errors = readUtf8(err);
            assertEquals(0, python.exitValue(), () -> "SPARQLWrapper failed (is Debian's python3-sparqlwrapper installed?): "
                    + errors);
            return readUtf8(out);
        }
    }

    // --- Helpers ---

    /**
     * The real store, counting {@code started} down when an aggregate query reaches it (the timeout
     * test's runaway). A proxy, so it keeps up with the interface.
     */
    private static ProvenanceStore signallingAggregates(ProvenanceStore store, CountDownLatch started) {
        InvocationHandler delegate = (proxy, method, args) -> {
            if (method.getName().equals("query") && args[0] instanceof Query query && query.hasAggregators()) {
                started.countDown();
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ProvenanceStore) Proxy.newProxyInstance(ProvenanceStore.class.getClassLoader(),
                new Class<?>[] {ProvenanceStore.class}, delegate);
    }

    private static String endpoint(LdpServer server) {
        return "http://127.0.0.1:" + server.address().getPort() + "/sparql";
    }

    private static QueryExecutionHTTPBuilder jena(QuerySendMode mode) {
        return QueryExecutionHTTP.service(endpoint).sendMode(mode);
    }

    private static List<String> select(QueryExecutionHTTPBuilder client, String query, String var) {
        try (QueryExecution exec = client.query(query).build()) {
            return column(exec.execSelect(), var);
        }
    }

    private static boolean ask(QueryExecutionHTTPBuilder client, String query) {
        try (QueryExecution exec = client.query(query).build()) {
            return exec.execAsk();
        }
    }

    /** One variable's values, in order: an IRI as itself, a literal as its lexical form. */
    private static List<String> column(ResultSet results, String var) {
        List<String> values = new ArrayList<>();
        results.forEachRemaining(row -> {
            RDFNode node = row.get(var);
            assertNotNull(node, () -> "no ?" + var + " in " + row);
            values.add(node.isURIResource() ? node.asResource().getURI() : node.asLiteral().getLexicalForm());
        });
        return values;
    }

    private static ResultSet parseResults(String body, Lang lang) {
        return ResultSetMgr.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), lang);
    }

    private static boolean parseBoolean(String body, Lang lang) {
        if (lang.equals(ResultSetLang.RS_TSV)) {
            // Jena's TSV reader does not read its own writer's boolean form, a one-cell table.
            return Boolean.parseBoolean(column(parseResults(body, lang), "_askResult").get(0));
        }
        return ResultSetMgr.readBoolean(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), lang);
    }

    private static Model parseRdf(String body, String mediaType) {
        Lang lang = switch (mediaType) {
            case "text/turtle" -> Lang.TURTLE;
            case "application/ld+json" -> Lang.JSONLD;
            case "application/n-triples" -> Lang.NTRIPLES;
            case "application/rdf+xml" -> Lang.RDFXML;
            default -> throw new IllegalArgumentException(mediaType);
        };
        return RDFParser.fromString(body, lang).base(endpoint).toModel();
    }

    private static Model turtle(String body) {
        return RDFParser.fromString(PREFIXES + body, Lang.TURTLE).toModel(); // Turtle takes SPARQL's PREFIX too
    }

    private static Model union(Model... models) {
        Model union = ModelFactory.createDefaultModel();
        Arrays.stream(models).forEach(union::add);
        return union;
    }

    /** What DESCRIBE should give: the resource's statements and the blank nodes they reach. */
    private static Model subjectWithClosure(Model model, String iri) {
        Model description = ModelFactory.createDefaultModel();
        List<Resource> todo = new ArrayList<>(List.of(model.createResource(iri)));
        while (!todo.isEmpty()) {
            model.listStatements(todo.remove(0), null, (RDFNode) null).forEach(statement -> {
                description.add(statement);
                if (statement.getObject().isAnon()) {
                    todo.add(statement.getObject().asResource());
                }
            });
        }
        return description;
    }

    private static void assertIsomorphic(Model expected, Model actual) {
        assertTrue(expected.isIsomorphicWith(actual), () -> "expected\n" + expected + "\nbut got\n" + actual);
    }

    private static long storedTriples(ProvenanceStore store) {
        return store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                exec -> exec.execSelect().next().getLiteral("n").getLong());
    }

    /** 400 with a message that says why, and the store as it was. */
    private static void assertRefusedAsReadOnly(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("read-only"), response.body());
        assertEquals(storedTriples, storedTriples(store));
    }

    private static HttpRequest.Builder request(String queryString) {
        return HttpRequest.newBuilder(URI.create(endpoint + (queryString.isEmpty() ? "" : "?" + queryString)))
                .timeout(HANG_GUARD);
    }

    private static HttpRequest.Builder get(String queryString) {
        return request(queryString).GET();
    }

    private static HttpRequest.Builder post(String contentType, String body) {
        return request("").POST(BodyPublishers.ofString(body)).header("Content-Type", contentType);
    }

    private static HttpRequest.Builder accepting(HttpRequest.Builder request, String accept) {
        return accept.isEmpty() ? request : request.header("Accept", accept);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The media type of the response, without parameters. */
    private static String mediaType(HttpResponse<?> response) {
        String value = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code name=value&...}, URL-encoded, for a query string or a form body. */
    private static String form(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]));
        }
        return String.join("&", pairs);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String readUtf8(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
