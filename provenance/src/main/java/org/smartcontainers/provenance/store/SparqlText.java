package org.smartcontainers.provenance.store;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;

/** Terms written into the text of a SPARQL query against the store, escaped as N-Triples escapes them. */
public final class SparqlText {
    private SparqlText() {
    }

    /** {@code text} as a string literal, whatever it holds (quotes, newlines, backslashes). */
    public static String literal(String text) {
        return NodeFmtLib.strNT(NodeFactory.createLiteralString(text));
    }
}
