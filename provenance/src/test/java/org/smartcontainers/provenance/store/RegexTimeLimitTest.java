package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.util.FmtUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regular expressions in a query stop at the query's time limit, on the real TDB2 store, and
 * answer as Jena answers them otherwise.
 */
class RegexTimeLimitTest {
    private static final String PREFIXES = """
            PREFIX ex: <http://example.org/sc/>
            PREFIX fn: <http://www.w3.org/2005/xpath-functions#>
            PREFIX sparql: <http://www.w3.org/ns/sparql#>
            PREFIX apf: <http://jena.apache.org/ARQ/property#>
            PREFIX afn: <http://jena.apache.org/ARQ/function#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;
    /**
     * {@code (.*a){65}} cannot match 64 a's, and java.util.regex tries every way of cutting them
     * into groups first: 24 a's take about half a second, and each more a multiplies that by
     * about 1.75, so 64 take longer than any test could wait. ({@code (a+)+b}, the textbook
     * case, is fast on Java 17: the JDK remembers where such loops have failed.)
     */
    private static final String AS = "a".repeat(64);
    private static final String RUNAWAY = "(.*a){65}";
    private static final Model DATA = RDFParser.fromString(PREFIXES + """
            ex:long ex:text "%s" .
            ex:long ex:runaway "%s" .
            ex:alice ex:text "Alice Liddell" ; ex:pattern "^al" ; ex:flags "i" .
            ex:dot ex:text "a.c" ; ex:pattern "a.c" ; ex:flags "q" .
            ex:abc ex:text "abc" ; ex:pattern "B" ; ex:flags "z" .
            ex:lines ex:text "first line\\nsecond line" .
            ex:french ex:text "bâtir l'image"@fr .
            ex:typed ex:text "2024-05-01"^^xsd:string .
            ex:csv ex:text "one, two,three ,four" .
            ex:number ex:text 42 .
            """.formatted(AS, RUNAWAY), Lang.TURTLE).toModel();

    private static final Duration LIMIT = Duration.ofSeconds(1);
    /**
     * Only so a regex that ignores the limit fails the test instead of hanging the build. Each
     * runaway below would take centuries unstopped, so finishing inside this is only possible
     * when the limit stopped it; the rest is room for a busy machine.
     */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final Executor DAEMONS = task -> {
        Thread thread = new Thread(task, "runaway-query");
        thread.setDaemon(true);
        thread.start();
    };

    private static LocalStore store;

    @BeforeAll
    static void openStore() {
        store = LocalStore.inMemory();
        store.commit(List.of(new NamedGraph("http://example.org/sc/graph/texts", DATA)));
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void aBacktrackingRegexEndsWithTheTimeoutNearTheLimit() {
        assertStoppedAtTheLimit("SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"" + RUNAWAY + "\") }");
    }

    @Test
    void aBacktrackingReplaceEndsWithTheTimeoutNearTheLimit() {
        assertStoppedAtTheLimit("SELECT ?r WHERE { ?x ex:text ?s BIND(REPLACE(?s, \"" + RUNAWAY + "\", \"x\") AS ?r) }");
    }

    /**
     * The case, four regexes in one query: the one running when the deadline passes ends
     * the query, so together they get the one limit, not one each.
     */
    @Test
    void fourBacktrackingRegexesInOneQueryEndWithTheTimeoutNearTheLimit() {
        assertStoppedAtTheLimit("""
                SELECT ?s WHERE { ?x ex:text ?s
                  FILTER(REGEX(?s, "(.*a){65}") || REGEX(?s, "(.*A){66}", "i")
                         || REGEX(?s, "(.*a){67}", "s") || REGEX(?s, "(.*a){68}", "m")) }""");
    }

    /** Every other way a query reaches a regular expression in Jena, and every place one can stand. */
    @ParameterizedTest
    @ValueSource(strings = {
        "ASK { ?x ex:text ?s FILTER fn:matches(?s, \"" + RUNAWAY + "\") }",
        "SELECT (fn:replace(?s, \"" + RUNAWAY + "\", \"x\") AS ?r) WHERE { ?x ex:text ?s }",
        "ASK { ?x ex:text ?s FILTER sparql:regex(?s, \"" + RUNAWAY + "\") }",
        "SELECT (sparql:replace(?s, \"" + RUNAWAY + "\", \"x\") AS ?r) WHERE { ?x ex:text ?s }",
        // A function class named by its Java class, which Jena loads on demand.
        "ASK { ?x ex:text ?s FILTER <java:org.apache.jena.sparql.function.library.FN_Matches>(?s, \"" + RUNAWAY + "\") }",
        "ASK { ?x ex:text ?s FILTER afn:FN_Matches(?s, \"" + RUNAWAY + "\") }",
        "ASK { ?x ex:text ?s FILTER CALL(fn:matches, ?s, \"" + RUNAWAY + "\") }",
        "SELECT ?part WHERE { ?x ex:text ?s UNFOLD(REPLACE(?s, \"" + RUNAWAY + "\", \"x\") AS ?part) }",
        "SELECT ?part WHERE { ?x ex:text ?s . ?part apf:strSplit (?s \"" + RUNAWAY + "\") }",
        // The pattern from the data, not the query.
        "ASK { ?x ex:text ?s ; ex:runaway ?p FILTER REGEX(?s, ?p) }",
        "ASK { ?y ex:text ?t FILTER EXISTS { ?x ex:text ?s FILTER REGEX(?s, \"" + RUNAWAY + "\") } }",
        "SELECT (GROUP_CONCAT(REPLACE(?s, \"" + RUNAWAY + "\", \"x\")) AS ?all) WHERE { ?x ex:text ?s }",
        "SELECT ?s WHERE { ?x ex:text ?s } ORDER BY REGEX(?s, \"" + RUNAWAY + "\")",
        "SELECT ?s FROM <http://example.org/sc/graph/texts> WHERE { ?x ex:text ?s FILTER REGEX(?s, \"" + RUNAWAY + "\") }",
        "CONSTRUCT { ?x ex:matched true } WHERE { ?x ex:text ?s FILTER REGEX(?s, \"" + RUNAWAY + "\", \"i\") }",
    })
    void everyRegexInAQueryEndsWithTheTimeoutNearTheLimit(String query) {
        assertStoppedAtTheLimit(query);
    }

    /** Constants only: Jena evaluates this while it plans the query, before any row. */
    @Test
    void aRegexOfConstantsEndsWithTheTimeoutNearTheLimit() {
        assertStoppedAtTheLimit("ASK { FILTER REGEX(\"" + AS + "\", \"" + RUNAWAY + "\") }");
    }

    @Test
    void theStoreAnswersTheNextQueryAfterARegexTimedOut() {
        assertStoppedAtTheLimit("ASK { ?x ex:text ?s FILTER REGEX(?s, \"" + RUNAWAY + "\") }");
        assertEquals(List.of("{s=\"Alice Liddell\"}"),
                rowsFromStore("SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^alice\", \"i\") }"));
    }

    @Test
    void flagsAndGroupsAnswerAsBefore() {
        assertEquals(List.of("{s=\"Alice Liddell\"}"), rowsFromStore(
                "SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^ALICE\", \"i\") }"));
        // q: the pattern is a literal string, its dot no wildcard.
        assertEquals(List.of("{s=\"a.c\"}"), rowsFromStore(
                "SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"a.c\", \"q\") }"));
        assertEquals(List.of("{s=\"a.c\"}", "{s=\"abc\"}"), rowsFromStore(
                "SELECT ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^a.c$\") } ORDER BY ?s"));
        assertEquals(List.of("{r=\"Liddell, Alice\"}"), rowsFromStore(
                "SELECT ?r WHERE { ex:alice ex:text ?s BIND(REPLACE(?s, \"(\\\\w+) (\\\\w+)\", \"$2, $1\") AS ?r) }"));
        // A group under the i flag, and the language kept.
        assertEquals(List.of("{r=\"bâtir l'iMAGE\"@fr}"), rowsFromStore(
                "SELECT ?r WHERE { ex:french ex:text ?s BIND(REPLACE(?s, \"(I)MAGE\", \"$1MAGE\", \"i\") AS ?r) }"));
    }

    /** The answers Jena gives on its own, without the time limit's regular expressions. */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^al\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^AL\", \"i\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"A.C\", \"iq\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"^second\", \"m\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"line.second\", \"s\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"first\\\\ line . second\", \"sx\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"IMAGE\", \"i\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER REGEX(?s, \"2024\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER (!REGEX(?s, \"a\")) }",
        // Patterns and flags from the data: "z" is no flag, an error that drops the row.
        "SELECT ?x ?s WHERE { ?x ex:text ?s ; ex:pattern ?p ; ex:flags ?f FILTER REGEX(?s, ?p, ?f) }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s ; ex:pattern ?p FILTER REGEX(?s, ?p) }",
        "SELECT ?x (REPLACE(?s, \"(\\\\w+) (\\\\w+)\", \"$2 $1\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x (REPLACE(?s, \"L\", \"l\", \"i\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x (REPLACE(?s, \".\", \"*\", \"q\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x (REPLACE(?s, \"x*\", \"-\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x (REPLACE(?s, \"$\", \"!\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x (REPLACE(?s, \"(a)\", \"$2\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x (REPLACE(?s, ?p, \"<$0>\") AS ?r) WHERE { ?x ex:text ?s ; ex:pattern ?p }",
        "SELECT ?x (REPLACE(?s, ?p, \"<$0>\", ?f) AS ?r) WHERE { ?x ex:text ?s ; ex:pattern ?p ; ex:flags ?f }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER fn:matches(?s, \"^a\", \"i\") }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s ; ex:pattern ?p FILTER fn:matches(?s, ?p) }",
        "SELECT ?x (fn:replace(?s, \"(\\\\w+) (\\\\w+)\", \"$2 $1\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER sparql:regex(?s, \"^a\", \"i\") }",
        "SELECT ?x (sparql:replace(?s, \"a\", \"A\") AS ?r) WHERE { ?x ex:text ?s }",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER afn:FN_Matches(?s, \"c$\") }",
        "SELECT ?part WHERE { ex:csv ex:text ?s . ?part apf:strSplit (?s \",\") }",
        "SELECT ?part WHERE { ex:csv ex:text ?s . ?part apf:strSplit (?s \"\\\\s*,\\\\s*\") }",
        "ASK { ex:csv ex:text ?s . \"three\" apf:strSplit (?s \",\") }",
        "SELECT ?x WHERE { ?x ex:text ?s FILTER EXISTS { ?x ex:text ?t FILTER REGEX(?t, \"^a\") } }",
        "SELECT (COUNT(?s) AS ?n) (GROUP_CONCAT(REPLACE(?s, \"a\", \"4\"); separator=\"|\") AS ?all) WHERE { ?x ex:text ?s }",
        "SELECT ?x WHERE { ?x ex:text ?s } ORDER BY DESC(REGEX(?s, \"^a\")) ?x",
        "SELECT ?x ?s WHERE { ?x ex:text ?s FILTER CALL(fn:matches, ?s, \"^a\") }",
        "SELECT ?x ?part WHERE { ?x ex:text ?s UNFOLD(REPLACE(?s, \",\", \";\") AS ?part) }",
        "SELECT (REGEX(\"abc\", \"B\", \"i\") AS ?folded) (REPLACE(\"abc\", \"b\", \"$0$0\") AS ?r) WHERE {}",
    })
    void answersAreJenasOwn(String query) {
        List<String> expected;
        try (QueryExecution exec = QueryExecution.dataset(DatasetFactory.wrap(DATA)).query(parse(query)).build()) {
            expected = rows(exec);
        }
        List<String> actual = rowsFromStore(query);
        if (!parse(query).hasOrderBy()) { // the two stores list rows in their own orders
            expected.sort(null);
            actual.sort(null);
        }
        assertEquals(expected, actual);
    }

    // --- Helpers ---

    /** The query ends with the store's timeout, no sooner than the limit, and not long after it. */
    private static void assertStoppedAtTheLimit(String sparql) {
        Query query = parse(sparql);
        long start = System.nanoTime();
        CompletableFuture<List<String>> run = CompletableFuture.supplyAsync(
                () -> store.query(query, LIMIT, RegexTimeLimitTest::rows), DAEMONS);
        try {
            List<String> rows = run.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            fail("the query completed with " + rows);
        } catch (TimeoutException e) {
            fail("still running after " + HANG_GUARD.toSeconds() + " s: the regex ignored the limit of " + LIMIT.toMillis() + " ms");
        } catch (ExecutionException e) {
            assertInstanceOf(QueryTimeoutException.class, e.getCause(), "not stopped for its time limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(LIMIT) >= 0, () -> "cancelled after " + elapsed.toMillis() + " ms, before the limit");
    }

    private static List<String> rowsFromStore(String query) {
        return store.query(parse(query), LIMIT, RegexTimeLimitTest::rows);
    }

    private static Query parse(String query) {
        return QueryFactory.create(PREFIXES + query, Syntax.syntaxARQ);
    }

    /** Each row as {var=value, ...}, variables sorted, values as SPARQL writes them. */
    private static List<String> rows(QueryExecution exec) {
        Query query = exec.getQuery();
        if (query.isAskType()) {
            return new ArrayList<>(List.of(String.valueOf(exec.execAsk())));
        }
        if (query.isConstructType()) {
            return new ArrayList<>(List.of(String.valueOf(exec.execConstruct().size())));
        }
        ResultSet results = exec.execSelect();
        List<String> rows = new ArrayList<>();
        results.forEachRemaining(solution -> {
            TreeMap<String, String> row = new TreeMap<>();
            solution.varNames().forEachRemaining(var -> row.put(var, FmtUtils.stringForNode(solution.get(var).asNode())));
            rows.add(row.toString());
        });
        return rows;
    }
}
