package org.smartcontainers.web.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;

/** {@code /sparql} for people: the editor page, its files, results as HTML, downloads; over a real store and server. */
class SparqlPageTest {
    /** What Chromium sends for a page. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
            + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    private static final String IMAGE = Vocab.INSTANCE_BASE + "image/sha256:" + "ab".repeat(32);
    private static final String DATA = """
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX docker: <http://w3id.org/daspos/docker#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            <%s> a docker:Image ; prov:wasDerivedFrom <https://example.org/elsewhere> ;
                rdfs:label "<script>alert(1)</script>" ; rdfs:seeAlso <javascript:alert(2)> .
            """.formatted(IMAGE);
    private static final String LABELLED = "SELECT ?image ?label ?base ?also WHERE { ?image"
            + " <http://www.w3.org/2000/01/rdf-schema#label> ?label; <http://www.w3.org/ns/prov#wasDerivedFrom> ?base;"
            + " <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?also }";
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HANG_GUARD).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStore store;
    private static LdpServer server;
    private static String base;

    @BeforeAll
    static void startServer() {
        store = LocalStore.inMemory();
        Model model = RDFParser.fromString(DATA, Lang.TURTLE).toModel();
        store.commit(List.of(new NamedGraph("http://example.org/graph/image", model)));
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), store, Duration.ofSeconds(10));
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.close();
        store.close();
    }

    @Test
    void browserWithoutAQueryGetsTheEditorPageWithOurPrefixesAndExamples() throws Exception {
        HttpResponse<String> response = get("/sparql", BROWSER_ACCEPT);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        Document page = Jsoup.parse(response.body(), base);
        JsonNode settings = JSON.readTree(page.getElementById(SparqlPage.SETTINGS_ID).data());

        assertEquals(base + "/sparql", settings.get("endpoint").asText());
        Map<String, String> prefixes = new LinkedHashMap<>();
        settings.get("prefixes").fields().forEachRemaining(e -> prefixes.put(e.getKey(), e.getValue().asText()));
        assertEquals(Map.of("prov", "http://www.w3.org/ns/prov#", "sc", "https://w3id.org/daspos/smartcontainers#",
                "docker", "http://w3id.org/daspos/docker#", "foaf", "http://xmlns.com/foaf/0.1/",
                "dct", "http://purl.org/dc/terms/", "schema", "http://schema.org/",
                "xsd", "http://www.w3.org/2001/XMLSchema#", "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "rdfs", "http://www.w3.org/2000/01/rdf-schema#"), prefixes);
        prefixes.forEach((prefix, iri) -> assertTrue(settings.get("defaultQuery").asText()
                .contains("PREFIX " + prefix + ": <" + iri + ">"), prefix));
        // The editor completes prefixes from ours, served here in prefix.cc's form.
        HttpResponse<byte[]> completions = getBytes(settings.get("prefixCompletions").asText(), Map.of());
        assertEquals("application/json", completions.headers().firstValue("Content-Type").orElse(""));
        assertEquals(JSON.valueToTree(prefixes), JSON.readTree(completions.body()));

        // The examples are docs/queries.md's, word for word, each with a button.
        Map<String, String> documented = documentedQueries();
        List<String> titles = new ArrayList<>();
        for (JsonNode example : settings.get("examples")) {
            String title = example.get("title").asText();
            titles.add(title);
            assertEquals(documented.get(title), example.get("query").asText().strip(), title);
        }
        assertEquals(List.of("Who built image X", "The bases of image X, transitively", "Which builds failed, and why"),
                titles);
        assertEquals(titles, page.select("button.sparql-example").eachText());
    }

    @Test
    void thePageRunsOnlyScriptFromOurOwnOrigin() {
        HttpResponse<String> response = get("/sparql", BROWSER_ACCEPT);
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'self'") && !policy.contains("script-src"), policy);
        Document page = Jsoup.parse(response.body(), base);
        for (Element script : page.select("script")) {
            boolean dataBlock = script.attr("type").equals("application/json");
            assertTrue(dataBlock || script.hasAttr("src"), () -> "inline script: " + script);
            if (!dataBlock) {
                assertTrue(script.attr("src").startsWith(base + SparqlAssets.PATH), script.attr("src"));
            }
        }
        List<String> assets = assetUrls(page);
        for (String name : List.of("yasgui.min.js", "yasgui.min.css", "sparql-page.js", "sparql-page.css")) {
            assertTrue(assets.stream().anyMatch(url -> url.endsWith("/" + name)), () -> name + " in " + assets);
        }
    }

    @Test
    void everyAssetIsServedNonEmptyWithItsMediaTypeLongCachingAndAnETag() {
        Document page = Jsoup.parse(get("/sparql", BROWSER_ACCEPT).body(), base);
        for (String url : assetUrls(page)) {
            HttpResponse<byte[]> asset = getBytes(url, Map.of());
            assertEquals(200, asset.statusCode(), url);
            assertTrue(asset.body().length > 0, url);
            String expectedType = url.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            assertEquals(expectedType, asset.headers().firstValue("Content-Type").orElse(""), url);
            assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""), url);
            String etag = asset.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, getBytes(url, Map.of("If-None-Match", etag)).statusCode(), url);
        }
        String license = base + SparqlAssets.bundled().path(SparqlAssets.YASGUI_LICENSE);
        assertTrue(new String(getBytes(license, Map.of()).body(), StandardCharsets.UTF_8).contains("MIT"), license);
    }

    @Test
    void anAssetUnderAnotherVersionIsNotFound() {
        String current = SparqlAssets.bundled().path(SparqlAssets.YASGUI_JS);
        String old = current.replaceFirst("/assets/[0-9a-f]+/", "/assets/0123456789abcdef0123456789abcdef/");
        assertEquals(404, getBytes(base + old, Map.of()).statusCode());
        assertEquals(404, getBytes(base + "/sparql/assets/nothing.js", Map.of()).statusCode());
    }

    @Test
    void packagedYasguiIsThePinnedRelease() throws Exception {
        Properties pinned = new Properties();
        try (InputStream in = SparqlAssets.class.getResourceAsStream("yasgui.properties")) {
            pinned.load(in);
        }
        assertTrue(pinned.getProperty("version").matches("\\d+\\.\\d+\\.\\d+"), pinned::toString);
        for (String name : List.of(SparqlAssets.YASGUI_JS, SparqlAssets.YASGUI_CSS)) {
            byte[] served = getBytes(base + SparqlAssets.bundled().path(name), Map.of()).body();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served));
            assertEquals(pinned.getProperty(name), digest, name);
        }
    }

    @Test
    void aRequestWithoutAQueryThatDoesNotPreferHtmlIsStillRefused() {
        for (String accept : List.of("*/*", "application/sparql-results+json", "text/csv, text/html;q=0.5", "image/png")) {
            assertEquals(400, get("/sparql", accept).statusCode(), accept);
        }
    }

    @Test
    void selectAskedAsHtmlIsATableWhoseIrisAreLinks() {
        HttpResponse<String> response = get("/sparql?query=" + encode(LABELLED), BROWSER_ACCEPT);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        Document page = Jsoup.parse(response.body(), base);
        Element table = page.selectFirst("table.results");
        assertNotNull(table, response.body());
        assertEquals(List.of("?image", "?label", "?base", "?also"), table.select("th").eachText());
        List<Element> cells = table.select("tr").get(1).select("td");
        // Our image links to its page here, which is there; another web IRI links to itself.
        String imagePage = cells.get(0).selectFirst("a").attr("href");
        assertEquals(base + "/images/sha256%3A" + "ab".repeat(32), imagePage);
        assertEquals(200, getBytes(imagePage, Map.of("Accept", "text/html")).statusCode(), imagePage);
        assertEquals("https://example.org/elsewhere", cells.get(2).selectFirst("a").attr("href"));
        // What the store holds is shown, never run: no script, no javascript: link.
        assertEquals("<script>alert(1)</script>", cells.get(1).text());
        assertTrue(page.select("script").isEmpty(), response.body());
        assertTrue(cells.get(3).select("a").isEmpty(), cells.get(3).outerHtml());
        // Back to the editor with this query, as a YASGUI share link.
        assertEquals(base + "/sparql#query=" + encode(LABELLED),
                page.select("a:contains(Open in the editor)").attr("href"));
    }

    @Test
    void resultsPageLinksToEveryDownloadFormatAndEachDownloads() {
        Document page = Jsoup.parse(get("/sparql?query=" + encode(LABELLED), BROWSER_ACCEPT).body(), base);
        Map<String, String> expected = Map.of("json", "application/sparql-results+json",
                "xml", "application/sparql-results+xml", "csv", "text/csv", "tsv", "text/tab-separated-values");
        List<String> downloads = page.select("a[href*=download=]").eachAttr("href");
        assertEquals(expected.size(), downloads.size(), downloads::toString);
        for (String url : downloads) {
            String name = url.substring(url.lastIndexOf('=') + 1);
            HttpResponse<byte[]> file = getBytes(url, Map.of());
            assertEquals(200, file.statusCode(), url);
            assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith(expected.get(name)), url);
            assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"), url);
            assertTrue(new String(file.body(), StandardCharsets.UTF_8).contains(IMAGE), url);
        }
    }

    @Test
    void constructAskedAsHtmlIsATableOfTriplesWithGraphDownloads() {
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <http://w3id.org/daspos/docker#Image>; ?p ?o }";
        Document page = Jsoup.parse(get("/sparql?query=" + encode(construct), BROWSER_ACCEPT).body(), base);
        Element table = page.selectFirst("table.results");
        assertNotNull(table, page.html());
        assertEquals(List.of("subject", "predicate", "object"), table.select("th").eachText());
        assertEquals(4, table.select("tr").size() - 1);
        List<String> names = page.select("a[href*=download=]").eachAttr("href").stream()
                .map(url -> url.substring(url.lastIndexOf('=') + 1)).toList();
        assertEquals(List.of("turtle", "jsonld", "ntriples", "rdfxml"), names);
        HttpResponse<String> turtle = get(page.select("a[href*=download=turtle]").attr("href")
                .substring(base.length()), "*/*");
        assertTrue(turtle.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"));
        assertEquals(4, RDFParser.fromString(turtle.body(), Lang.TURTLE).toModel().size());
    }

    @Test
    void aDownloadNotMadeForTheQuerysFormIsRefused() {
        HttpResponse<String> response = get("/sparql?query=" + encode(LABELLED) + "&download=turtle", "*/*");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("json, xml, csv, tsv"), response.body());
    }

    // --- Helpers ---

    /** The SPARQL of each heading in docs/queries.md. */
    private static Map<String, String> documentedQueries() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "queries.md"), StandardCharsets.UTF_8);
        Matcher sections = Pattern.compile("(?m)^## (.+)$([\\s\\S]*?)```sparql\\n([\\s\\S]*?)```").matcher(doc);
        Map<String, String> queries = new LinkedHashMap<>();
        while (sections.find()) {
            queries.put(sections.group(1).strip(), sections.group(3).strip());
        }
        return queries;
    }

    private static List<String> assetUrls(Document page) {
        List<String> urls = new ArrayList<>(page.select("script[src]").eachAttr("abs:src"));
        urls.addAll(page.select("link[rel=stylesheet]").eachAttr("abs:href"));
        assertFalse(urls.isEmpty(), page::html);
        return urls;
    }

    private static HttpResponse<String> get(String pathAndQuery, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(HANG_GUARD).header("Accept", accept)
                .GET().build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> getBytes(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(HANG_GUARD).GET();
        headers.forEach(request::header);
        return send(request.build(), BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
