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

/** The derivation chain of an image or container, nearest first, each step with the activity that made it. */
final class Lineage {
    private static final int MAX_STEPS = 100;

    private Lineage() {
    }

    static List<Pages.Step> of(ProvenanceStore store, String iri) {
        String prov = Vocab.PROV_NS;
        var rows = store.select("SELECT ?step ?next ?activity ?type ?time ?outcome WHERE { <" + iri + "> <" + prov
                + "wasDerivedFrom>* ?step ."
                + " OPTIONAL { ?step <" + prov + "wasDerivedFrom> ?next . ?next a <" + Vocab.Docker.Image.getURI() + "> }"
                + " OPTIONAL { ?step <" + prov + "wasGeneratedBy> ?activity ."
                + "   OPTIONAL { ?activity a ?type FILTER(STRSTARTS(STR(?type), \"" + Vocab.DOCKER_NS + "\")) }"
                + "   OPTIONAL { ?activity <" + prov + "startedAtTime> ?time }"
                + "   OPTIONAL { ?activity <" + Vocab.Sc.outcome.getURI() + "> ?outcome } } }");
        Map<String, Pages.Step> steps = new HashMap<>();
        Map<String, String> next = new HashMap<>();
        while (rows.hasNext()) {
            QuerySolution row = rows.next();
            String step = row.getResource("step").getURI();
            if (row.contains("next")) {
                next.putIfAbsent(step, row.getResource("next").getURI());
            }
            Pages.Step known = steps.get(step);
            if (known == null || known.activity() == null) {
                steps.put(step, new Pages.Step(step, row.contains("activity") ? row.getResource("activity").getURI() : null,
                        row.contains("type") ? row.getResource("type").getURI() : null,
                        row.contains("time") ? row.getLiteral("time").getLexicalForm() : null,
                        row.contains("outcome") ? row.getLiteral("outcome").getString() : null));
            }
        }
        List<Pages.Step> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String at = iri; at != null && seen.add(at) && chain.size() < MAX_STEPS; at = next.get(at)) {
            chain.add(steps.getOrDefault(at, new Pages.Step(at, null, null, null, null)));
        }
        return chain;
    }
}
