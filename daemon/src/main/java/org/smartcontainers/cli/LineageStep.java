package org.smartcontainers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smartcontainers.provenance.Vocab;

/**
 * One resource of a lineage as the store holds it: the activities that made it (with who, when, and how the
 * store knows: observed, claimed by a label, recovered at start-up, reconstructed), the images it derives
 * from, and the names it has now.
 */
record LineageStep(Set<String> activities, Set<String> parents, Set<String> names) {
    /** {@code what} is "image" or "container": whose label a claim is. */
    static LineageStep of(ApiClient client, String iri, String what) {
        String resource = "<" + iri + ">";
        String query = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> PREFIX sc: <" + Vocab.SC_NS
                + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?activity ?type ?started ?ended ?reconstructed ?observed ?recovered ?agent ?name ?version ?parent ?current WHERE {\n"
                + " { " + resource + " prov:wasGeneratedBy ?activity .\n"
                // Observed by the proxy, or only claimed by a label (recovered at start-up, or read from a used image)?
                + "   BIND(EXISTS { GRAPH ?seen { " + resource + " prov:wasGeneratedBy ?activity }\n"
                + "     FILTER NOT EXISTS { GRAPH ?seen { ?seen a sc:LabelClaims } } } AS ?observed)\n"
                + "   BIND(EXISTS { GRAPH ?back { " + resource + " prov:wasGeneratedBy ?activity . ?back a sc:Recovered } } AS ?recovered)\n"
                + "   OPTIONAL { ?activity a ?type FILTER(?type != prov:Activity) }\n"
                + "   OPTIONAL { ?activity prov:startedAtTime ?started }\n"
                + "   OPTIONAL { ?activity prov:endedAtTime ?ended }\n"
                + "   OPTIONAL { ?activity sc:reconstructed ?reconstructed }\n"
                + "   OPTIONAL { ?activity prov:wasAssociatedWith ?agent\n"
                + "     OPTIONAL { ?agent foaf:name|rdfs:label ?name } OPTIONAL { ?agent sc:version|docker:version ?version } } }\n"
                + " UNION { " + resource + " prov:wasDerivedFrom ?parent FILTER(STRSTARTS(STR(?parent), \""
                + Vocab.imageIri("") + "\")) }\n"
                // The names it has now: given, and not taken away since.
                + " UNION { " + resource + " docker:hadName ?named . ?named docker:name ?current"
                + " FILTER NOT EXISTS { ?named docker:namedUntil ?until } }\n"
                + "} ORDER BY ?started ?activity ?agent ?current";
        ObjectNode body = ApiClient.JSON.createObjectNode().put("query", query);
        JsonNode rows = client.json("POST", "/sc/v1/sparql", body).path("results").path("bindings");
        Map<String, Activity> activities = new LinkedHashMap<>();
        Set<String> parents = new LinkedHashSet<>();
        Set<String> names = new TreeSet<>();
        for (JsonNode row : rows) {
            if (row.has("current")) {
                names.add(row.path("current").path("value").asText());
            } else if (row.has("parent")) {
                parents.add(row.path("parent").path("value").asText().substring(Vocab.imageIri("").length()));
            } else {
                activities.computeIfAbsent(row.path("activity").path("value").asText(), a -> new Activity()).add(row);
            }
        }
        Set<String> lines = new LinkedHashSet<>();
        activities.values().forEach(a -> lines.add(a.describe(what)));
        return new LineageStep(lines, parents, names);
    }

    private static final class Activity {
        String type = "an activity";
        String started;
        /** Shown when the start is not known (a label's plan: its image was made then). */
        String ended;
        boolean reconstructed;
        boolean claimed;
        boolean recovered;
        final Set<String> agents = new LinkedHashSet<>();

        void add(JsonNode row) {
            if (row.has("type")) {
                type = shortName(row.path("type").path("value").asText());
            }
            started = row.path("started").path("value").asText(started);
            ended = row.path("ended").path("value").asText(ended);
            reconstructed |= row.path("reconstructed").path("value").asText().equals("true");
            claimed |= row.path("observed").path("value").asText().equals("false");
            recovered |= row.path("recovered").path("value").asText().equals("true");
            if (row.has("agent")) {
                String agent = row.path("agent").path("value").asText();
                String name = row.path("name").path("value").asText(shortName(agent));
                String version = row.path("version").path("value").asText("");
                agents.add(name + (version.isEmpty() ? "" : " " + version)
                        + (agent.startsWith("https://orcid.org/") ? " <" + agent + ">" : ""));
            }
        }

        /** The line after "made by": type, when, who, and how the store knows. */
        String describe(String what) {
            return type + (started != null ? " at " + started : ended != null ? " ending " + ended : "")
                    + (agents.isEmpty() ? "" : ", by " + String.join(", ", agents))
                    + (reconstructed ? " (reconstructed after the fact)" : "")
                    + (claimed ? " (claimed by the " + what + "'s label" + (recovered ? ", recovered at start-up" : "")
                            + "; not observed)" : "")
                    + (reconstructed || claimed ? "" : " (observed)");
        }
    }

    private static String shortName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return cut < 0 ? iri : iri.substring(cut + 1);
    }
}
