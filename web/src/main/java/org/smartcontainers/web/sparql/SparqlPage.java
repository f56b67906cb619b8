package org.smartcontainers.web.sparql;

import static org.smartcontainers.web.html.HtmlPage.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.smartcontainers.web.html.HtmlPage;

/**
 * What a browser gets at {@code /sparql} without a query: YASGUI, the editor Fuseki's own UI uses, over
 * this endpoint, with our prefixes and example queries. No inline script: the page's settings go in a
 * JSON data block, which browsers never run, and our own script reads them; so the policy below allows
 * script from this server alone.
 */
final class SparqlPage {
    /**
     * Scripts, styles and requests from this server alone (YASGUI's prefix completion is pointed at our own
     * prefixes, its vocabulary look-ups at LOV are left out); inline styles because HtmlPage's style and
     * YASGUI's widgets use them.
     */
    static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String SETTINGS_ID = "sparql-settings";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparqlPage() {
    }

    /** {@code base}: the URL the client used for this server, {@code http://127.0.0.1:8750}. */
    static byte[] render(String base, SparqlAssets assets) {
        StringBuilder body = new StringBuilder()
                .append(stylesheet(base + assets.path(SparqlAssets.YASGUI_CSS)))
                .append(stylesheet(base + assets.path(SparqlAssets.PAGE_CSS)))
                .append("<p>Query the provenance store with SPARQL 1.1. Results come as a table here, or as a file: ")
                .append("<span id=\"sparql-downloads\"></span></p><p>Examples: ");
        for (int i = 0; i < ExampleQueries.ALL.size(); i++) {
            body.append("<button type=\"button\" class=\"sparql-example\" data-example=\"").append(i).append("\">")
                    .append(escape(ExampleQueries.ALL.get(i).title())).append("</button> ");
        }
        body.append("</p><div id=\"yasgui\"></div>")
                .append("<noscript><p>The editor needs JavaScript. Without it, ask with ")
                .append(HtmlPage.link(base + "/sparql?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20LIMIT%2010",
                        "/sparql?query=…"))
                .append(".</p></noscript>")
                .append("<script type=\"application/json\" id=\"").append(SETTINGS_ID).append("\">")
                .append(settings(base, assets)).append("</script>")
                .append(script(base + assets.path(SparqlAssets.YASGUI_JS)))
                .append(script(base + assets.path(SparqlAssets.PAGE_JS)));
        return new HtmlPage("SPARQL", base).raw(body.toString()).bytes();
    }

    /** The query a new tab starts with: every prefix, and the latest activities. */
    static String defaultQuery() {
        StringBuilder query = new StringBuilder();
        QueryPrefixes.all().forEach((prefix, iri) ->
                query.append("PREFIX ").append(prefix).append(": <").append(iri).append(">\n"));
        return query.append("""

                SELECT ?activity ?type ?started WHERE {
                  ?activity a prov:Activity, ?type; prov:startedAtTime ?started .
                  FILTER(?type != prov:Activity)
                }
                ORDER BY DESC(?started)
                LIMIT 25
                """).toString();
    }

    private static String settings(String base, SparqlAssets assets) {
        ObjectNode settings = JSON.createObjectNode();
        settings.put("endpoint", base + "/sparql");
        settings.put("prefixCompletions", base + assets.path(SparqlAssets.PREFIXES));
        settings.put("defaultQuery", defaultQuery());
        ObjectNode prefixes = settings.putObject("prefixes");
        QueryPrefixes.all().forEach(prefixes::put);
        ArrayNode examples = settings.putArray("examples");
        ExampleQueries.ALL.forEach(example -> examples.addObject().put("title", example.title()).put("query", example.query()));
        ObjectNode downloads = settings.putObject("downloads");
        Downloads.RESULTS.keySet().forEach(downloads.putArray("results")::add);
        Downloads.GRAPHS.keySet().forEach(downloads.putArray("graphs")::add);
        try {
            // "</" cannot end the data block early: JSON allows "\/" for "/".
            return JSON.writeValueAsString(settings).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stylesheet(String href) {
        return "<link rel=\"stylesheet\" href=\"" + escape(href) + "\">";
    }

    private static String script(String src) {
        return "<script src=\"" + escape(src) + "\"></script>";
    }
}
