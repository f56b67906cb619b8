package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smartcontainers.docker.UnixHttp;

@Parameters(commandDescription = "Ask the provenance store a SPARQL query (read-only). SELECT and ASK answers as a"
        + " table, SPARQL JSON or CSV; CONSTRUCT and DESCRIBE as Turtle (table), JSON-LD (json) or N-Triples (csv)")
final class QueryCommand extends ClientCommand {
    @Parameter(description = "'SPARQL'")
    List<String> query;

    @Parameter(names = "--file", description = "Read the query from this file (- for standard input)")
    String file;

    @Parameter(names = "--format", description = "table, json or csv")
    String format = "table";

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        String accept = switch (format) {
            case "table" -> "application/sparql-results+json, text/turtle;q=0.9";
            case "json" -> "application/sparql-results+json, application/ld+json;q=0.9";
            case "csv" -> "text/csv, application/n-triples;q=0.9";
            default -> throw new CliException("--format must be table, json or csv, got '" + format + "'");
        };
        UnixHttp.Answer answer = client.call("POST", "/sc/v1/sparql", "application/sparql-query",
                queryText().getBytes(StandardCharsets.UTF_8), "Accept", accept);
        String type = String.valueOf(answer.header("content-type"));
        if (format.equals("table") && type.startsWith("application/sparql-results+json")) {
            out.print(table(answer.body()));
        } else {
            out.writeBytes(answer.body());
        }
        out.flush();
    }

    private String queryText() {
        if ((query == null || query.isEmpty()) == (file == null)) {
            throw new CliException("give the query as one argument, or --file F (not both)");
        }
        if (file == null) {
            return String.join(" ", query);
        }
        try {
            return file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** SPARQL JSON results as aligned columns; an ASK answer as yes or no. */
    static String table(byte[] json) {
        JsonNode results;
        try {
            results = ApiClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new CliException("the daemon's answer is not SPARQL JSON: " + e.getMessage());
        }
        if (results.has("boolean")) {
            return (results.get("boolean").asBoolean() ? "yes" : "no") + "\n";
        }
        List<String> vars = new ArrayList<>();
        results.path("head").path("vars").forEach(v -> vars.add(v.asText()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(vars);
        results.path("results").path("bindings").forEach(binding -> {
            List<String> row = new ArrayList<>();
            vars.forEach(v -> row.add(term(binding.path(v))));
            rows.add(row);
        });
        int[] widths = new int[vars.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append("-".repeat(widths[i])).append(i == widths.length - 1 ? "" : "  ");
                }
                out.append('\n');
            }
        }
        out.append(rows.size() - 1).append(rows.size() == 2 ? " row\n" : " rows\n");
        return out.toString();
    }

    private static String term(JsonNode term) {
        if (term.isMissingNode()) {
            return "";
        }
        String value = term.path("value").asText();
        return switch (term.path("type").asText()) {
            case "uri" -> "<" + value + ">";
            case "bnode" -> "_:" + value;
            default -> value;
        };
    }
}
