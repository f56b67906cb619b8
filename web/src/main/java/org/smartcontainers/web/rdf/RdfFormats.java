package org.smartcontainers.web.rdf;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.smartcontainers.provenance.Vocab;

/** The RDF syntaxes we serve and read, by media type; Turtle first, the default. */
public final class RdfFormats {
    public static final String TURTLE = "text/turtle";
    public static final String JSON_LD = "application/ld+json";
    public static final String N_TRIPLES = "application/n-triples";
    public static final String RDF_XML = "application/rdf+xml";

    /** For LDP resources: the three the LDP spec and our users need. */
    public static final List<String> LDP = List.of(TURTLE, JSON_LD, N_TRIPLES);
    /** For CONSTRUCT and DESCRIBE. */
    public static final List<String> GRAPHS = List.of(TURTLE, JSON_LD, N_TRIPLES, RDF_XML);

    private static final Map<String, RDFFormat> WRITERS = Map.of(
            TURTLE, RDFFormat.TURTLE_PRETTY,
            // Compact, its @context inline from the model's prefixes: never a remote context.
            JSON_LD, RDFFormat.JSONLD11,
            N_TRIPLES, RDFFormat.NTRIPLES,
            RDF_XML, RDFFormat.RDFXML_PLAIN);
    private static final Map<String, Lang> READERS = Map.of(TURTLE, Lang.TURTLE, JSON_LD, Lang.JSONLD,
            N_TRIPLES, Lang.NTRIPLES, RDF_XML, Lang.RDFXML);

    private RdfFormats() {
    }

    /** The model with our prefixes (PROV, docker, sc, LDP, Hydra…), so what we write reads short. */
    public static Model withOurPrefixes(Model model) {
        model.setNsPrefixes(Vocab.PREFIXES);
        model.setNsPrefix("ldp", WebVocab.LDP_NS);
        model.setNsPrefix("hydra", WebVocab.HYDRA_NS);
        return model;
    }

    public static byte[] write(Model model, String mediaType) {
        RDFFormat format = WRITERS.get(mediaType);
        if (format == null) {
            throw new IllegalArgumentException("not an RDF media type we write: " + mediaType);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, model, format);
        return out.toByteArray();
    }

    /** The parser for a media type, null for one that is not RDF we read. */
    public static Lang reader(String mediaType) {
        return mediaType == null ? null : READERS.get(mediaType);
    }

    /**
     * The Content-Type header value for a chosen media type: the bare type, as LDP clients compare
     * it whole (Turtle, N-Triples and JSON-LD are UTF-8 by definition).
     */
    public static String contentType(String mediaType) {
        return mediaType;
    }
}
