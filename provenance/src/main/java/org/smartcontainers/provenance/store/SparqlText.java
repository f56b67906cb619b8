package org.smartcontainers.provenance.store;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.smartcontainers.provenance.Vocab;

/** Terms written into the text of a SPARQL query against the store, escaped as N-Triples escapes them. */
public final class SparqlText {
    /** The prefixes the store's own queries use, to go before each. */
    public static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + ">\n";

    private SparqlText() {
    }

    /** {@code iri} as an IRI term ({@code <...>}), its characters escaped where a query could not hold them. */
    public static String iri(String iri) {
        return NodeFmtLib.strNT(NodeFactory.createURI(iri));
    }

    /** {@code text} as a string literal, whatever it holds (quotes, newlines, backslashes). */
    public static String literal(String text) {
        return NodeFmtLib.strNT(NodeFactory.createLiteralString(text));
    }
}
