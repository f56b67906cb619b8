package org.smartcontainers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.shared.PrefixMapping;

/**
 * SPARQL JSON results as aligned columns that fit the terminal: IRIs as compact IRIs where a prefix
 * fits, a cell too wide cut with "…", an ASK answer as yes or no.
 */
final class ResultTable {
    static final int DEFAULT_WIDTH = 100;
    /** Narrower than this a column says nothing; the table may then overflow. */
    private static final int NARROWEST_COLUMN = 6;
    private static final String GAP = "  ";
    /** A compact IRI's local part that any reader takes back as it is (Turtle's PN_LOCAL, less its escapes). */
    private static final Pattern SAFE_LOCAL = Pattern.compile("([\\p{L}\\p{N}_]([\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_-])?)?");

    private final PrefixMap prefixes;
    private final int width;

    ResultTable(PrefixMapping prefixes, int width) {
        this.prefixes = PrefixMapFactory.create(prefixes);
        this.width = width;
    }

    /** COLUMNS when it is a number, as shells set it for the terminal; else {@value #DEFAULT_WIDTH}. */
    static int terminalWidth(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return columns > 0 ? columns : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    String render(byte[] json) {
        JsonNode results;
        try {
            results = ApiClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new CliException("the daemon's answer is not SPARQL JSON results");
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
        int[] widths = fitted(rows, vars.size());
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int w : widths) {
                    rule.add("-".repeat(w));
                }
                line(out, rule, widths);
            }
        }
        out.append(rows.size() - 1).append(rows.size() == 2 ? " row\n" : " rows\n");
        return out.toString();
    }

    /** Each column as wide as its widest cell, the widest narrowed first until the table fits. */
    private int[] fitted(List<List<String>> rows, int columns) {
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], length(row.get(i)));
            }
        });
        int total = GAP.length() * Math.max(0, columns - 1);
        for (int w : widths) {
            total += w;
        }
        while (total > width) {
            int widest = 0;
            for (int i = 1; i < columns; i++) {
                widest = widths[i] > widths[widest] ? i : widest;
            }
            if (columns == 0 || widths[widest] <= NARROWEST_COLUMN) {
                break;
            }
            widths[widest]--;
            total--;
        }
        return widths;
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cut(cells.get(i), widths[i]);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - length(cell))).append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    static String cut(String cell, int width) {
        if (length(cell) <= width) {
            return cell;
        }
        return cell.substring(0, cell.offsetByCodePoints(0, width - 1)) + "…";
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private String term(JsonNode term) {
        if (term.isMissingNode()) {
            return "";
        }
        // A line break or tab inside a literal would break the table's rows.
        String value = term.path("value").asText().replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return switch (term.path("type").asText()) {
            case "uri" -> compact(value);
            case "bnode" -> "_:" + value;
            default -> value;
        };
    }

    String compact(String iri) {
        String compact = prefixes.abbreviate(iri);
        if (compact != null && SAFE_LOCAL.matcher(compact.substring(compact.indexOf(':') + 1)).matches()) {
            return compact;
        }
        return "<" + iri + ">";
    }
}
