package org.smartcontainers.provenance.record;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;

/**
 * The histories a label carries of the images its image came from, so that the image alone, on a host
 * that never saw them, still tells its whole lineage: for each base image a named graph called after
 * the image's IRI, holding what the base's own label says (its plan or activity, who) and when Docker
 * says the base was made ({@code docker:created}), and the graphs the base's label carried in turn.
 *
 * <p>Everything in it is part of the bases themselves (a label and a config's {@code created} are in
 * the image ID), so a rebuild from the same bases carries the same text and keeps its image ID.
 */
public final class LabelAncestry {
    /** Past this many images a chain is carried no further: each one is a graph in every label below it. */
    public static final int MAX_IMAGES = 100;

    private final Map<String, Model> graphs = new TreeMap<>();

    /**
     * A base image: its ID, when Docker says it was made, and its {@code smartcontainer} label (null when
     * it has none). A label that cannot be read is carried as the base's making alone.
     */
    public LabelAncestry add(String imageId, Instant created, String label) {
        String iri = Vocab.imageIri(imageId);
        if (graphs.containsKey(iri) || graphs.size() >= MAX_IMAGES) {
            return this;
        }
        Model graph = ModelFactory.createDefaultModel();
        LabelProvenance.Parsed parsed = label == null ? null : parsed(imageId, label);
        if (parsed != null) {
            graph.add(parsed.said());
        }
        graph.createResource(iri)
                .addProperty(RDF.type, Vocab.Docker.Image)
                .addProperty(Vocab.Docker.id, "sha256:" + Vocab.bareId(imageId));
        if (created != null) {
            madeAt(graph, iri, created);
        }
        graphs.put(iri, graph);
        if (parsed != null) {
            parsed.carried().forEach((name, carried) -> {
                if (graphs.size() < MAX_IMAGES && !graphs.containsKey(name)) {
                    graphs.put(name, ModelFactory.createDefaultModel().add(carried));
                }
            });
        }
        return this;
    }

    /**
     * A base's label read, or null when it is not one we can read. Parsing JSON-LD costs milliseconds, and a
     * rebuild carries the same bases again: labels read are kept by image ID (the ID is the digest of a config
     * that holds the label, so one ID has one label), and copied out, never shared.
     */
    private static LabelProvenance.Parsed parsed(String imageId, String label) {
        String key = Vocab.bareId(imageId);
        synchronized (READ) {
            LabelProvenance.Parsed known = READ.get(key);
            if (known != null) {
                return known;
            }
        }
        LabelProvenance.Parsed parsed;
        try {
            parsed = LabelProvenance.parseCarrying(label);
        } catch (IllegalArgumentException e) {
            return null; // carried as an image with no label we can read
        }
        synchronized (READ) {
            READ.put(key, parsed);
        }
        return parsed;
    }

    private static final int MAX_READ = 256;
    private static final Map<String, LabelProvenance.Parsed> READ = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LabelProvenance.Parsed> eldest) {
            return size() > MAX_READ;
        }
    };

    /** {@code <iri> docker:created} the instant, to the nanosecond Docker gives. */
    public static void madeAt(Model model, String iri, Instant created) {
        model.createResource(iri).addProperty(Vocab.Docker.created,
                model.createTypedLiteral(DateTimeFormatter.ISO_INSTANT.format(created), XSDDatatype.XSDdateTime));
    }

    /** The image IRI a carried graph is named by, as its ID ({@code sha256:} and hex). */
    public static String imageId(String graphName) {
        return "sha256:" + graphName.substring(Vocab.imageIri("").length());
    }

    /** The graphs by image IRI, for {@link ProvenanceLabel#write(Model, Map)}. */
    public Map<String, Model> graphs() {
        return graphs;
    }
}
