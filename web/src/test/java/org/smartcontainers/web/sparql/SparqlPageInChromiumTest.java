package org.smartcontainers.web.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;

/**
 * The SPARQL page in a real browser (Debian's Chromium, headless): the editor is built by YASGUI's script
 * under the page's Content-Security-Policy, and the page logs no error or refusal. The test fails (not
 * skips) without Chromium.
 */
class SparqlPageInChromiumTest {
    private static final String LABEL = "found by the page";
    private static LocalStore store;
    private static LdpServer server;

    @BeforeAll
    static void startServer() {
        store = LocalStore.inMemory();
        store.commit(List.of(new NamedGraph("http://example.org/graph/label", RDFParser.fromString(
                "<http://example.org/thing> <http://www.w3.org/2000/01/rdf-schema#label> \"" + LABEL + "\" .",
                Lang.NTRIPLES).toModel())));
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), store, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopServer() {
        server.close();
        store.close();
    }

    @Test
    void theEditorLoadsWithOurDefaultQueryAndThePolicyRefusesNothing(@TempDir Path profile) {
        Run.Result chromium = render(url(), profile);
        Document dom = Jsoup.parse(chromium.stdout());

        assertNotNull(dom.selectFirst("#yasgui .yasgui"), "YASGUI did not build its editor: " + chromium.stdout());
        assertNotNull(dom.selectFirst("#yasgui .yasqe .CodeMirror"), "no query editor: " + chromium.stdout());
        assertNotNull(dom.selectFirst("#yasgui .yasr"), "no results area: " + chromium.stdout());
        String editorText = dom.select("#yasgui .CodeMirror-code").text();
        assertTrue(editorText.contains("PREFIX docker: <http://w3id.org/daspos/docker#>"), editorText);
        assertEquals(List.of("JSON", "XML", "CSV", "TSV"), dom.select("#sparql-downloads a").eachText(),
                "our script ran and offers the downloads");
        // The page logs nothing: no script error, nothing its policy refused (prefix.cc, LOV, a CDN).
        assertFalse(chromium.stderr().contains("CONSOLE"), chromium.stderr());
    }

    /** A YASGUI share link ({@code #query=…}, never sent to the server) runs its query here and shows the answer. */
    @Test
    void aShareLinkRunsItsQueryAgainstThisEndpointAndShowsTheResults(@TempDir Path profile) {
        String query = "SELECT ?label WHERE { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label }";
        Run.Result chromium = render(url() + "#query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), profile);
        Document dom = Jsoup.parse(chromium.stdout());
        assertEquals(LABEL, dom.select("#yasgui .yasr table td:contains(" + LABEL + ")").text(), chromium.stdout());
        assertFalse(chromium.stderr().contains("CONSOLE"), chromium.stderr());
    }

    private static String url() {
        return "http://127.0.0.1:" + server.address().getPort() + "/sparql";
    }

    /**
     * The DOM after the page's scripts ran and its requests were answered (virtual time waits for them);
     * {@code --enable-logging}: the page's console (an error, a refusal by the policy) goes to stderr.
     */
    private static Run.Result render(String url, Path profile) {
        return Run.run(Map.of("HOME", profile.toString()), new byte[0], List.of(Clients.chromium(),
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile, "--enable-logging=stderr",
                "--virtual-time-budget=5000", "--dump-dom", url)).ok();
    }
}
