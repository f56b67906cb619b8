package org.smartcontainers.web.lineage;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.query.QuerySolution;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.lineage.LineageGraph.Node;
import org.smartcontainers.web.lineage.LineageGraph.Shape;

/**
 * What each node is called on the picture, read for all of them in one query: an image by a name it has now
 * (a {@code docker:hadName} not yet taken away), else by its short ID; a container by its short ID; an activity
 * by its kind and when it started.
 */
final class NodeNames {
    private static final Map<String, String> ACTIVITY_KINDS = Map.of(
            "ImageBuild", "build", "ContainerCommit", "commit", "ContainerCreate", "create", "ContainerRun", "run",
            "ImagePull", "pull", "ImageLoad", "load", "ImageImport", "import");

    private final ProvenanceStore store;

    NodeNames(ProvenanceStore store) {
        this.store = store;
    }

    /** The nodes in the order given (the focus first, then nearest first). */
    Map<String, Node> of(Collection<String> iris) {
        Map<String, Set<String>> types = new HashMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        Map<String, String> started = new HashMap<>();
        String docker = Vocab.DOCKER_NS;
        store.select("SELECT ?n ?type ?time ?name WHERE { VALUES ?n { " + LineageReader.values(iris) + " }"
                + " OPTIONAL { ?n a ?type FILTER(STRSTARTS(STR(?type), \"" + docker + "\") || ?type = <"
                + Vocab.Prov.Activity.getURI() + ">) }"
                + " OPTIONAL { ?n <" + Vocab.Prov.startedAtTime.getURI() + "> ?time }"
                + " OPTIONAL { ?n <" + Vocab.Docker.hadName.getURI() + "> ?named . ?named <" + Vocab.Docker.name.getURI()
                + "> ?name FILTER NOT EXISTS { ?named <" + Vocab.Docker.namedUntil.getURI() + "> ?until } } }")
                .forEachRemaining(row -> {
                    String iri = row.getResource("n").getURI();
                    add(types, iri, row, "type");
                    add(names, iri, row, "name");
                    if (row.contains("time")) {
                        started.merge(iri, row.getLiteral("time").getLexicalForm(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    }
                });
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (String iri : iris) {
            Set<String> typed = types.getOrDefault(iri, Set.of());
            Shape shape = typed.contains(Vocab.Docker.Image.getURI()) ? Shape.IMAGE
                    : typed.contains(Vocab.Docker.Container.getURI()) ? Shape.CONTAINER : Shape.ACTIVITY;
            Set<String> named = names.getOrDefault(iri, Set.of());
            nodes.put(iri, switch (shape) {
                case IMAGE -> new Node(iri, shape, named.isEmpty() ? shortId(iri) : named.iterator().next(), // the first in order
                        named.isEmpty() ? null : shortId(iri));
                case CONTAINER -> new Node(iri, shape, shortId(iri), null);
                case ACTIVITY -> new Node(iri, shape, activityKind(typed), readableTime(started.get(iri)));
            });
        }
        return nodes;
    }

    private static void add(Map<String, Set<String>> into, String iri, QuerySolution row, String variable) {
        if (row.contains(variable)) {
            into.computeIfAbsent(iri, k -> new TreeSet<>()).add(row.get(variable).isLiteral()
                    ? row.getLiteral(variable).getLexicalForm() : row.getResource(variable).getURI());
        }
    }

    private static String activityKind(Set<String> types) {
        return types.stream().filter(t -> t.startsWith(Vocab.DOCKER_NS))
                .map(t -> t.substring(Vocab.DOCKER_NS.length()))
                .map(local -> ACTIVITY_KINDS.getOrDefault(local, local))
                .sorted().findFirst().orElse("activity");
    }

    /** 2026-11-27T23:31:39.123Z as 2026-11-27 23:31:39Z: seconds are enough to tell runs apart on a picture. */
    static String readableTime(String xsdDateTime) {
        if (xsdDateTime == null || xsdDateTime.length() < 19) {
            return xsdDateTime;
        }
        String zone = xsdDateTime.endsWith("Z") ? "Z" : "";
        return xsdDateTime.substring(0, 10) + " " + xsdDateTime.substring(11, 19) + zone;
    }

    /** A 64-hex ID as Docker shows it (12 characters); other IRIs by their last segment. */
    static String shortId(String iri) {
        String last = iri.substring(iri.lastIndexOf('/') + 1);
        return last.matches("[0-9a-f]{64}") ? last.substring(0, 12) : last.isEmpty() ? iri : last;
    }
}
