package org.smartcontainers.provenance.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;

/**
 * What a {@code smartcontainer} label may put in the store: claims about the history of the image
 * (or container) it is on, never facts about other resources. Anyone can write a label (import with
 * {@code --change}, {@code docker load}, a build made elsewhere), so it is read as what that label
 * says, not as what the proxy saw. The rule (docs/design.md, "Labels are claims"):
 *
 * <ul>
 *   <li>The history of the labelled resource R is R; the activities the label says generated it
 *       ({@code R prov:wasGeneratedBy A}, {@code A prov:generated R}), or, when it names none, its
 *       activities that no other activity in it refers to (how our create and commit labels and the
 *       original SmartContainers' labels say it), or, when it has no activity but a plan (our build
 *       labels), an activity made for R here that followed the plan (an activity the label says made
 *       another held resource is not taken); the agents it describes, when it is a plan's or links no
 *       agent to anything (the original's labels); and what those reach through blank nodes and the links of an activity's plan, associations,
 *       agents and steps ({@link #HISTORY_LINKS}), and the entities the activities generated.</li>
 *   <li>Held resources are never part of it: any other image or container (our IRIs, or typed so in
 *       the label), anything under R's IRI, and any IRI the store already has as the subject of a
 *       statement in a graph other than one read from this identical label (observed by the proxy,
 *       attached by a user, or claimed by a different label).</li>
 *   <li>A statement is kept when its subject is in R's history, its IRIs can be written safely, and it
 *       does not tie a generation to a held resource; other resources may be its object
 *       ({@code prov:used} a base image). {@code R prov:wasGeneratedBy A} is stated for each generating
 *       activity, both ways, as the label's claim.</li>
 * </ul>
 */
public final class LabelClaims {
    /** Past this many IRIs a label is refused whole: the store is asked about each. */
    public static final int MAX_IRIS = 1000;

    /** The links along which an activity's history reaches further resources (blank nodes are always followed). */
    private static final Set<Property> HISTORY_LINKS = Set.of(Vocab.Prov.qualifiedAssociation,
            Vocab.Prov.wasAssociatedWith, Vocab.Prov.agent, Vocab.Prov.hadPlan, Vocab.Prov.actedOnBehalfOf,
            Vocab.Prov.qualifiedDelegation, Vocab.Schema.affiliation,
            Vocab.Prov.wasAttributedTo, Vocab.Docker.step, Vocab.Prov.generated);
    private static final Set<Resource> AGENT_TYPES = Set.of(Vocab.Prov.SoftwareAgent, Vocab.Prov.Person,
            resource(Vocab.PROV_NS + "Agent"), resource(Vocab.PROV_NS + "Organization"), Vocab.Foaf.Person,
            Vocab.Foaf.Organization, resource(Vocab.FOAF_NS + "Agent"));
    /** Links between an activity and what it made, either way. */
    private static final Set<Property> GENERATION = Set.of(Vocab.Prov.wasGeneratedBy, Vocab.Prov.generated,
            Vocab.Docker.reusedImage);
    /** What the store says about where a graph came from: a label cannot say it. */
    private static final Set<Property> BOOKKEEPING = Set.of(Vocab.Prov.has_provenance, Vocab.Sc.labelOf,
            Vocab.Sc.labelDigest, Vocab.Sc.labelFormat, Vocab.Sc.recoveredAt, Vocab.Sc.carriedBy, Vocab.Sc.labelledWith);
    private static final String IMAGES = Vocab.imageIri("");
    private static final Pattern OUR_IMAGE = Pattern.compile(Pattern.quote(IMAGES) + "[0-9a-f]{64}");
    private static final String CONTAINERS = Vocab.containerIri("");

    /** A statement of the label that was not kept, and why (its subject and property only: values may be secret). */
    public record Dropped(String subject, String property, String reason) {
    }

    private final Model kept;
    private final List<Resource> generators;
    private final List<Dropped> dropped;

    private LabelClaims(Model kept, List<Resource> generators, List<Dropped> dropped) {
        this.kept = kept;
        this.generators = generators;
        this.dropped = dropped;
    }

    /** The statements kept, with R's generation by each of its {@link #generators()} stated both ways. */
    public Model model() {
        return kept;
    }

    /** The activities the label says (or is taken to say) generated R, as in {@link #model()}. */
    public List<Resource> generators() {
        return generators;
    }

    public List<Dropped> dropped() {
        return dropped;
    }

    /** The dropped statements for a log line: by reason, how many, and the first few subjects. */
    public String droppedSummary() {
        Map<String, Set<String>> subjects = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Dropped d : dropped) {
            counts.merge(d.reason(), 1, Integer::sum);
            subjects.computeIfAbsent(d.reason(), r -> new TreeSet<>()).add(d.subject());
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((reason, count) -> {
            List<String> some = subjects.get(reason).stream().limit(3).toList();
            text.append(text.length() == 0 ? "" : "; ").append(count).append(" (").append(reason).append(": ")
                    .append(String.join(", ", some)).append(subjects.get(reason).size() > some.size() ? ", …" : "")
                    .append(")");
        });
        return text.toString();
    }

    /** An IRI that can go into SPARQL text between {@code <} and {@code >} as it is, and is absolute. */
    public static boolean safeIri(String iri) {
        return iri != null && iri.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")
                && iri.chars().noneMatch(c -> c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0);
    }

    /**
     * The IRIs to ask the store about (is it held elsewhere?): every safe IRI that is a subject in the
     * label or on either side of a generation.
     *
     * @throws IllegalArgumentException past {@link #MAX_IRIS}
     */
    public static Set<String> irisToCheck(Model label) {
        Set<String> iris = new TreeSet<>();
        label.listStatements().forEachRemaining(s -> {
            if (s.getSubject().isURIResource() && safeIri(s.getSubject().getURI())) {
                iris.add(s.getSubject().getURI());
            }
            if (GENERATION.contains(s.getPredicate()) && s.getObject().isURIResource()
                    && safeIri(s.getObject().asResource().getURI())) {
                iris.add(s.getObject().asResource().getURI());
            }
        });
        if (iris.size() > MAX_IRIS) {
            throw new IllegalArgumentException("it names " + iris.size() + " resources (at most " + MAX_IRIS + " are read)");
        }
        return iris;
    }

    /**
     * The label's statements about {@code resourceIri}'s own history.
     *
     * @param heldElsewhere whether the store holds an IRI in a graph not read from this identical label
     */
    public static LabelClaims of(Model label, String resourceIri, Predicate<String> heldElsewhere) {
        return new Reading(label, resourceIri, heldElsewhere).read();
    }

    /** An activity made here for a label that names only a plan: one IRI per labelled resource. */
    public static String plannedActivityIri(String resourceIri) {
        return Vocab.activityIri(UUID.nameUUIDFromBytes(("followed the plan in the label of " + resourceIri)
                .getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** One label being read. */
    private static final class Reading {
        private final Model label;
        private final Resource subject;
        private final String resourceIri;
        private final Predicate<String> heldElsewhere;
        private final Map<String, String> heldReasons = new LinkedHashMap<>();
        private final List<Dropped> dropped = new ArrayList<>();

        Reading(Model label, String resourceIri, Predicate<String> heldElsewhere) {
            this.label = label;
            this.resourceIri = resourceIri;
            this.subject = label.createResource(resourceIri);
            this.heldElsewhere = heldElsewhere;
        }

        LabelClaims read() {
            Model kept = ModelFactory.createDefaultModel();
            List<Resource> generators = new ArrayList<>(generatorsNamed());
            List<Resource> plans = List.of();
            if (generators.isEmpty() && !namesGenerators()) {
                generators.addAll(rootActivities());
                if (generators.isEmpty()) {
                    plans = label.listSubjectsWithProperty(RDF.type, Vocab.Prov.Plan).toList().stream()
                            .filter(plan -> plan.isAnon() || safeIri(plan.getURI())).toList();
                }
            }
            Set<RDFNode> scope = scope(generators, open(plans));
            label.listStatements().forEachRemaining(statement -> {
                String why = whyDropped(statement, scope, generators);
                if (why == null) {
                    kept.add(statement);
                } else {
                    dropped.add(new Dropped(name(statement.getSubject()), statement.getPredicate().getURI(), why));
                }
            });
            Resource r = kept.createResource(resourceIri);
            List<Resource> stated = new ArrayList<>();
            for (Resource generator : generators) {
                stated.add(generatedBy(kept, r, kept.getRDFNode(generator.asNode()).asResource()));
            }
            if (!plans.isEmpty()) {
                stated.add(generatedBy(kept, r, followed(kept, plans)));
            }
            for (Resource image : imagesUsed(kept, stated)) {
                r.addProperty(Vocab.Prov.wasDerivedFrom, image);
            }
            return new LabelClaims(kept, List.copyOf(stated), List.copyOf(dropped));
        }

        /**
         * The images R's making used, as kept: what its activities {@code prov:used}, and the base images of their
         * plans ({@code docker:baseImage}); images named by an IRI of ours only. R derives from them.
         */
        private List<Resource> imagesUsed(Model kept, List<Resource> activities) {
            Set<Resource> images = new LinkedHashSet<>();
            for (Resource activity : activities) {
                List<RDFNode> used = new ArrayList<>(kept.listObjectsOfProperty(activity, Vocab.Prov.used).toList());
                kept.listObjectsOfProperty(activity, Vocab.Prov.qualifiedAssociation).forEachRemaining(association -> {
                    if (association.isResource()) {
                        kept.listObjectsOfProperty(association.asResource(), Vocab.Prov.hadPlan).forEachRemaining(plan -> {
                            if (plan.isResource()) {
                                used.addAll(kept.listObjectsOfProperty(plan.asResource(), Vocab.Docker.baseImage).toList());
                            }
                        });
                    }
                });
                for (RDFNode image : used) {
                    if (image.isURIResource() && OUR_IMAGE.matcher(image.asResource().getURI()).matches()
                            && !image.asResource().getURI().equals(resourceIri)) {
                        images.add(image.asResource());
                    }
                }
            }
            return List.copyOf(images);
        }

        /** Does the label link R to any activity at all (held or not)? Then it chose, and nothing else is taken as R's making. */
        private boolean namesGenerators() {
            return label.contains(subject, Vocab.Prov.wasGeneratedBy) || label.contains(null, Vocab.Prov.generated, subject);
        }

        /** {@code R prov:wasGeneratedBy A} and {@code A prov:generated R}, less held activities. */
        private List<Resource> generatorsNamed() {
            Set<Resource> named = new LinkedHashSet<>();
            label.listObjectsOfProperty(subject, Vocab.Prov.wasGeneratedBy).forEachRemaining(o -> {
                if (o.isResource()) {
                    named.add(o.asResource());
                }
            });
            named.addAll(label.listSubjectsWithProperty(Vocab.Prov.generated, subject).toList());
            return open(named);
        }

        /**
         * The label's activities that no other activity in it refers to (a build's steps are referred to) and
         * that it does not say made a resource held elsewhere (what made another image did not make this one).
         */
        private List<Resource> rootActivities() {
            List<Resource> activities = label.listSubjectsWithProperty(RDF.type, Vocab.Prov.Activity).toList();
            List<Resource> roots = new ArrayList<>();
            for (Resource activity : activities) {
                boolean referred = label.listStatements(null, null, activity).toList().stream()
                        .anyMatch(s -> !s.getSubject().equals(activity) && activities.contains(s.getSubject()));
                if (!referred && !madeSomethingHeld(activity)) {
                    roots.add(activity);
                }
            }
            return open(roots);
        }

        private boolean madeSomethingHeld(Resource activity) {
            List<RDFNode> made = new ArrayList<>(label.listObjectsOfProperty(activity, Vocab.Prov.generated).toList());
            made.addAll(label.listObjectsOfProperty(activity, Vocab.Docker.reusedImage).toList());
            made.addAll(label.listSubjectsWithProperty(Vocab.Prov.wasGeneratedBy, activity).toList());
            return made.stream().anyMatch(m -> m.isURIResource() && heldReason(m.asResource()) != null);
        }

        /** Those that are not held (logged as dropped when their statements are). */
        private List<Resource> open(Collection<Resource> candidates) {
            return candidates.stream().filter(c -> heldReason(c) == null).toList();
        }

        private Set<RDFNode> scope(List<Resource> generators, List<Resource> plans) {
            Set<RDFNode> scope = new LinkedHashSet<>();
            Deque<Resource> next = new ArrayDeque<>();
            next.add(subject);
            next.addAll(generators);
            next.addAll(plans);
            if (!plans.isEmpty() || (!label.contains(null, Vocab.Prov.wasAssociatedWith)
                    && !label.contains(null, Vocab.Prov.qualifiedAssociation) && !label.contains(null, Vocab.Prov.wasAttributedTo))) {
                // A plan's label describes the chain of agents of the runs that follow it; the original SmartContainers'
                // labels describe their agents without linking them: either way, those are its agents.
                next.addAll(open(agents()));
            }
            while (!next.isEmpty()) {
                Resource at = next.poll();
                if (!scope.add(at)) {
                    continue;
                }
                at.listProperties().forEachRemaining(s -> {
                    RDFNode o = s.getObject();
                    if (o.isAnon() || (o.isURIResource() && HISTORY_LINKS.contains(s.getPredicate())
                            && heldReason(o.asResource()) == null)) {
                        next.add(o.asResource());
                    }
                });
                if (generators.contains(at)) {
                    // What the activity generated, said from the entity's side (the original's labels did).
                    label.listSubjectsWithProperty(Vocab.Prov.wasGeneratedBy, at).forEachRemaining(entity -> {
                        if (entity.isAnon() || heldReason(entity) == null) {
                            next.add(entity);
                        }
                    });
                }
            }
            return scope;
        }

        /** Null when the statement is kept. */
        private String whyDropped(Statement s, Set<RDFNode> scope, List<Resource> generators) {
            if (!scope.contains(s.getSubject())) {
                String held = heldReason(s.getSubject());
                return held != null ? held : "not part of the labelled resource's own history";
            }
            if (!safeIri(s.getPredicate().getURI()) || (s.getObject().isURIResource()
                    && !safeIri(s.getObject().asResource().getURI()))) {
                return "an IRI that cannot be stored as it is";
            }
            Property p = s.getPredicate();
            RDFNode o = s.getObject();
            boolean heldObject = o.isURIResource() && heldReason(o.asResource()) != null;
            if ((p.equals(Vocab.Prov.generated) || p.equals(Vocab.Docker.reusedImage)) && heldObject) {
                return "says another resource was generated";
            }
            if (p.equals(Vocab.Prov.wasGeneratedBy) && (heldObject
                    || (s.getSubject().equals(subject) && !generators.contains(o)))) {
                return "names a generation by a resource the store holds";
            }
            if (BOOKKEEPING.contains(p) || (p.equals(RDF.type) && (o.equals(Vocab.Sc.LabelClaims) || o.equals(Vocab.Sc.Recovered)))) {
                return "a term only the store's own bookkeeping uses";
            }
            return null;
        }

        /** Why a resource is not the label's to describe, or null when it may be. */
        private String heldReason(Resource resource) {
            if (!resource.isURIResource() || resource.getURI().equals(resourceIri)) {
                return null;
            }
            return heldReasons.computeIfAbsent(resource.getURI(), iri -> {
                if (!safeIri(iri)) {
                    return "an IRI that cannot be stored as it is";
                }
                if (iri.startsWith(IMAGES) || iri.startsWith(CONTAINERS) || iri.startsWith(resourceIri)
                        || resource.hasProperty(RDF.type, Vocab.Docker.Image)
                        || resource.hasProperty(RDF.type, Vocab.Docker.Container)) {
                    return "another image or container";
                }
                return heldElsewhere.test(iri) ? "held by the store: observed, or claimed by another label" : null;
            });
        }

        private List<Resource> agents() {
            Set<Resource> agents = new LinkedHashSet<>();
            AGENT_TYPES.forEach(type -> agents.addAll(label.listSubjectsWithProperty(RDF.type, type).toList()));
            return List.copyOf(agents);
        }

        private static Resource generatedBy(Model kept, Resource r, Resource activity) {
            r.addProperty(Vocab.Prov.wasGeneratedBy, activity);
            activity.addProperty(Vocab.Prov.generated, r);
            return activity;
        }

        /**
         * The activity a plan-only label implies: R was made following the plan, by whom the plan is attributed to,
         * with the agents the label describes (as a run of the plan is).
         */
        private Resource followed(Model kept, List<Resource> plans) {
            Resource activity = kept.createResource(plannedActivityIri(resourceIri))
                    .addProperty(RDF.type, Vocab.Prov.Activity);
            for (Resource plan : plans) {
                if (plan.hasProperty(RDF.type, Vocab.Docker.BuildPlan)) {
                    activity.addProperty(RDF.type, Vocab.Docker.Build);
                }
                Resource association = kept.createResource().addProperty(RDF.type, Vocab.Prov.Association)
                        .addProperty(Vocab.Prov.hadPlan, kept.getRDFNode(plan.asNode()));
                plan.listProperties(Vocab.Prov.wasAttributedTo).forEachRemaining(s -> {
                    if (s.getObject().isURIResource() && safeIri(s.getResource().getURI())) {
                        association.addProperty(Vocab.Prov.agent, s.getObject());
                    }
                });
                activity.addProperty(Vocab.Prov.qualifiedAssociation, association);
            }
            for (Resource agent : agents()) {
                if (agent.isURIResource() && safeIri(agent.getURI())) {
                    activity.addProperty(Vocab.Prov.wasAssociatedWith, kept.createResource(agent.getURI()));
                }
            }
            // A build's run ends as its image is made: when Docker says it was (a single, valid date-time).
            List<RDFNode> created = label.listObjectsOfProperty(subject, Vocab.Docker.created).toList();
            if (created.size() == 1 && created.get(0).isLiteral()
                    && XSDDatatype.XSDdateTime.getURI().equals(created.get(0).asLiteral().getDatatypeURI())
                    && XSDDatatype.XSDdateTime.isValid(created.get(0).asLiteral().getLexicalForm())) {
                activity.addLiteral(Vocab.Prov.endedAtTime, created.get(0).asLiteral());
            }
            return activity;
        }

        private static String name(Resource resource) {
            return resource.isAnon() ? "a blank node" : "<" + resource.getURI() + ">";
        }
    }

    private static Resource resource(String iri) {
        return ResourceFactory.createResource(iri);
    }
}
