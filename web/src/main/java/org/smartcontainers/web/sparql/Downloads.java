package org.smartcontainers.web.sparql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.rdf.RdfFormats;

/**
 * The formats a browser can download results in: {@code ?download=csv} picks the format as Accept would
 * (a link cannot set Accept) and asks the browser to save the answer.
 */
final class Downloads {
    /** A format by its name in {@code download=}: its media type and the file name it is saved under. */
    record Format(String name, String mediaType, String fileName) {
    }

    static final String PARAM = "download";

    static final Map<String, Format> RESULTS = formats(
            new Format("json", "application/sparql-results+json", "results.srj"),
            new Format("xml", "application/sparql-results+xml", "results.srx"),
            new Format("csv", "text/csv", "results.csv"),
            new Format("tsv", "text/tab-separated-values", "results.tsv"));

    static final Map<String, Format> GRAPHS = formats(
            new Format("turtle", RdfFormats.TURTLE, "results.ttl"),
            new Format("jsonld", RdfFormats.JSON_LD, "results.jsonld"),
            new Format("ntriples", RdfFormats.N_TRIPLES, "results.nt"),
            new Format("rdfxml", RdfFormats.RDF_XML, "results.rdf"));

    private Downloads() {
    }

    /** The format {@code name} names for this kind of result, or 400 saying which there are. */
    static Format format(String name, boolean graphResult) {
        Map<String, Format> offered = graphResult ? GRAPHS : RESULTS;
        Format format = offered.get(name);
        if (format == null) {
            throw HttpError.badRequest("cannot download " + (graphResult ? "a graph" : "results") + " as '" + name
                    + "'; " + PARAM + "= takes " + String.join(", ", offered.keySet()));
        }
        return format;
    }

    private static Map<String, Format> formats(Format... formats) {
        Map<String, Format> byName = new LinkedHashMap<>();
        for (Format format : formats) {
            byName.put(format.name(), format);
        }
        return Collections.unmodifiableMap(byName); // in this order on the page
    }
}
