package org.smartcontainers.web.browse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.html.Pages;

/**
 * What a member's RDF Source holds: its own triples (with their blank nodes), what links to it, and its
 * provenance; and which of them only a label claims (they come only from {@code sc:LabelClaims} graphs).
 */
public final class Describe {
    private Describe() {
    }

    /** The triples, and those of them found only in graphs read from labels, with whose label. */
    public record Described(Model model, Map<Triple, Pages.Claim> claimed) {
    }

    /**
     * For an entity or agent: its triples, what links to it, an image's names, and the activity that generated it
     * (who made it, when, from what, following which plan). For an activity: its whole record, the named
     * graph it was recorded in, and what links to it. Each triple with the graph it was found in
     * ({@code ?g ?s ?p ?o}), and, for a graph read from a label, whose label and whether recovered.
     */
    public static String query(String iri, boolean activity) {
        String e = "<" + iri + ">";
        String prov = Vocab.PROV_NS;
        String generated = e + " <" + prov + "wasGeneratedBy> ";
        String provenance = activity
                ? " UNION { GRAPH " + e + " { ?s ?p ?o } BIND(" + e + " AS ?g) }"
                // The activity that generated it, with its blank nodes (labels, mounts).
                : " UNION { " + generated + "?s . GRAPH ?g { ?s ?p ?o } }"
                + " UNION { " + generated + "?x . GRAPH ?g { ?x ?xp ?s . ?s ?p ?o FILTER(isBlank(?s)) } }"
                // The plan that activity followed (a build's request: tags, labels), with its blank nodes.
                + " UNION { " + generated + "?pa . ?pa <" + prov + "qualifiedAssociation>/<" + prov + "hadPlan> ?s ."
                + " GRAPH ?g { ?s ?p ?o } }"
                + " UNION { " + generated + "?pa . ?pa <" + prov + "qualifiedAssociation>/<" + prov + "hadPlan> ?x ."
                + " GRAPH ?g { ?x ?xp ?s . ?s ?p ?o FILTER(isBlank(?s)) } }"
                // Agents from the graph that associates them: every record repeats them, and the union would scan them all.
                + " UNION { " + generated + "?ga . GRAPH ?g { ?ga <" + prov + "wasAssociatedWith> ?s . ?s ?p ?o } }"
                // A container's renames: the name it has now.
                + " UNION { GRAPH ?g { ?s a <" + Vocab.Docker.ContainerRename.getURI() + "> ; <" + prov + "used> " + e + " . ?s ?p ?o } }";
        return "SELECT DISTINCT ?g ?s ?p ?o ?claimsOf ?recovered WHERE {"
                + " { { GRAPH ?g { " + e + " ?p ?o } BIND(" + e + " AS ?s) }"
                + " UNION { GRAPH ?g { " + e + " ?p0 ?s . ?s ?p ?o FILTER(isBlank(?s)) } }"
                + " UNION { GRAPH ?g { ?s ?p " + e + " } BIND(" + e + " AS ?o) }"
                // An image's names (each with its span, given in one record and maybe taken away in another).
                + " UNION { GRAPH ?n { " + e + " <" + Vocab.Docker.hadName.getURI() + "> ?s } GRAPH ?g { ?s ?p ?o } }"
                + provenance + " }"
                + " OPTIONAL { GRAPH ?g { ?g a <" + Vocab.Sc.LabelClaims.getURI() + ">; <" + Vocab.Sc.labelOf.getURI() + "> ?claimsOf } }"
                + " OPTIONAL { GRAPH ?g { ?g a <" + Vocab.Sc.Recovered.getURI() + "> } BIND(true AS ?recovered) } }";
    }

    /** Runs {@link #query} and gathers its rows: a triple is claimed when every graph it was found in holds a label's claims. */
    public static Described of(ProvenanceStore store, String iri, boolean activity) {
        Model model = ModelFactory.createDefaultModel();
        Map<Triple, Pages.Claim> claims = new HashMap<>();
        Set<Triple> observed = new HashSet<>();
        store.select(query(iri, activity)).forEachRemaining(row -> {
            Triple triple = Triple.create(node(row, "s"), node(row, "p"), node(row, "o"));
            model.getGraph().add(triple);
            if (!row.contains("claimsOf")) {
                observed.add(triple);
            } else {
                Pages.Claim claim = new Pages.Claim(row.getResource("claimsOf").getURI(), row.contains("recovered"));
                // The focus's own label first, when several labels claim the same
                claims.merge(triple, claim, (had, other) -> other.labelOf().equals(iri) ? other : had);
            }
        });
        claims.keySet().removeAll(observed);
        return new Described(model, claims);
    }

    private static Node node(QuerySolution row, String name) {
        return row.get(name).asNode();
    }
}
