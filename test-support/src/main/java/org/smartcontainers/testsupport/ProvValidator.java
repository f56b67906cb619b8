package org.smartcontainers.testsupport;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.openprovenance.prov.model.Activity;
import org.openprovenance.prov.model.Attribute;
import org.openprovenance.prov.model.Document;
import org.openprovenance.prov.model.Identifiable;
import org.openprovenance.prov.model.Namespace;
import org.openprovenance.prov.model.ProvUtilities;
import org.openprovenance.prov.model.QualifiedName;
import org.openprovenance.prov.model.Relation;
import org.openprovenance.prov.validation.Config;
import org.openprovenance.prov.validation.ObjectMaker;
import org.openprovenance.prov.validation.Unknown;
import org.openprovenance.prov.validation.Validate;
import org.openprovenance.prov.validation.VarQName;
import org.openprovenance.prov.validation.VarTime;
import org.openprovenance.prov.validation.report.TypeOverlap;
import org.openprovenance.prov.validation.report.ValidationReport;
import org.openprovenance.prov.vanilla.ProvFactory;

/**
 * Test helper: is a Jena PROV-O graph valid PROV, as ProvToolbox's PROV-CONSTRAINTS validator
 * (org.openprovenance.prov:prov-validation) sees it?
 *
 * <p>ProvToolbox 2.x has no RDF reader (prov-rdf stopped at 0.9.x, on Sesame and the old model API),
 * so the PROV-O terms we write are mapped to its model here. A PROV-O term outside that mapping is
 * reported as a problem rather than skipped, so nothing passes unchecked.
 *
 * <p>The validator orders events (start, use, generation, end…) by the relations alone and never
 * looks at timestamps, so an activity that ends before it starts is caught by our own check here.
 */
public final class ProvValidator {
    private static final String PROV = "http://www.w3.org/ns/prov#";
    /** Blank nodes need a qualified name in PROV-DM; they get one in this made-up namespace. */
    private static final String BNODE_NS = "urn:x-smartcontainers:bnode:";
    private static final Set<String> AGENT_CLASSES = Set.of("Agent", "SoftwareAgent", "Person", "Organization");
    private static final Set<String> RELATIONS = Set.of("used", "wasGeneratedBy", "generated", "wasDerivedFrom",
            "wasAssociatedWith", "actedOnBehalfOf", "wasAttributedTo", "wasInformedBy", "wasInvalidatedBy");
    /** A qualified association naming its agent and plan: an association with a plan, in PROV-DM. */
    private static final Set<String> QUALIFIED_ASSOCIATION = Set.of("qualifiedAssociation", "agent", "hadPlan", "hadRole");
    /** A qualified delegation for one activity: actedOnBehalfOf(delegate, responsible, activity). */
    private static final Set<String> QUALIFIED_DELEGATION = Set.of("qualifiedDelegation", "hadActivity");
    /** A qualified usage naming its entity: a usage (its other facts are attributes PROV does not constrain). */
    private static final Set<String> QUALIFIED_USAGE = Set.of("qualifiedUsage", "entity");
    /** PROV-AQ terms: how to find provenance, not provenance itself, so nothing to validate. */
    private static final Set<String> IGNORED = Set.of("has_provenance", "has_anchor", "has_query_service",
            "pingback");

    private ProvValidator() {
    }

    /** Fails with every problem listed, one per line. */
    public static void assertValid(Model model) {
        List<String> problems = problems(model);
        if (!problems.isEmpty()) {
            throw new AssertionError("not valid PROV:\n  " + String.join("\n  ", problems));
        }
    }

    /** A TriG export: every named graph alone, and all of them together, is valid PROV (and there is one). */
    public static void assertEachGraphValid(String trig) {
        Dataset dataset = DatasetFactory.create();
        RDFParser.create().source(new StringReader(trig)).lang(Lang.TRIG).parse(dataset);
        int checked = 0;
        for (Iterator<Resource> names = dataset.listModelNames(); names.hasNext(); ) {
            String name = names.next().getURI();
            try {
                assertValid(dataset.getNamedModel(name));
            } catch (AssertionError e) {
                throw new AssertionError("graph <" + name + ">: " + e.getMessage(), e);
            }
            checked++;
        }
        if (checked == 0) {
            throw new AssertionError("no named graph to check");
        }
        assertValid(dataset.getUnionModel());
    }

    /**
     * What is wrong with the graph, empty if nothing: each entry starts with where it was found,
     * {@code [validator]} (PROV-CONSTRAINTS), {@code [time]} (our timestamp check) or {@code [mapping]}
     * (a term or value this helper cannot hand to the validator).
     */
    public static List<String> problems(Model model) {
        Mapping mapping = new Mapping(model);
        List<String> problems = new ArrayList<>(mapping.problems);
        try {
            ValidationReport report = new Validate(Config.newYesToAllConfig(mapping.factory, new Placeholders()))
                    .validate(mapping.document());
            problems.addAll(describe(report));
        } catch (IOException e) {
            throw new IllegalStateException("the validator failed", e);
        }
        return problems;
    }

    /** Fails with every problem listed: a document ProvToolbox read (PROV-N, PROV-JSON). */
    public static void assertValid(Document document) {
        List<String> problems = problems(document);
        if (!problems.isEmpty()) {
            throw new AssertionError("not valid PROV:\n  " + String.join("\n  ", problems));
        }
    }

    /** What PROV-CONSTRAINTS finds wrong with a document ProvToolbox read (PROV-N, PROV-JSON), empty if nothing. */
    public static List<String> problems(Document document) {
        try {
            return describe(new Validate(Config.newYesToAllConfig(ProvFactory.getFactory(), new Placeholders()))
                    .validate(document));
        } catch (IOException e) {
            throw new IllegalStateException("the validator failed", e);
        }
    }

    /**
     * The report's failures. Non-strict cycles (events that must be simultaneous) and successful merges
     * are fine; per-bundle reports cannot occur, as the mapping makes no bundles.
     */
    private static List<String> describe(ValidationReport report) {
        List<String> problems = new ArrayList<>();
        report.getCycle().forEach(cycle -> problems.add(
                "[validator] events ordered strictly before themselves: " + show(cycle.getStatement())));
        report.getFailedMerge().forEach(merge -> problems.add("[validator] conflicting statements about <"
                + merge.getKey() + ">: " + show(merge.getStatement())));
        report.getQualifiedNameMismatch().forEach(merge -> problems.add("[validator] qualified name mismatch for <"
                + merge.getKey() + ">: " + show(merge.getStatement())));
        for (TypeOverlap overlap : report.getTypeOverlap()) {
            problems.add("[validator] <" + overlap.getKey() + "> has disjoint types " + overlap.getType().stream()
                    .map(type -> type.substring(type.lastIndexOf('/') + 1)).toList());
        }
        if (report.getSpecializationReport() != null) {
            problems.add("[validator] reflexive specialization: "
                    + show(report.getSpecializationReport().getSpecializationOf()));
        }
        if (report.getMalformedStatements() != null) {
            problems.add("[validator] malformed statements: " + show(report.getMalformedStatements().getStatement()));
        }
        return problems;
    }

    /** PROV-N-like, short: the model's own toString is a page of bean dump. */
    private static String show(List<? extends org.openprovenance.prov.model.Statement> statements) {
        ProvUtilities u = new ProvUtilities();
        return statements.stream().map(s -> {
            String kind = Character.toLowerCase(s.getClass().getSimpleName().charAt(0))
                    + s.getClass().getSimpleName().substring(1);
            if (s instanceof Activity a) {
                return kind + "(" + show(a.getId()) + ", " + show(a.getStartTime()) + ", " + show(a.getEndTime()) + ")";
            }
            if (s instanceof Relation r) {
                return kind + "(" + show(u.getEffect(r)) + ", " + show(u.getCause(r)) + ")";
            }
            return s instanceof Identifiable i ? kind + "(" + show(i.getId()) + ")" : kind;
        }).collect(Collectors.joining(", "));
    }

    /** The validator's placeholders (existential variables, unknowns) print as "-". */
    private static String show(Object term) {
        if (term == null || term instanceof VarQName || term instanceof Unknown || term instanceof VarTime) {
            return "-";
        }
        if (term instanceof QualifiedName name) {
            return name.getNamespaceURI().equals(BNODE_NS) ? "_:" + name.getLocalPart() : "<" + name.getUri() + ">";
        }
        return term.toString();
    }

    /** The Jena graph as PROV-DM statements, plus what could not be mapped and the timestamp check. */
    private static final class Mapping {
        final ProvFactory factory = ProvFactory.getFactory();
        final List<String> problems = new ArrayList<>();
        final List<org.openprovenance.prov.model.Statement> statements = new ArrayList<>();
        private final Model model;
        private final Map<String, String> prefixes = new LinkedHashMap<>();
        private final Map<Resource, Integer> blankNodes = new HashMap<>();
        private final DatatypeFactory times;

        Mapping(Model model) {
            this.model = model;
            try {
                times = DatatypeFactory.newInstance();
            } catch (DatatypeConfigurationException e) {
                throw new IllegalStateException(e);
            }
            reportUnmapped();
            model.listResourcesWithProperty(RDF.type, model.createResource(PROV + "Entity"))
                    .forEach(e -> statements.add(factory.newEntity(name(e))));
            plans();
            agents();
            activities();
            relations();
            qualifiedAssociations();
            qualifiedUsages();
            qualifiedDelegations();
        }

        Document document() {
            Namespace namespace = new Namespace();
            namespace.addKnownNamespaces();
            prefixes.forEach((uri, prefix) -> namespace.register(prefix, uri));
            return factory.newDocument(namespace, statements, List.of());
        }

        private void reportUnmapped() {
            Map<String, Integer> unmapped = new TreeMap<>();
            model.listStatements().forEach(t -> {
                String predicate = provTerm(t.getPredicate());
                if (predicate != null && !RELATIONS.contains(predicate) && !IGNORED.contains(predicate)
                        && !QUALIFIED_ASSOCIATION.contains(predicate) && !QUALIFIED_USAGE.contains(predicate)
                        && !QUALIFIED_DELEGATION.contains(predicate)
                        && !predicate.equals("startedAtTime") && !predicate.equals("endedAtTime")) {
                    unmapped.merge("prov:" + predicate, 1, Integer::sum);
                }
                String type = t.getPredicate().equals(RDF.type) && t.getObject().isResource()
                        ? provTerm(t.getResource()) : null;
                if (type != null && !AGENT_CLASSES.contains(type) && !type.equals("Entity")
                        && !type.equals("Activity") && !type.equals("Plan") && !type.equals("Association")
                        && !type.equals("Usage") && !type.equals("Delegation")) {
                    unmapped.merge("prov:" + type, 1, Integer::sum);
                }
            });
            unmapped.forEach((term, count) -> problems.add(
                    "[mapping] " + term + " (" + count + " triples) is not mapped, so not checked"));
        }

        /** A plan is an entity of type prov:Plan. */
        private void plans() {
            model.listResourcesWithProperty(RDF.type, model.createResource(PROV + "Plan")).forEach(plan -> statements.add(
                    factory.newEntity(name(plan), List.of((Attribute) factory.newType(
                            factory.newQualifiedName(PROV, "Plan", "prov"), factory.getName().PROV_QUALIFIED_NAME)))));
        }

        /** {@code prov:qualifiedAssociation [prov:agent ag; prov:hadPlan p]}: wasAssociatedWith(activity, ag, p). */
        private void qualifiedAssociations() {
            model.listStatements(null, model.createProperty(PROV, "qualifiedAssociation"), (RDFNode) null).forEach(t -> {
                if (!t.getObject().isResource()) {
                    problems.add("[mapping] prov:qualifiedAssociation of " + label(t.getSubject()) + " is a literal");
                    return;
                }
                Resource association = t.getResource();
                Statement agent = association.getProperty(model.createProperty(PROV, "agent"));
                Statement plan = association.getProperty(model.createProperty(PROV, "hadPlan"));
                if (agent == null || !agent.getObject().isResource()) {
                    problems.add("[mapping] an association of " + label(t.getSubject()) + " names no agent");
                    return;
                }
                statements.add(factory.newWasAssociatedWith(association.isAnon() ? null : name(association),
                        name(t.getSubject()), name(agent.getResource()),
                        plan != null && plan.getObject().isResource() ? name(plan.getResource()) : null, List.of()));
            });
        }

        /** {@code delegate prov:qualifiedDelegation [prov:agent r; prov:hadActivity a]}: actedOnBehalfOf(delegate, r, a). */
        private void qualifiedDelegations() {
            model.listStatements(null, model.createProperty(PROV, "qualifiedDelegation"), (RDFNode) null).forEach(t -> {
                Resource delegation = t.getObject().isResource() ? t.getResource() : null;
                Statement responsible = delegation == null ? null : delegation.getProperty(model.createProperty(PROV, "agent"));
                Statement activity = delegation == null ? null : delegation.getProperty(model.createProperty(PROV, "hadActivity"));
                if (responsible == null || !responsible.getObject().isResource()) {
                    problems.add("[mapping] a delegation of " + label(t.getSubject()) + " names no agent");
                    return;
                }
                statements.add(factory.newActedOnBehalfOf(delegation.isAnon() ? null : name(delegation), name(t.getSubject()),
                        name(responsible.getResource()),
                        activity != null && activity.getObject().isResource() ? name(activity.getResource()) : null, List.of()));
            });
        }

        /** {@code prov:qualifiedUsage [prov:entity e]}: used(activity, e). */
        private void qualifiedUsages() {
            model.listStatements(null, model.createProperty(PROV, "qualifiedUsage"), (RDFNode) null).forEach(t -> {
                Statement entity = t.getObject().isResource()
                        ? t.getResource().getProperty(model.createProperty(PROV, "entity")) : null;
                if (entity == null || !entity.getObject().isResource()) {
                    problems.add("[mapping] a usage of " + label(t.getSubject()) + " names no entity");
                    return;
                }
                statements.add(factory.newUsed(t.getResource().isAnon() ? null : name(t.getResource()),
                        name(t.getSubject()), name(entity.getResource())));
            });
        }

        private void agents() {
            Map<Resource, Set<String>> agents = new LinkedHashMap<>();
            model.listStatements(null, RDF.type, (RDFNode) null).forEach(t -> {
                String type = t.getObject().isResource() ? provTerm(t.getResource()) : null;
                if (type != null && AGENT_CLASSES.contains(type)) {
                    agents.computeIfAbsent(t.getSubject(), a -> new LinkedHashSet<>()).add(type);
                }
            });
            agents.forEach((agent, types) -> {
                List<Attribute> attributes = types.stream().filter(type -> !type.equals("Agent"))
                        .map(type -> (Attribute) factory.newType(factory.newQualifiedName(PROV, type, "prov"),
                                factory.getName().PROV_QUALIFIED_NAME))
                        .toList();
                statements.add(factory.newAgent(name(agent), attributes));
            });
        }

        /** One activity statement per start or end time, so that conflicting times surface as failed merges. */
        private void activities() {
            Set<Resource> activities = new LinkedHashSet<>();
            activities.addAll(
                    model.listResourcesWithProperty(RDF.type, model.createResource(PROV + "Activity")).toList());
            activities.addAll(model.listResourcesWithProperty(model.createProperty(PROV, "startedAtTime")).toList());
            activities.addAll(model.listResourcesWithProperty(model.createProperty(PROV, "endedAtTime")).toList());
            for (Resource activity : activities) {
                List<XMLGregorianCalendar> starts = times(activity, "startedAtTime");
                List<XMLGregorianCalendar> ends = times(activity, "endedAtTime");
                QualifiedName id = name(activity);
                statements.add(factory.newActivity(id, starts.isEmpty() ? null : starts.get(0),
                        ends.isEmpty() ? null : ends.get(0), List.of()));
                starts.stream().skip(1).forEach(t -> statements.add(factory.newActivity(id, t, null, List.of())));
                ends.stream().skip(1).forEach(t -> statements.add(factory.newActivity(id, null, t, List.of())));
                for (XMLGregorianCalendar start : starts) {
                    for (XMLGregorianCalendar end : ends) {
                        if (end.compare(start) == DatatypeConstants.LESSER) {
                            problems.add("[time] " + label(activity) + " ends at " + end + ", before it starts at "
                                    + start);
                        }
                    }
                }
            }
        }

        private List<XMLGregorianCalendar> times(Resource activity, String property) {
            List<XMLGregorianCalendar> found = new ArrayList<>();
            activity.listProperties(model.createProperty(PROV, property)).forEach(t -> {
                RDFNode value = t.getObject();
                boolean dateTime = value.isLiteral() && (XSDDatatype.XSDdateTime.equals(value.asLiteral().getDatatype())
                        || XSDDatatype.XSDdateTimeStamp.equals(value.asLiteral().getDatatype()));
                try {
                    if (!dateTime) {
                        throw new IllegalArgumentException("not an xsd:dateTime");
                    }
                    found.add(times.newXMLGregorianCalendar(((Literal) value).getLexicalForm()));
                } catch (IllegalArgumentException e) {
                    problems.add("[mapping] prov:" + property + " of " + label(activity) + " is " + value + ": "
                            + e.getMessage());
                }
            });
            return found;
        }

        /** Influences with no identifier of their own (the unqualified PROV-O properties). */
        private void relations() {
            Set<String> seen = new LinkedHashSet<>();
            for (Statement t : model.listStatements().toList()) {
                String relation = provTerm(t.getPredicate());
                if (relation == null || !RELATIONS.contains(relation)) {
                    continue;
                }
                if (!t.getObject().isResource()) {
                    problems.add("[mapping] the object of prov:" + relation + " on " + label(t.getSubject())
                            + " is a literal: " + t.getObject());
                    continue;
                }
                QualifiedName s = name(t.getSubject());
                QualifiedName o = name(t.getResource());
                // prov:generated is the inverse of prov:wasGeneratedBy: the same generation, once.
                if (relation.equals("generated")) {
                    relation = "wasGeneratedBy";
                    QualifiedName activity = s;
                    s = o;
                    o = activity;
                }
                if (!seen.add(relation + " " + s.getUri() + " " + o.getUri())) {
                    continue;
                }
                statements.add(switch (relation) {
                    case "used" -> factory.newUsed(null, s, o);
                    case "wasGeneratedBy" -> factory.newWasGeneratedBy(null, s, o);
                    case "wasDerivedFrom" -> factory.newWasDerivedFrom(null, s, o);
                    case "wasAssociatedWith" -> factory.newWasAssociatedWith(null, s, o);
                    case "actedOnBehalfOf" -> factory.newActedOnBehalfOf(null, s, o);
                    case "wasAttributedTo" -> factory.newWasAttributedTo(null, s, o);
                    case "wasInformedBy" -> factory.newWasInformedBy(null, s, o);
                    case "wasInvalidatedBy" -> factory.newWasInvalidatedBy(null, s, o);
                    default -> throw new IllegalStateException(relation);
                });
            }
        }

        /** An IRI split after its last '#' or '/' (or ':'), one prefix per namespace. */
        private QualifiedName name(Resource node) {
            if (node.isAnon()) {
                int n = blankNodes.computeIfAbsent(node, b -> blankNodes.size());
                prefixes.putIfAbsent(BNODE_NS, "bnode");
                return factory.newQualifiedName(BNODE_NS, "b" + n, "bnode");
            }
            String iri = node.getURI();
            int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
            if (cut == 0) {
                cut = iri.lastIndexOf(':') + 1;
            }
            String namespace = iri.substring(0, cut);
            String prefix = prefixes.computeIfAbsent(namespace, ns -> "ns" + prefixes.size());
            return factory.newQualifiedName(namespace, iri.substring(cut), prefix);
        }

        private String label(Resource node) {
            return node.isAnon() ? "a blank node" : "<" + node.getURI() + ">";
        }

        private static String provTerm(Resource term) {
            return term.isURIResource() && term.getURI().startsWith(PROV) ? term.getURI().substring(PROV.length())
                    : null;
        }
    }

    /**
     * The validator's placeholders: existential variables (VarQName) and "-" (Unknown), told apart by
     * type. ProvToolbox ships this factory only in its Scala modules, so it is rebuilt on the plain model.
     */
    private static final class Placeholders implements ObjectMaker {
        @Override
        public VarQName makeVarQName(String namespace, String local, String prefix) {
            return new Var(namespace, local, prefix);
        }

        @Override
        public VarQName makeVarQName(QualifiedName name) {
            return new Var(name.getNamespaceURI(), name.getLocalPart(), name.getPrefix());
        }

        @Override
        public Unknown makeUnknown(String namespace, String prefix) {
            return new Dash(namespace, prefix);
        }

        private static final class Var extends org.openprovenance.prov.vanilla.QualifiedName implements VarQName {
            Var(String namespace, String local, String prefix) {
                super(namespace, local, prefix);
            }
        }

        private static final class Dash extends org.openprovenance.prov.vanilla.QualifiedName implements Unknown {
            Dash(String namespace, String prefix) {
                super(namespace, "unknown", prefix);
            }
        }
    }
}
