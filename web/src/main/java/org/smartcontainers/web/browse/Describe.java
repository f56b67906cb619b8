package org.smartcontainers.web.browse;

import org.smartcontainers.provenance.Vocab;

/** What a member's RDF Source holds: its own triples (with their blank nodes), what links to it, and its provenance. */
public final class Describe {
    private Describe() {
    }

    /**
     * For an entity or agent: its triples, what links to it, and the activity that generated it
     * (who made it, when, from what, following which plan). For an activity: its whole record, the named graph it was
     * recorded in, and what links to it.
     */
    public static String query(String iri, boolean activity) {
        String e = "<" + iri + ">";
        String prov = Vocab.PROV_NS;
        String provenance = activity
                ? "UNION { GRAPH " + e + " { ?x ?xp ?xo } }"
                // The activity that generated it, with its blank nodes (labels, mounts) and its agents.
                : "UNION { " + e + " <" + prov + "wasGeneratedBy> ?x . ?x ?xp ?xo"
                + "   OPTIONAL { FILTER(isBlank(?xo)) ?xo ?xbp ?xbo } }"
                // The plan that activity followed (a build's request: tags, labels), with its blank nodes.
                + " UNION { " + e + " <" + prov + "wasGeneratedBy> ?pa . ?pa <" + prov + "qualifiedAssociation>/<" + prov
                + "hadPlan> ?x . ?x ?xp ?xo OPTIONAL { FILTER(isBlank(?xo)) ?xo ?xbp ?xbo } }"
                // Agents from the activity's own record: every record repeats them, and the union would scan them all.
                + " UNION { " + e + " <" + prov + "wasGeneratedBy> ?ga . GRAPH ?ga { ?ga <" + prov + "wasAssociatedWith> ?ag ."
                + " ?ag ?agp ?ago } }";
        return "CONSTRUCT { " + e + " ?p ?o . ?o ?bp ?bo . ?s ?q " + e + " . ?x ?xp ?xo . ?xo ?xbp ?xbo . ?ag ?agp ?ago }"
                + " WHERE { { " + e + " ?p ?o OPTIONAL { FILTER(isBlank(?o)) ?o ?bp ?bo } }"
                + " UNION { ?s ?q " + e + " }"
                + " " + provenance + " }";
    }
}
