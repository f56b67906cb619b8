package org.smartcontainers.web.browse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.query.QuerySolution;
import org.smartcontainers.web.html.Pages;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.lineage.LineagePicture;

/**
 * The derivation chain of an image or container, nearest first, each step with the activity that made it
 * and, when only a label claims that, whose; and the lineage as a picture, for every image, container and
 * activity page.
 */
final class Lineage {
    private static final int MAX_STEPS = 100;

    private Lineage() {
    }

    /**
     * The derivation graph around the resource, drawn ({@code web.lineage}): an HTML figure holding an inline SVG
     * and its text alternative, self-contained (its own style), or "" when nothing was made from it or it from
     * anything. {@code iri} has been checked as safe in SPARQL text; {@code base} is the server's, for the links.
     */
    static String picture(ProvenanceStore store, String iri, String base) {
        return LineagePicture.of(store, iri, base);
    }

    static List<Pages.Step> of(ProvenanceStore store, String iri) {
        String prov = Vocab.PROV_NS;
        String generated = "?step <" + prov + "wasGeneratedBy> ?activity";
        var rows = store.select("SELECT ?step ?next ?activity ?type ?time ?outcome ?observed ?claimsOf ?recovered WHERE { <"
                + iri + "> <" + prov + "wasDerivedFrom>* ?step ."
                + " OPTIONAL { ?step <" + prov + "wasDerivedFrom> ?next . ?next a <" + Vocab.Docker.Image.getURI() + "> }"
                + " OPTIONAL { " + generated + " ."
                + "   OPTIONAL { ?activity a ?type FILTER(STRSTARTS(STR(?type), \"" + Vocab.DOCKER_NS + "\")) }"
                + "   OPTIONAL { ?activity <" + prov + "startedAtTime> ?time }"
                + "   OPTIONAL { ?activity <" + Vocab.Sc.outcome.getURI() + "> ?outcome }"
                // Only a label's claim, or observed too?
                + "   BIND(EXISTS { GRAPH ?seen { " + generated + " } FILTER NOT EXISTS { GRAPH ?seen { ?seen a <"
                + Vocab.Sc.LabelClaims.getURI() + "> } } } AS ?observed)"
                + "   OPTIONAL { GRAPH ?claims { " + generated + " . ?claims a <" + Vocab.Sc.LabelClaims.getURI() + ">; <"
                + Vocab.Sc.labelOf.getURI() + "> ?claimsOf }"
                + "     OPTIONAL { GRAPH ?claims { ?claims a <" + Vocab.Sc.Recovered.getURI() + "> } BIND(true AS ?recovered) } } } }");
        Map<String, Pages.Step> steps = new HashMap<>();
        Map<String, String> next = new HashMap<>();
        while (rows.hasNext()) {
            QuerySolution row = rows.next();
            String step = row.getResource("step").getURI();
            if (row.contains("next")) {
                next.putIfAbsent(step, row.getResource("next").getURI());
            }
            Pages.Step known = steps.get(step);
            Pages.Claim claim = !row.contains("observed") || row.getLiteral("observed").getBoolean() || !row.contains("claimsOf")
                    ? null : new Pages.Claim(row.getResource("claimsOf").getURI(), row.contains("recovered"));
            // What the proxy observed made it comes before what a label claims did
            if (known == null || known.activity() == null || (known.claim() != null && claim == null)) {
                steps.put(step, new Pages.Step(step, row.contains("activity") ? row.getResource("activity").getURI() : null,
                        row.contains("type") ? row.getResource("type").getURI() : null,
                        row.contains("time") ? row.getLiteral("time").getLexicalForm() : null,
                        row.contains("outcome") ? row.getLiteral("outcome").getString() : null, claim));
            }
        }
        List<Pages.Step> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String at = iri; at != null && seen.add(at) && chain.size() < MAX_STEPS; at = next.get(at)) {
            chain.add(steps.getOrDefault(at, new Pages.Step(at, null, null, null, null, null)));
        }
        return chain;
    }
}
