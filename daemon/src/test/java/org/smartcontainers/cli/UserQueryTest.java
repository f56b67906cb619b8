package org.smartcontainers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.PrefixMapping;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;

class UserQueryTest {
    private static String error(String query) {
        return assertThrows(CliException.class, () -> UserQuery.of(query)).getMessage();
    }

    @Test
    void ourPrefixesNeedNoPrefixLines() {
        UserQuery query = UserQuery.of("SELECT ?b WHERE { ?x prov:wasDerivedFrom ?b; rdfs:label ?l; rdf:type sc:Thing }");
        Query sent = QueryFactory.create(query.text(), Syntax.syntaxARQ);
        assertEquals(Vocab.PROV_NS, sent.getPrefix("prov"));
        sent.setPrefixMapping(PrefixMapping.Factory.create()); // written out in full: which IRI the name meant
        assertTrue(sent.toString().contains("<http://www.w3.org/ns/prov#wasDerivedFrom>"), sent.toString());
        for (String prefix : new String[] {"prov", "sc", "docker", "foaf", "dct", "schema", "xsd", "rdf", "rdfs"}) {
            assertTrue(UserQuery.predeclared().containsKey(prefix), prefix);
        }
    }

    @Test
    void aQuerysOwnPrefixLinesWin() {
        UserQuery query = UserQuery.of("PREFIX prov: <urn:mine#>\nSELECT ?b WHERE { ?x prov:wasDerivedFrom ?b }");
        Query sent = QueryFactory.create(query.text(), Syntax.syntaxARQ);
        assertEquals("urn:mine#", sent.getPrefix("prov"));
        assertFalse(query.text().contains(Vocab.PROV_NS), "ours is not declared at all: " + query.text());
        assertEquals("urn:mine#", query.prefixes().getNsPrefixURI("prov"), "the table compacts with theirs");
    }

    @Test
    void aSyntaxErrorIsOneLineWithTheUsersLineAndColumn() {
        assertEquals("the query has a syntax error at line 2, column 7: unexpected \"?x\"; expected \"{\"",
                error("SELECT ?b\nWHERE ?x prov:wasDerivedFrom ?b }"));
        assertEquals("the query has a syntax error at line 1, column 7: unexpected character ' ' after \"SELEKT\"",
                error("SELEKT nothing"));
        assertEquals("the query has a syntax error at line 1, column 22: unknown prefix in zz:a (declare it: PREFIX zz: <...>)",
                error("SELECT ?b WHERE { ?x zz:a ?b }"));
        String unclosed = error("SELECT * { ?x ?y \"abc }");
        assertTrue(unclosed.startsWith("the query has a syntax error at line 1, column 24: the query ends inside"), unclosed);
        String many = error("SELECT * { ?x <a b> ?b }");
        assertTrue(many.matches("the query has a syntax error at line 1, column \\d+: unexpected \"<\"; expected one of"
                + " [^,]+, [^,]+, [^,]+, [^,]+, [^,]+, …"), many);
        for (String message : new String[] {unclosed, many}) {
            assertEquals(1, message.lines().count(), message);
        }
    }

    @Test
    void anUpdateGoesToTheDaemonWhichSaysWhyItIsRefused() {
        UserQuery update = UserQuery.of("INSERT DATA { <urn:a> prov:used <urn:b> }");
        assertTrue(update.text().endsWith("INSERT DATA { <urn:a> prov:used <urn:b> }"), update.text());
    }
}
