package org.smartcontainers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final ResultTable WIDE = new ResultTable(UserQuery.PREDECLARED, 100);

    private static byte[] results(String vars, String bindings) {
        return ("{\"head\":{\"vars\":[" + vars + "]},\"results\":{\"bindings\":[" + bindings + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String uri(String iri) {
        return "{\"type\":\"uri\",\"value\":\"" + iri + "\"}";
    }

    @Test
    void iriIsCompactWhereAPrefixFits() {
        assertEquals("prov:Activity", WIDE.compact("http://www.w3.org/ns/prov#Activity"));
        assertEquals("rdfs:label", WIDE.compact("http://www.w3.org/2000/01/rdf-schema#label"));
        assertEquals("<https://w3id.org/daspos/smartcontainers/image/abc>",
                WIDE.compact("https://w3id.org/daspos/smartcontainers/image/abc"), "no prefix: as it is");
        assertEquals("<http://www.w3.org/ns/prov#a/b>", WIDE.compact("http://www.w3.org/ns/prov#a/b"),
                "a local part a reader would not take back as it is");
        String table = WIDE.render(results("\"t\"", "{\"t\":" + uri("http://w3id.org/daspos/docker#ImageBuild") + "}"));
        assertEquals("t\n" + "-".repeat("docker:ImageBuild".length()) + "\ndocker:ImageBuild\n1 row\n", table);
    }

    @Test
    void aTooWideTableIsCutToTheTerminalWidth() {
        String longIri = "https://example.org/" + "x".repeat(200);
        String literal = "{\"type\":\"literal\",\"value\":\"" + "y".repeat(150) + "\"}";
        String table = new ResultTable(UserQuery.PREDECLARED, 60)
                .render(results("\"a\",\"b\"", "{\"a\":" + uri(longIri) + ",\"b\":" + literal + "}"));
        table.lines().forEach(line -> assertTrue(line.codePointCount(0, line.length()) <= 60, line));
        String row = table.lines().toList().get(2);
        assertTrue(row.startsWith("<https://example.org/xxx") && row.contains("…  yyy") && row.endsWith("y…"), row);
    }

    @Test
    void aLineBreakInALiteralStaysInItsRow() {
        String table = WIDE.render(results("\"a\"", "{\"a\":{\"type\":\"literal\",\"value\":\"one\\ntwo\"}}"));
        assertEquals("a\n--------\none\\ntwo\n1 row\n", table);
    }

    @Test
    void theWidthComesFromColumns() {
        assertEquals(80, ResultTable.terminalWidth(Map.of("COLUMNS", "80")));
        assertEquals(100, ResultTable.terminalWidth(Map.of()));
        assertEquals(100, ResultTable.terminalWidth(Map.of("COLUMNS", "wide")));
    }

    @Test
    void askIsYesOrNo() {
        assertEquals("yes\n", WIDE.render("{\"head\":{},\"boolean\":true}".getBytes(StandardCharsets.UTF_8)));
    }
}
