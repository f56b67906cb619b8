package org.smartcontainers.web.sparql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;

/** The prefixes the SPARQL page offers: ours, and rdf and rdfs, which every query about types and labels needs. */
final class QueryPrefixes {
    private QueryPrefixes() {
    }

    static Map<String, String> all() {
        Map<String, String> prefixes = new TreeMap<>(Vocab.PREFIXES.getNsPrefixMap());
        prefixes.put("rdf", RDF.getURI());
        prefixes.put("rdfs", RDFS.getURI());
        return prefixes;
    }

    /**
     * As prefix.cc's {@code popular/all.file.json} ({@code {"prefix": "namespace"}}): the editor's prefix
     * completion reads this from our server instead of prefix.cc.
     */
    static byte[] asPrefixCcJson() {
        try {
            return new ObjectMapper().writeValueAsString(all()).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
