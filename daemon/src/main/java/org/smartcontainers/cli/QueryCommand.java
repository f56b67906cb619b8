package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.smartcontainers.daemon.Failures;
import org.smartcontainers.docker.UnixHttp;

@Parameters(commandDescription = "Ask the provenance store a SPARQL query (read-only). The prefixes prov, sc,"
        + " docker, foaf, dct, schema, xsd, rdf and rdfs are declared already (a query's own PREFIX lines win)."
        + " SELECT and ASK answers as a table (IRIs compacted, as wide as $COLUMNS, else 100), SPARQL JSON or CSV;"
        + " CONSTRUCT and DESCRIBE as Turtle (table), JSON-LD (json) or N-Triples (csv)")
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
        UserQuery query = UserQuery.of(queryText());
        UnixHttp.Answer answer = client.call("POST", "/sc/v1/sparql", "application/sparql-query",
                query.text().getBytes(StandardCharsets.UTF_8), "Accept", accept);
        String type = String.valueOf(answer.header("content-type"));
        if (format.equals("table") && type.startsWith("application/sparql-results+json")) {
            out.print(new ResultTable(query.prefixes(), ResultTable.terminalWidth(env)).render(answer.body()));
        } else {
            out.writeBytes(answer.body());
        }
        out.flush();
    }

    private String queryText() {
        if ((this.query == null || this.query.isEmpty()) == (file == null)) {
            throw new UsageError("give the query as one argument, or --file FILE (not both)");
        }
        if (file == null) {
            return String.join(" ", this.query);
        }
        try {
            return file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + Failures.describe(e));
        }
    }
}
