package org.smartcontainers.web.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.openprovenance.prov.model.Attribute;
import org.openprovenance.prov.model.Document;
import org.openprovenance.prov.model.QualifiedName;
import org.openprovenance.prov.vanilla.ProvFactory;
import org.smartcontainers.provenance.Vocab;

/**
 * Our PROV-O graph as a ProvToolbox document, which it writes as PROV-N and PROV-JSON. Each subject
 * becomes an entity, activity or agent (or more than one: an agent may be an entity too) with its other
 * statements as attributes ({@code rdf:type} as {@code prov:type}, {@code rdfs:label} as
 * {@code prov:label}); PROV-O's relations, unqualified and qualified (association with plan and roles,
 * delegation for an activity, usage, generation, attribution, start, end), become PROV-DM relations.
 * Nothing is dropped: a PROV term with no PROV-DM relation here stays an attribute.
 */
public final class ProvDocuments {
    private static final String PROV = Vocab.PROV_NS;
    private static final Set<String> AGENT_TYPES = Set.of(PROV + "Agent", PROV + "SoftwareAgent", PROV + "Person",
            PROV + "Organization", Vocab.FOAF_NS + "Person", Vocab.FOAF_NS + "Organization", Vocab.FOAF_NS + "Agent");
    /** Types that PROV-N says with the element's kind, not as prov:type. */
    private static final Set<String> KIND_TYPES = Set.of(PROV + "Entity", PROV + "Activity", PROV + "Agent");
    /** Properties whose subject is an activity. */
    private static final Set<String> ACTIVITY_PROPERTIES = Set.of("used", "generated", "wasAssociatedWith",
            "qualifiedAssociation", "startedAtTime", "endedAtTime", "wasInformedBy", "qualifiedUsage",
            "qualifiedStart", "qualifiedEnd", "invalidated");
    private static final Set<String> QUALIFIED = Set.of("qualifiedAssociation", "qualifiedDelegation",
            "qualifiedUsage", "qualifiedGeneration", "qualifiedAttribution", "qualifiedStart", "qualifiedEnd");
    private static final Set<String> RELATIONS = Set.of("used", "generated", "wasGeneratedBy", "wasDerivedFrom",
            "wasAssociatedWith", "actedOnBehalfOf", "wasAttributedTo", "wasInformedBy");

    private final ProvFactory factory = ProvFactory.getFactory();
    private final ProvNames names;
    private final Model model;
    private final List<org.openprovenance.prov.model.Statement> statements = new ArrayList<>();
    /** Nodes that stand for a qualified relation: they become that relation, not elements. */
    private final Set<Resource> influences = new LinkedHashSet<>();

    private ProvDocuments(Model model, boolean provN) {
        this.model = model;
        this.names = new ProvNames(factory, provN);
    }

    /** For PROV-N: local names escaped as PROV-N escapes them. */
    public static Document forProvN(Model model) {
        return of(model, true);
    }

    /** For PROV-JSON: local names as they are. */
    public static Document forProvJson(Model model) {
        return of(model, false);
    }

    private static Document of(Model model, boolean provN) {
        ProvDocuments mapping = new ProvDocuments(model, provN);
        mapping.map();
        return mapping.factory.newDocument(mapping.names.namespace(), mapping.statements, List.of());
    }

    private void map() {
        model.listStatements().forEach(t -> {
            String p = provTerm(t.getPredicate());
            if (p != null && QUALIFIED.contains(p) && t.getObject().isResource()) {
                influences.add(t.getResource());
            }
        });
        model.listSubjects().toList().stream().filter(s -> !influences.contains(s)).forEach(this::element);
        model.listStatements().toList().forEach(this::relation);
    }

    /** One subject as the elements it is, each with every attribute. */
    private void element(Resource subject) {
        Set<String> types = new LinkedHashSet<>();
        subject.listProperties(RDF.type).forEach(t -> {
            if (t.getObject().isURIResource()) {
                types.add(t.getResource().getURI());
            }
        });
        boolean agent = types.stream().anyMatch(AGENT_TYPES::contains);
        boolean activity = types.contains(PROV + "Activity") || subject.listProperties().toList().stream()
                .anyMatch(t -> ACTIVITY_PROPERTIES.contains(String.valueOf(provTerm(t.getPredicate()))));
        List<Attribute> attributes = attributes(subject);
        QualifiedName id = names.of(subject);
        if (activity) {
            statements.add(factory.newActivity(id, time(subject, "startedAtTime"), time(subject, "endedAtTime"),
                    attributes));
        }
        if (agent) {
            statements.add(factory.newAgent(id, attributes));
        }
        if (!activity && (!agent || types.contains(PROV + "Entity"))) {
            statements.add(factory.newEntity(id, attributes));
        }
    }

    private List<Attribute> attributes(Resource subject) {
        List<Attribute> attributes = new ArrayList<>();
        for (Statement t : subject.listProperties().toList()) {
            String p = provTerm(t.getPredicate());
            if (p != null && (RELATIONS.contains(p) || QUALIFIED.contains(p) || p.equals("startedAtTime")
                    || p.equals("endedAtTime"))) {
                continue;
            }
            Attribute attribute = attribute(t);
            if (attribute != null) {
                attributes.add(attribute);
            }
        }
        return attributes;
    }

    /** One statement as an attribute; null for a type PROV-N says with the element's kind. */
    private Attribute attribute(Statement t) {
        RDFNode o = t.getObject();
        if (t.getPredicate().equals(RDF.type)) {
            if (!o.isURIResource() || KIND_TYPES.contains(o.asResource().getURI())) {
                return null;
            }
            return factory.newType(names.of(o.asResource()), factory.getName().PROV_QUALIFIED_NAME);
        }
        if (t.getPredicate().equals(RDFS.label) && o.isLiteral()) {
            Literal label = o.asLiteral();
            return factory.newLabel(label.getLanguage().isEmpty() ? factory.newInternationalizedString(label.getString())
                    : factory.newInternationalizedString(label.getString(), label.getLanguage()),
                    factory.getName().PROV_LANG_STRING);
        }
        QualifiedName key = names.of(t.getPredicate());
        if (o.isLiteral()) {
            Literal literal = o.asLiteral();
            if (!literal.getLanguage().isEmpty()) {
                return factory.newOther(key, factory.newInternationalizedString(literal.getString(), literal.getLanguage()),
                        factory.getName().PROV_LANG_STRING);
            }
            String datatype = literal.getDatatypeURI() == null ? XSDDatatype.XSDstring.getURI() : literal.getDatatypeURI();
            return factory.newOther(key, literal.getLexicalForm(), names.of(datatype));
        }
        return factory.newOther(key, names.of(o.asResource()), factory.getName().PROV_QUALIFIED_NAME);
    }

    private XMLGregorianCalendar time(Resource subject, String property) {
        Statement t = subject.getProperty(model.createProperty(PROV, property));
        return t == null || !t.getObject().isLiteral() ? null : factory.newISOTime(t.getLiteral().getLexicalForm());
    }

    /** PROV-O's relations as PROV-DM's; {@code prov:generated} and {@code prov:wasGeneratedBy} are one generation. */
    private void relation(Statement t) {
        String p = provTerm(t.getPredicate());
        if (p == null || !t.getObject().isResource() || influences.contains(t.getSubject())) {
            return;
        }
        QualifiedName s = names.of(t.getSubject());
        Resource object = t.getResource();
        QualifiedName o = names.of(object);
        switch (p) {
            case "used" -> statements.add(factory.newUsed(null, s, o, null, List.of()));
            case "wasGeneratedBy" -> {
                if (!object.hasProperty(model.createProperty(PROV, "generated"), t.getSubject())) {
                    statements.add(factory.newWasGeneratedBy(null, s, o, null, List.of()));
                }
            }
            case "generated" -> statements.add(factory.newWasGeneratedBy(null, o, s, null, List.of()));
            case "wasDerivedFrom" -> statements.add(factory.newWasDerivedFrom(null, s, o, null, null, null, List.of()));
            case "wasAssociatedWith" -> statements.add(factory.newWasAssociatedWith(null, s, o, null, List.of()));
            case "actedOnBehalfOf" -> statements.add(factory.newActedOnBehalfOf(null, s, o, null, List.of()));
            case "wasAttributedTo" -> statements.add(factory.newWasAttributedTo(null, s, o, List.of()));
            case "wasInformedBy" -> statements.add(factory.newWasInformedBy(null, s, o, List.of()));
            case "qualifiedAssociation" -> statements.add(factory.newWasAssociatedWith(null, s, ref(object, "agent"),
                    ref(object, "hadPlan"), influenceAttributes(object)));
            case "qualifiedDelegation" -> statements.add(factory.newActedOnBehalfOf(null, s, ref(object, "agent"),
                    ref(object, "hadActivity"), influenceAttributes(object)));
            case "qualifiedUsage" -> statements.add(factory.newUsed(null, s, ref(object, "entity"),
                    time(object, "atTime"), influenceAttributes(object)));
            case "qualifiedGeneration" -> statements.add(factory.newWasGeneratedBy(null, s, ref(object, "activity"),
                    time(object, "atTime"), influenceAttributes(object)));
            case "qualifiedAttribution" -> statements.add(factory.newWasAttributedTo(null, s, ref(object, "agent"),
                    influenceAttributes(object)));
            case "qualifiedStart" -> statements.add(factory.newWasStartedBy(null, s, ref(object, "entity"),
                    ref(object, "hadActivity"), time(object, "atTime"), influenceAttributes(object)));
            case "qualifiedEnd" -> statements.add(factory.newWasEndedBy(null, s, ref(object, "entity"),
                    ref(object, "hadActivity"), time(object, "atTime"), influenceAttributes(object)));
            default -> {
                // every other PROV term stayed an attribute of its subject
            }
        }
    }

    private QualifiedName ref(Resource influence, String property) {
        Statement t = influence.getProperty(model.createProperty(PROV, property));
        return t == null || !t.getObject().isResource() ? null : names.of(t.getResource());
    }

    /** What a qualified relation's node says besides the relation itself: roles, and anything else, as attributes. */
    private List<Attribute> influenceAttributes(Resource influence) {
        Set<String> structural = Set.of("agent", "hadPlan", "hadActivity", "entity", "activity", "atTime");
        List<Attribute> attributes = new ArrayList<>();
        for (Statement t : influence.listProperties().toList()) {
            String p = provTerm(t.getPredicate());
            boolean provType = t.getPredicate().equals(RDF.type) && t.getObject().isURIResource()
                    && provTerm(t.getResource()) != null; // prov:Association and the like: the relation says it
            if (p != null && structural.contains(p) || provType) {
                continue;
            }
            Attribute attribute;
            if ("hadRole".equals(p)) {
                attribute = factory.newRole(t.getObject().isResource() ? names.of(t.getResource())
                        : t.getObject().asLiteral().getLexicalForm(), t.getObject().isResource()
                        ? factory.getName().PROV_QUALIFIED_NAME : factory.getName().XSD_STRING);
            } else {
                attribute = attribute(t);
            }
            if (attribute != null) {
                attributes.add(attribute);
            }
        }
        return attributes;
    }

    private static String provTerm(Resource term) {
        return term.isURIResource() && term.getURI().startsWith(PROV) ? term.getURI().substring(PROV.length()) : null;
    }
}
