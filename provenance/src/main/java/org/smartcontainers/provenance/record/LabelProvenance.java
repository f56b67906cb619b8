package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * A {@code smartcontainer} label found on an image that a recorded call used (a base image, the
 * image behind a container), or on an image or container whose record was lost, read as what that
 * label claims about it. The label may be ours, made on another host, or one written by the
 * original SmartContainers (2015-16): rdflib JSON-LD with an inline context, whose whitespace, and
 * with it the {@code +} of time-zone offsets, was stripped. What it may say is filtered by
 * {@link LabelClaims}; what is kept goes in a named graph of its own, {@code <resource IRI>/label},
 * linked from the resource with {@code prov:has_provenance}, which says of itself that it holds a
 * label's claims ({@code sc:LabelClaims}), whose ({@code sc:labelOf}), of which kind
 * ({@code sc:labelFormat}) and which label ({@code sc:labelDigest}).
 */
public final class LabelProvenance {
    /**
     * The most JSON names and values a label may hold to be read. A label is anyone's text (an image pulled or made
     * without the proxy), its JSON-LD is parsed whole into trees many times its size, and the daemon reads labels
     * at its start: a 7 MiB label exhausted its heap there, every start. (The web side takes documents of up to 80,000.)
     */
    public static final int MAX_ITEMS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code 2015-11-10T01:30:0000:00}: a date-time whose offset lost its {@code +}. */
    /** The name of a graph a label carries: the IRI of the base image whose history it is. */
    private static final Pattern CARRIED_GRAPH = Pattern.compile(Pattern.quote(Vocab.imageIri("")) + "[0-9a-f]{64}");
    private static final Pattern OFFSET_WITHOUT_PLUS =
            Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)(\\d\\d:\\d\\d)");

    private LabelProvenance() {
    }

    /** The image or container a label is on. */
    public record Labelled(String iri, Resource type, String id) {
        public static Labelled image(String imageId) {
            return new Labelled(Vocab.imageIri(imageId), Vocab.Docker.Image, "sha256:" + Vocab.bareId(imageId));
        }

        public static Labelled container(String containerId) {
            return new Labelled(Vocab.containerIri(containerId), Vocab.Docker.Container, Vocab.bareId(containerId));
        }

        /** The graph that holds what its label claims. */
        public String graphName() {
            return iri + "/label";
        }
    }

    /** The name of the graph that holds what an image's label claims. */
    public static String graphName(String imageId) {
        return Labelled.image(imageId).graphName();
    }

    /**
     * The label as a graph about {@code imageId}, as if the store held nothing else.
     *
     * @throws IllegalArgumentException when the label is not JSON-LD we can read offline
     */
    public static NamedGraph read(String imageId, String label) {
        Model said = parse(label);
        Labelled on = Labelled.image(imageId);
        return graph(on, label, said, LabelClaims.of(said, on.iri(), iri -> false));
    }

    /**
     * Every triple of the label, in whichever graph it put them (rdflib named its default graph), with
     * the original's date-times repaired.
     *
     * @throws IllegalArgumentException when the label is not JSON-LD we can read offline
     */
    public static Model parse(String label) {
        return parseCarrying(label).said();
    }

    /**
     * A label read: what it says of its own resource, and the histories it carries of the images that
     * resource came from ({@link LabelAncestry}), by image IRI.
     */
    public record Parsed(Model said, Map<String, Model> carried) {
    }

    /**
     * The label's triples, in whichever graph it put them (rdflib named its default graph), less the graphs
     * named by an image's IRI, which are the histories it carries; the original's date-times repaired.
     *
     * @throws IllegalArgumentException when the label is not JSON-LD we can read offline
     */
    public static Parsed parseCarrying(String label) {
        if (JsonItems.moreThan(label, MAX_ITEMS)) {
            throw new IllegalArgumentException("more than " + MAX_ITEMS + " JSON names and values: not read (a label of"
                    + " ours, carrying its " + LabelAncestry.MAX_IMAGES + " images' histories, holds far fewer)");
        }
        requireInlineContext(label);
        Dataset dataset = DatasetFactory.create();
        try {
            // not checked: the original's broken date-times are repaired below, not warned about
            RDFParser.fromString(label, Lang.JSONLD).checking(false).parse(dataset);
        } catch (RiotException e) {
            throw new IllegalArgumentException("not JSON-LD: " + e.getMessage(), e);
        }
        Model said = ModelFactory.createDefaultModel().add(dataset.getDefaultModel());
        Map<String, Model> carried = new TreeMap<>();
        dataset.listModelNames().forEachRemaining(name -> {
            Model graph = dataset.getNamedModel(name);
            if (name.isURIResource() && CARRIED_GRAPH.matcher(name.getURI()).matches()) {
                carried.put(name.getURI(), ModelFactory.createDefaultModel().add(graph));
            } else {
                said.add(graph);
            }
        });
        return new Parsed(repairedDateTimes(said), carried);
    }

    /** What is kept of a label, in its graph: the claims, the resource, and what the graph is. */
    public static NamedGraph graph(Labelled on, String label, Model said, LabelClaims claims) {
        Model graph = ModelFactory.createDefaultModel().add(claims.model());
        String name = on.graphName();
        Resource resource = graph.createResource(on.iri())
                .addProperty(RDF.type, Vocab.Prov.Entity)
                .addProperty(RDF.type, on.type())
                .addProperty(Vocab.Docker.id, on.id());
        resource.addProperty(Vocab.Prov.has_provenance, graph.createResource(name));
        graph.createResource(name)
                .addProperty(RDF.type, Vocab.Sc.LabelClaims)
                .addProperty(Vocab.Sc.labelOf, resource)
                .addProperty(Vocab.Sc.labelFormat, isOurs(said) ? Vocab.Sc.SmartContainersLabel
                        : Vocab.Sc.OriginalSmartContainersLabel)
                .addProperty(Vocab.Sc.labelDigest, digest(label));
        return new NamedGraph(name, graph);
    }

    /** {@code sha256:} and the hex SHA-256 of the label's text. */
    public static String digest(String label) {
        return "sha256:" + Canonical.sha256Hex(label);
    }

    /** Labels we wrote name their activity, or a build's plan, by an IRI of ours; the original's used {@code urn:uuid:}. */
    public static boolean isOurs(Model label) {
        return activities(label).stream().anyMatch(iri -> iri.startsWith(Vocab.INSTANCE_BASE + "activity/"))
                || label.listSubjectsWithProperty(RDF.type, Vocab.Prov.Plan).toList().stream()
                        .anyMatch(plan -> plan.isURIResource() && plan.getURI().startsWith(Vocab.planIri("")));
    }

    /** The IRIs of the activities a label describes. */
    public static List<String> activities(Model label) {
        List<String> iris = new ArrayList<>();
        label.listSubjectsWithProperty(RDF.type, Vocab.Prov.Activity)
                .forEachRemaining(activity -> {
                    if (activity.isURIResource()) {
                        iris.add(activity.getURI());
                    }
                });
        return iris;
    }

    /** A context to fetch would mean a network call, from a label anyone can write: refused. */
    private static void requireInlineContext(String label) {
        JsonNode json;
        try {
            json = JSON.readTree(label);
        } catch (IOException e) {
            // Jackson's message quotes the text; a label is anyone's text, and a log line is no place for it.
            throw new IllegalArgumentException("not JSON" + (e instanceof JsonProcessingException parse
                    && parse.getLocation() != null ? " (line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ")" : ""), e);
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            throw new IllegalArgumentException("not a JSON-LD document");
        }
        for (JsonNode context : json.findValues("@context")) {
            if (context.isTextual() || (context.isArray() && hasText(context))) {
                throw new IllegalArgumentException("its @context is remote (" + context + "); only inline contexts are read");
            }
        }
    }

    private static boolean hasText(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isTextual()) {
                return true;
            }
        }
        return false;
    }

    /** The original stripped the {@code +} from offsets; put it back where that alone makes a valid date-time. */
    private static Model repairedDateTimes(Model model) {
        List<Statement> broken = new ArrayList<>();
        model.listStatements().forEachRemaining(statement -> {
            if (statement.getObject().isLiteral()
                    && XSDDatatype.XSDdateTime.getURI().equals(statement.getLiteral().getDatatypeURI())
                    && !statement.getLiteral().getDatatype().isValid(statement.getLiteral().getLexicalForm())) {
                broken.add(statement);
            }
        });
        for (Statement statement : broken) {
            Matcher matcher = OFFSET_WITHOUT_PLUS.matcher(statement.getLiteral().getLexicalForm());
            if (matcher.matches()) {
                Literal repaired = model.createTypedLiteral(matcher.group(1) + "+" + matcher.group(2),
                        XSDDatatype.XSDdateTime);
                model.remove(statement);
                model.add(statement.getSubject(), statement.getPredicate(), repaired);
            }
        }
        return model;
    }
}
