package org.smartcontainers.web.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.SparqlText;

/**
 * One image's or container's history, out of the whole store (every graph, label claims included:
 * on a host that never saw an ancestor, its label is all there is): the activities that made it,
 * their agents, plans and steps, and the same again for every image or container those activities
 * used and the resource derives from. As the statements are, so any export form can be written from it.
 */
public final class Lineage {
    /** Enough for any real chain of images; a bound against a store that loops. */
    private static final int MAX_RESOURCES = 2_000;

    private final ProvenanceStore store;
    private final Model graph = ModelFactory.createDefaultModel();
    private final Set<String> described = new LinkedHashSet<>();
    private final List<String> activities = new ArrayList<>();

    private Lineage(ProvenanceStore store) {
        this.store = store;
        graph.setNsPrefixes(Vocab.PREFIXES);
    }

    /** The lineage's statements; {@link NotRecordedException} when nothing recorded made the subject. */
    public static Lineage of(ProvenanceStore store, ExportSubject subject) {
        Lineage lineage = new Lineage(store);
        lineage.walk(subject.iri());
        if (lineage.activities.isEmpty()) {
            throw new NotRecordedException("no record of " + subject.kind().word() + " " + subject.id()
                    + ": nothing recorded through SmartContainers made it (sc infect records an image after the fact)");
        }
        return lineage;
    }

    public Model graph() {
        return graph;
    }

    /** The activities found, nearest the subject first. */
    public List<String> activities() {
        return activities;
    }

    private void walk(String subjectIri) {
        Deque<String> entities = new ArrayDeque<>(List.of(subjectIri));
        Set<String> seen = new LinkedHashSet<>();
        while (!entities.isEmpty() && seen.size() < MAX_RESOURCES) {
            String entity = entities.poll();
            if (!fitsInQueryText(entity) || !seen.add(entity)) {
                continue;
            }
            describe(List.of(entity));
            List<String> made = makers(entity);
            made.stream().filter(a -> !activities.contains(a)).forEach(activities::add);
            made.forEach(activity -> entities.addAll(describeActivity(activity)));
            entities.addAll(iris(graph.createResource(entity), Vocab.Prov.wasDerivedFrom));
        }
    }

    /**
     * One activity alone, with what it made, its steps, plan and agents: what an SLSA statement of a
     * build needs, without the rest of the lineage.
     */
    static Model aroundActivity(ProvenanceStore store, String activityIri) {
        Lineage one = new Lineage(store);
        if (fitsInQueryText(activityIri)) {
            one.describeActivity(activityIri);
            one.store.select(SparqlText.PREFIXES + "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e prov:wasGeneratedBy <" + activityIri
                    + "> } FILTER(isIRI(?e)) }").forEachRemaining(row -> one.describe(List.of(row.getResource("e").getURI())));
        }
        return one.graph;
    }

    /** The activity, its steps, plan and agents (and theirs, to the end of the chain); gives what it used. */
    private List<String> describeActivity(String activity) {
        describe(List.of(activity));
        Resource a = graph.createResource(activity);
        List<String> parts = new ArrayList<>(iris(a, Vocab.Docker.step));
        for (Resource association : resources(a, Vocab.Prov.qualifiedAssociation)) {
            parts.addAll(iris(association, Vocab.Prov.hadPlan));
            parts.addAll(iris(association, Vocab.Prov.agent));
        }
        parts.addAll(iris(a, Vocab.Prov.wasAssociatedWith));
        describe(parts);
        describeDelegation(parts);
        describeDelegations(activity);
        List<String> organisations = new ArrayList<>();
        parts.forEach(agent -> organisations.addAll(iris(graph.createResource(agent), Vocab.Schema.affiliation)));
        describe(organisations);
        return iris(a, Vocab.Prov.used);
    }

    /** Who acted for whom in this activity: the delegations that name it (an agent's others are other activities'). */
    private void describeDelegations(String activity) {
        if (fitsInQueryText(activity)) {
            graph.add(store.construct(SparqlText.PREFIXES + "CONSTRUCT { ?agent prov:qualifiedDelegation ?d . ?d ?p ?o } WHERE { GRAPH ?g {"
                    + " ?agent prov:qualifiedDelegation ?d . ?d prov:hadActivity <" + activity + ">; ?p ?o } }"));
        }
    }

    /** The agents each agent acted on behalf of, to the end of the chain. */
    private void describeDelegation(List<String> agents) {
        Deque<String> todo = new ArrayDeque<>(agents);
        while (!todo.isEmpty()) {
            Resource agent = graph.createResource(todo.poll());
            for (String responsible : iris(agent, Vocab.Prov.actedOnBehalfOf)) {
                if (!described.contains(responsible)) {
                    describe(List.of(responsible));
                    todo.add(responsible);
                }
            }
        }
    }

    private List<String> makers(String entity) {
        String e = "<" + entity + ">";
        List<String> found = new ArrayList<>();
        store.select(SparqlText.PREFIXES + "SELECT DISTINCT ?a WHERE { GRAPH ?g { { ?a prov:generated|docker:reusedImage " + e
                + " } UNION { " + e + " prov:wasGeneratedBy ?a } } FILTER(isIRI(?a)) } ORDER BY ?a")
                .forEachRemaining(row -> found.add(row.getResource("a").getURI()));
        return found;
    }

    /**
     * Every statement about these IRIs, in any graph, with the blank nodes they lead to (one level:
     * labels, associations, usages), but delegations.
     */
    private void describe(Collection<String> iris) {
        List<String> fresh = iris.stream().filter(Lineage::fitsInQueryText).filter(described::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        String values = fresh.stream().map(iri -> "<" + iri + ">").collect(Collectors.joining(" "));
        // An agent's delegations are each for one activity: describeDelegations takes those of the lineage's.
        graph.add(store.construct(SparqlText.PREFIXES + "CONSTRUCT { ?s ?p ?o . ?o ?p2 ?o2 } WHERE { VALUES ?s { " + values + " }"
                + " GRAPH ?g { ?s ?p ?o } FILTER(?p != prov:qualifiedDelegation)"
                + " OPTIONAL { FILTER(isBlank(?o)) GRAPH ?g { ?o ?p2 ?o2 } } }"));
    }

    /** An IRI from the store goes into query text only if it cannot end its {@code <…>} early. */
    static boolean fitsInQueryText(String iri) {
        return iri.chars().noneMatch(c -> c <= ' ' || "<>\"{}|^`\\".indexOf(c) >= 0);
    }

    private static List<String> iris(Resource subject, Property property) {
        List<String> found = new ArrayList<>();
        subject.listProperties(property).forEach(s -> {
            RDFNode o = s.getObject();
            if (o.isURIResource()) {
                found.add(o.asResource().getURI());
            }
        });
        return found;
    }

    private static List<Resource> resources(Resource subject, Property property) {
        List<Resource> found = new ArrayList<>();
        subject.listProperties(property).forEach(s -> {
            if (s.getObject().isResource()) {
                found.add(s.getResource());
            }
        });
        return found;
    }
}
