package org.smartcontainers.provenance.record;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import java.io.StringReader;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.smartcontainers.provenance.Vocab;

/**
 * The {@code smartcontainer} label: provenance as compact JSON-LD with its {@code @context}
 * inline (never a remote context: the label must read offline), under the key the original
 * SmartContainers used.
 */
public final class ProvenanceLabel {
    public static final String KEY = "smartcontainer";

    /** Prefixes plus terms for the PROV properties every record uses, with their types. */
    static final String CONTEXT = """
            {"@context": {
              "prov": "%s", "sc": "%s", "docker": "%s", "foaf": "%s", "dct": "%s", "xsd": "%s",
              "startedAtTime": {"@id": "prov:startedAtTime", "@type": "xsd:dateTime"},
              "endedAtTime": {"@id": "prov:endedAtTime", "@type": "xsd:dateTime"},
              "used": {"@id": "prov:used", "@type": "@id"},
              "generated": {"@id": "prov:generated", "@type": "@id"},
              "wasGeneratedBy": {"@id": "prov:wasGeneratedBy", "@type": "@id"},
              "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
              "wasAssociatedWith": {"@id": "prov:wasAssociatedWith", "@type": "@id"},
              "actedOnBehalfOf": {"@id": "prov:actedOnBehalfOf", "@type": "@id"}
            }}""".formatted(Vocab.PROV_NS, Vocab.SC_NS, Vocab.DOCKER_NS, Vocab.FOAF_NS, Vocab.DCT_NS, Vocab.XSD_NS);

    private ProvenanceLabel() {
    }

    public static String write(Model model) {
        String expanded = RDFWriter.source(model).format(RDFFormat.JSONLD11_FLAT).build().asString();
        try {
            return JsonLd.compact(JsonDocument.of(new StringReader(expanded)),
                    JsonDocument.of(new StringReader(CONTEXT))).get().toString();
        } catch (JsonLdError e) {
            throw new IllegalStateException("JSON-LD compaction of our own graph failed", e);
        }
    }

    /** Parses a label (ours or the original SmartContainers'); its context must be inline. */
    public static Model read(String label) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(label, Lang.JSONLD).parse(model);
        return model;
    }
}
