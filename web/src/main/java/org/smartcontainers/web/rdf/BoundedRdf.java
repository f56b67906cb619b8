package org.smartcontainers.web.rdf;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFParserBuilder;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.smartcontainers.provenance.record.JsonItems;
import org.smartcontainers.web.http.HttpError;

/**
 * A document a client writes, parsed into a model no larger than the daemon's heap can take beside the
 * rest: at most {@link #MAX_TRIPLES} triples (a graph of 160,000 exhausted its 128 MiB), 413 beyond.
 * What users attach is a few dozen statements; a body is already bounded in bytes. JSON-LD is read whole
 * before any triple comes out (a 3 MiB document of 100,000 nodes exhausted the heap there), so its
 * names and values are counted first.
 */
public final class BoundedRdf {
    public static final int MAX_TRIPLES = 20_000;

    private BoundedRdf() {
    }

    /** Parses with {@code parser} (its source, syntax and base set) into {@code model}; 413 past the bound. */
    public static Model parse(RDFParserBuilder parser, Model model) {
        parser.parse(new Counting(StreamRDFLib.graph(model.getGraph())));
        return model;
    }

    /**
     * 413 when the JSON text holds more names and values (separators outside strings) than a document of
     * {@link #MAX_TRIPLES} triples needs, even written loosely (an {@code @id} and an {@code @type} per node).
     */
    public static void checkJson(String json) {
        if (JsonItems.moreThan(json, 4 * MAX_TRIPLES)) {
            throw tooMany();
        }
    }

    /** 413 when {@code count} triples are more than a document may hold. */
    public static void check(long count) {
        if (count > MAX_TRIPLES) {
            throw tooMany();
        }
    }

    private static HttpError tooMany() {
        return new HttpError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "the document holds more than " + MAX_TRIPLES + " triples, more than the server keeps in one");
    }

    private static final class Counting extends StreamRDFWrapper {
        private long triples;

        Counting(StreamRDF into) {
            super(into);
        }

        @Override
        public void triple(Triple triple) {
            if (++triples > MAX_TRIPLES) {
                throw tooMany(); // stops the parser before the graph grows further
            }
            super.triple(triple);
        }
    }
}
