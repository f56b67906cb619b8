package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smartcontainers.provenance.Vocab;

@Parameters(commandDescription = "Print an image's derivation chain as a tree: each image, what made it, when and"
        + " who (person and software)")
final class LineageCommand extends ClientCommand {
    private static final int MAX_DEPTH = 100;

    @Parameter(description = "IMAGE", required = true, arity = 1)
    List<String> image;

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        JsonNode inspect = client.json("GET", "/images/" + ApiClient.reference(image.get(0)) + "/json", null);
        String id = Vocab.bareId(inspect.path("Id").asText());
        StringBuilder tags = new StringBuilder();
        inspect.path("RepoTags").forEach(tag -> tags.append(tags.length() == 0 ? " (" : ", ").append(tag.asText()));
        print(client, out, id, tags.length() == 0 ? "" : tags + ")", "", new HashSet<>(), 0);
    }

    /** One image and, below it, what it derives from. */
    private void print(ApiClient client, PrintStream out, String id, String tags, String indent, Set<String> seen, int depth) {
        Step step = step(client, id);
        // Docker's own names for the image asked about; the store's names it has now for those it derives from.
        String names = !tags.isEmpty() || step.names.isEmpty() ? tags : " (" + String.join(", ", step.names) + ")";
        out.println("image sha256:" + id.substring(0, Math.min(12, id.length())) + names);
        if (step.activities.isEmpty()) {
            out.println(indent + "  (no record: not made through SmartContainers; sc infect records an image after the fact)");
        }
        step.activities.forEach(line -> out.println(indent + "  made by " + line));
        if (!seen.add(id) || depth >= MAX_DEPTH) {
            return;
        }
        List<String> parents = List.copyOf(step.parents);
        for (int i = 0; i < parents.size(); i++) {
            boolean last = i == parents.size() - 1;
            out.print(indent + (last ? "└─ derived from " : "├─ derived from "));
            print(client, out, parents.get(i), "", indent + (last ? "   " : "│  "), seen, depth + 1);
        }
    }

    private record Step(Set<String> activities, Set<String> parents, Set<String> names) {
    }

    private static Step step(ApiClient client, String id) {
        String image = "<" + Vocab.imageIri(id) + ">";
        String query = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> PREFIX sc: <" + Vocab.SC_NS
                + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?activity ?type ?started ?ended ?reconstructed ?observed ?recovered ?agent ?name ?version ?parent ?current WHERE {\n"
                + " { " + image + " prov:wasGeneratedBy ?activity .\n"
                // Observed by the proxy, or only claimed by a label (recovered at start-up, or read from a used image)?
                + "   BIND(EXISTS { GRAPH ?seen { " + image + " prov:wasGeneratedBy ?activity }\n"
                + "     FILTER NOT EXISTS { GRAPH ?seen { ?seen a sc:LabelClaims } } } AS ?observed)\n"
                + "   BIND(EXISTS { GRAPH ?back { " + image + " prov:wasGeneratedBy ?activity . ?back a sc:Recovered } } AS ?recovered)\n"
                + "   OPTIONAL { ?activity a ?type FILTER(?type != prov:Activity) }\n"
                + "   OPTIONAL { ?activity prov:startedAtTime ?started }\n"
                + "   OPTIONAL { ?activity prov:endedAtTime ?ended }\n"
                + "   OPTIONAL { ?activity sc:reconstructed ?reconstructed }\n"
                + "   OPTIONAL { ?activity prov:wasAssociatedWith ?agent\n"
                + "     OPTIONAL { ?agent foaf:name|rdfs:label ?name } OPTIONAL { ?agent sc:version|docker:version ?version } } }\n"
                + " UNION { " + image + " prov:wasDerivedFrom ?parent FILTER(STRSTARTS(STR(?parent), \""
                + Vocab.imageIri("") + "\")) }\n"
                // The names it has now: given, and not taken away since.
                + " UNION { " + image + " docker:hadName ?named . ?named docker:name ?current"
                + " FILTER NOT EXISTS { ?named docker:namedUntil ?until } }\n"
                + "} ORDER BY ?started ?activity ?agent ?current";
        ObjectNode body = ApiClient.JSON.createObjectNode().put("query", query);
        JsonNode rows = client.json("POST", "/sc/v1/sparql", body).path("results").path("bindings");
        Map<String, Activity> activities = new LinkedHashMap<>();
        Set<String> parents = new LinkedHashSet<>();
        Set<String> names = new java.util.TreeSet<>();
        for (JsonNode row : rows) {
            if (row.has("current")) {
                names.add(row.path("current").path("value").asText());
                continue;
            }
            if (row.has("parent")) {
                parents.add(row.path("parent").path("value").asText().substring(Vocab.imageIri("").length()));
                continue;
            }
            Activity activity = activities.computeIfAbsent(row.path("activity").path("value").asText(), iri -> new Activity());
            if (row.has("type")) {
                activity.type = shortName(row.path("type").path("value").asText());
            }
            activity.started = row.path("started").path("value").asText(activity.started);
            activity.ended = row.path("ended").path("value").asText(activity.ended);
            activity.reconstructed |= row.path("reconstructed").path("value").asText().equals("true");
            activity.claimed |= row.path("observed").path("value").asText().equals("false");
            activity.recovered |= row.path("recovered").path("value").asText().equals("true");
            if (row.has("agent")) {
                String agent = row.path("agent").path("value").asText();
                String name = row.path("name").path("value").asText(shortName(agent));
                String version = row.path("version").path("value").asText("");
                activity.agents.add(name + (version.isEmpty() ? "" : " " + version)
                        + (agent.startsWith("https://orcid.org/") ? " <" + agent + ">" : ""));
            }
        }
        Set<String> lines = new LinkedHashSet<>();
        activities.values().forEach(a -> lines.add(a.describe()));
        return new Step(lines, parents, names);
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

        String describe() {
            return type + (started != null ? " at " + started : ended != null ? " ending " + ended : "")
                    + (agents.isEmpty() ? "" : ", by " + String.join(", ", agents))
                    + (reconstructed ? " (reconstructed after the fact)" : "")
                    + (claimed ? " (claimed by the image's label" + (recovered ? ", recovered at start-up" : "")
                            + "; not observed)" : "");
        }
    }

    private static String shortName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return cut < 0 ? iri : iri.substring(cut + 1);
    }
}
