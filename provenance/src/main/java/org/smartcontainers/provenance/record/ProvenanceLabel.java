package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.Vocab;

/**
 * The {@code smartcontainer} label: provenance as compact JSON-LD with its {@code @context}
 * inline (never a remote context: the label must read offline), under the key the original
 * SmartContainers used.
 *
 * <p>Written directly (a generic JSON-LD compaction costs a millisecond per label, on every
 * create): one node object per subject, properties as the context's terms or compact IRIs. Any
 * JSON-LD processor expands it back to the same graph; the tests check that with Jena.
 */
public final class ProvenanceLabel {
    public static final String KEY = DockerClient.PROVENANCE_LABEL;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Terms for the PROV properties every record uses: name, IRI, and whether values are IRIs or dates. */
    private static final Map<String, String[]> TERMS = Map.of(
            Vocab.PROV_NS + "startedAtTime", new String[] {"startedAtTime", "xsd:dateTime"},
            Vocab.PROV_NS + "endedAtTime", new String[] {"endedAtTime", "xsd:dateTime"},
            Vocab.PROV_NS + "used", new String[] {"used", "@id"},
            Vocab.PROV_NS + "generated", new String[] {"generated", "@id"},
            Vocab.PROV_NS + "wasGeneratedBy", new String[] {"wasGeneratedBy", "@id"},
            Vocab.PROV_NS + "wasDerivedFrom", new String[] {"wasDerivedFrom", "@id"},
            Vocab.PROV_NS + "wasAssociatedWith", new String[] {"wasAssociatedWith", "@id"},
            Vocab.PROV_NS + "actedOnBehalfOf", new String[] {"actedOnBehalfOf", "@id"});

    /** The prefix of the IRIs SmartContainers mints ({@link Vocab#INSTANCE_BASE}) in a label. */
    private static final String INSTANCES = "sci";
    /** The vocabulary's prefixes, with rdfs and ours for instances: what a label writes compactly. */
    private static final PrefixMapping LABEL_PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefixes(Vocab.PREFIXES).setNsPrefix("rdfs", RDFS.getURI()).setNsPrefix(INSTANCES, Vocab.INSTANCE_BASE).lock();
    private static final ObjectNode CONTEXT = context();

    private ProvenanceLabel() {
    }

    private static ObjectNode context() {
        ObjectNode context = JSON.createObjectNode();
        Vocab.PREFIXES.getNsPrefixMap().forEach(context::put);
        LABEL_PREFIXES.getNsPrefixMap().forEach((prefix, ns) -> {
            if (!context.has(prefix)) {
                context.put(prefix, ns);
            }
        });
        TERMS.forEach((iri, term) -> context.putObject(term[0])
                .put("@id", LABEL_PREFIXES.shortForm(iri)).put("@type", term[1]));
        return context;
    }

    public static String write(Model model) {
        return write(model, Map.of());
    }

    /**
     * The label of {@code model}, carrying the histories of the images it came from: each a named graph
     * called after the image's IRI ({@link LabelAncestry}), sorted by name, after the label's own nodes.
     */
    public static String write(Model model, Map<String, Model> carried) {
        ObjectNode document = JSON.createObjectNode();
        document.set("@context", CONTEXT);
        ArrayNode graph = document.putArray("@graph");
        Map<Resource, String> blankIds = new HashMap<>();
        addNodes(graph, model, blankIds);
        for (Map.Entry<String, Model> each : new TreeMap<>(carried).entrySet()) {
            ObjectNode named = graph.addObject();
            named.put("@id", id(model.createResource(each.getKey()), blankIds));
            addNodes(named.putArray("@graph"), each.getValue(), blankIds);
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One node object per subject. Sorted: the same graph gives the same text, so identical builds keep one image ID. */
    private static void addNodes(ArrayNode graph, Model model, Map<Resource, String> blankIds) {
        List<Resource> subjects = model.listSubjects().toList();
        subjects.sort(Canonical.subjectOrder(model));
        Comparator<Statement> statementOrder = Canonical.statementOrder(model);
        for (Resource subject : subjects) {
            ObjectNode node = graph.addObject();
            node.put("@id", id(subject, blankIds));
            List<Statement> statements = subject.listProperties().toList();
            statements.sort(statementOrder);
            for (Statement statement : statements) {
                add(node, statement.getPredicate(), statement.getObject(), blankIds);
            }
        }
    }

    private static void add(ObjectNode node, Property predicate, RDFNode object, Map<Resource, String> blankIds) {
        if (predicate.equals(RDF.type) && object.isURIResource()) {
            append(node, "@type", JSON.getNodeFactory().textNode(LABEL_PREFIXES.shortForm(object.asResource().getURI())));
            return;
        }
        String[] term = TERMS.get(predicate.getURI());
        if (term != null && term[1].equals("@id") && object.isResource()) {
            append(node, term[0], JSON.getNodeFactory().textNode(id(object.asResource(), blankIds)));
            return;
        }
        if (term != null && object.isLiteral() && object.asLiteral().getDatatype().equals(XSDDatatype.XSDdateTime)) {
            append(node, term[0], JSON.getNodeFactory().textNode(object.asLiteral().getLexicalForm()));
            return;
        }
        append(node, LABEL_PREFIXES.shortForm(predicate.getURI()), value(object, blankIds));
    }

    private static JsonNode value(RDFNode object, Map<Resource, String> blankIds) {
        if (object.isResource()) {
            return JSON.createObjectNode().put("@id", id(object.asResource(), blankIds));
        }
        Literal literal = object.asLiteral();
        String datatype = literal.getDatatypeURI();
        if (!literal.getLanguage().isEmpty()) {
            return JSON.createObjectNode().put("@value", literal.getLexicalForm()).put("@language", literal.getLanguage());
        }
        if (XSDDatatype.XSDstring.getURI().equals(datatype)) {
            return JSON.getNodeFactory().textNode(literal.getLexicalForm());
        }
        if (XSDDatatype.XSDboolean.getURI().equals(datatype)) {
            return JSON.getNodeFactory().booleanNode(literal.getBoolean());
        }
        return JSON.createObjectNode().put("@value", literal.getLexicalForm())
                .put("@type", LABEL_PREFIXES.shortForm(datatype));
    }

    private static String id(Resource resource, Map<Resource, String> blankIds) {
        if (resource.isAnon()) {
            return blankIds.computeIfAbsent(resource, r -> "_:b" + blankIds.size());
        }
        String iri = resource.getURI();
        // Our own IRIs (images, plans, agents) as compact IRIs: a label lives in the image config, and carries a chain.
        return iri.startsWith(Vocab.INSTANCE_BASE) && !iri.startsWith("//", Vocab.INSTANCE_BASE.length())
                ? INSTANCES + ":" + iri.substring(Vocab.INSTANCE_BASE.length()) : iri;
    }

    /** One value stays a value; a second one makes an array. */
    private static void append(ObjectNode node, String key, JsonNode value) {
        JsonNode existing = node.get(key);
        if (existing == null) {
            node.set(key, value);
        } else if (existing.isArray()) {
            ((ArrayNode) existing).add(value);
        } else {
            node.putArray(key).add(existing).add(value);
        }
    }

    /** Parses a label of ours: its default graph (the histories it carries are named graphs, left out). */
    public static Model read(String label) {
        Dataset dataset = DatasetFactory.create();
        RDFParser.fromString(label, Lang.JSONLD).parse(dataset);
        return dataset.getDefaultModel();
    }

}
