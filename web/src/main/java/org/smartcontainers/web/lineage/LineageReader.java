package org.smartcontainers.web.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.query.QuerySolution;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.lineage.LineageGraph.Edge;
import org.smartcontainers.web.lineage.LineageGraph.Relation;

/**
 * Reads the derivation graph around a resource, breadth first: its ancestors (what it was made from, and how)
 * and its descendants (what was made from it), one query per step away from it for all the nodes at that
 * step, then one for what to call them. A base image that thousands of images were built from must not be
 * read whole: the nodes, the steps and the rows of each query are bounded, and the graph says when it was cut.
 */
public final class LineageReader {

    /** At most {@code nodes} nodes, {@code depth} steps up and down from the resource. */
    public record Bounds(int nodes, int depth) {
        public static final Bounds PAGE = new Bounds(60, 8);

        public Bounds {
            if (nodes < 1 || depth < 1) {
                throw new IllegalArgumentException("bounds must be at least 1, got " + nodes + " nodes, depth " + depth);
            }
        }
    }

    private static final String PROV = Vocab.PROV_NS;
    private static final String DOCKER = Vocab.DOCKER_NS;
    /** Activities that used an image or container to make something, or ran it. */
    private static final String MAKING = types("ImageBuild", "ContainerCommit", "ContainerCreate", "ContainerRun");
    /** Activities that brought an image here: PROV's {@code used}, since the image's ID is its content, made elsewhere. */
    private static final String BRINGING = types("ImagePull", "ImageLoad");
    private static final String ENTITIES = types("Image", "Container");

    private final ProvenanceStore store;
    private final Bounds bounds;

    public LineageReader(ProvenanceStore store, Bounds bounds) {
        this.store = store;
        this.bounds = bounds;
    }

    /** {@code focus} must be an IRI that is safe in SPARQL text (the page's own resource). */
    public LineageGraph read(String focus) {
        Set<String> kept = new LinkedHashSet<>(List.of(focus));
        Map<Edge, Boolean> edges = new LinkedHashMap<>(); // each edge: whether any graph holding it is no label's
        Set<String> up = Set.of(focus);
        Set<String> down = Set.of(focus);
        Set<String> goesOn = new LinkedHashSet<>();
        Set<String> cuts = new LinkedHashSet<>(); // why nodes were left out, in the order met
        for (int step = 1; step <= bounds.depth() + 1 && !(up.isEmpty() && down.isEmpty()); step++) {
            Set<String> nextUp = new LinkedHashSet<>();
            Set<String> nextDown = new LinkedHashSet<>();
            List<QuerySolution> rows = new ArrayList<>();
            store.select(stepQuery(up, down)).forEachRemaining(rows::add);
            if (rows.size() > rowLimit()) {
                cuts.add("more relations at one step than can be drawn");
            }
            for (QuerySolution row : rows.subList(0, Math.min(rows.size(), rowLimit()))) {
                String from = row.getResource("from").getURI();
                String to = row.getResource("to").getURI();
                boolean ancestor = row.getLiteral("side").getString().equals("up");
                String reached = ancestor ? from : to;
                if (!kept.contains(reached)) {
                    if (!safeInQueries(reached)) {
                        continue;
                    }
                    if (step > bounds.depth()) {
                        cuts.add("at most " + bounds.depth() + " steps from it are drawn");
                        goesOn.add(ancestor ? to : from);
                        continue;
                    }
                    if (kept.size() >= bounds.nodes()) {
                        cuts.add("at most " + bounds.nodes() + " nodes are drawn");
                        goesOn.add(ancestor ? to : from);
                        continue;
                    }
                    kept.add(reached);
                    (ancestor ? nextUp : nextDown).add(reached);
                }
                edges.merge(new Edge(from, to, Relation.valueOf(row.getLiteral("rel").getString()), false),
                        !row.contains("claims"), Boolean::logicalOr);
            }
            up = nextUp;
            down = nextDown;
        }
        List<Edge> drawn = edges.entrySet().stream()
                .map(e -> new Edge(e.getKey().from(), e.getKey().to(), e.getKey().relation(), !e.getValue())).toList();
        return new LineageGraph(focus, new NodeNames(store).of(kept), drawn, goesOn,
                cuts.isEmpty() ? null : String.join("; ", cuts));
    }

    /**
     * The rows one step may bring (a relation is a row for each graph that says it); the query asks for one more,
     * to know when there were more: a base image many images were built from is not read whole.
     */
    private int rowLimit() {
        return bounds.nodes() * 8;
    }

    /**
     * Every relation of the nodes {@code up} to what they came from, and of the nodes {@code down} to what came
     * from them, each with the graph that says it and whether that graph is a label's claims.
     */
    private String stepQuery(Collection<String> up, Collection<String> down) {
        String ups = values(up);
        String downs = values(down);
        List<String> branches = new ArrayList<>();
        // Types are tested with FILTER EXISTS: joined as patterns, Jena reads every image's type before the LIMIT (1.5 s
        // instead of 20 ms for a base image with 20,000 images built from it, in a store of 1.4 million triples).
        String fromEntity = " FILTER EXISTS { ?from a ?fromType VALUES ?fromType { " + ENTITIES + " } }";
        String toEntity = " FILTER EXISTS { ?to a ?toType VALUES ?toType { " + ENTITIES + " } }";
        relation(branches, ups, downs, "?to <" + PROV + "wasDerivedFrom> ?from", fromEntity + toEntity, Relation.DERIVED_FROM);
        relation(branches, ups, downs, "?to <" + PROV + "wasGeneratedBy> ?from", toEntity, Relation.GENERATED_BY);
        relation(branches, ups, downs, "?from <" + PROV + "generated> ?to", toEntity, Relation.GENERATED_BY);
        relation(branches, ups, downs, "?to <" + PROV + "used> ?from",
                " FILTER EXISTS { ?to a ?making VALUES ?making { " + MAKING + " } }" + fromEntity, Relation.USED_BY);
        // A pull or load is one record, its type beside its use: read together, an image that thousands of builds
        // used is not tested build by build for being a pull (20 ms instead of 190 ms in the store above).
        relation(branches, ups, downs, "?from <" + PROV + "used> ?to . ?from a ?bringing",
                " VALUES ?bringing { " + BRINGING + " }" + toEntity, Relation.BROUGHT_BY);
        return "SELECT DISTINCT ?from ?to ?rel ?side ?g ?claims WHERE { " + String.join(" UNION ", branches)
                + " FILTER(isIRI(?from) && isIRI(?to) && ?from != ?to)"
                + " OPTIONAL { GRAPH ?g { ?g a <" + Vocab.Sc.LabelClaims.getURI() + "> } BIND(true AS ?claims) } }"
                + " LIMIT " + (rowLimit() + 1);
    }

    /** The same relation twice: from the nodes going up (bound as {@code ?to}), and going down (as {@code ?from}). */
    private static void relation(List<String> branches, String ups, String downs, String triple, String also, Relation rel) {
        String binds = " BIND(\"" + rel.name() + "\" AS ?rel)";
        if (!ups.isEmpty()) {
            branches.add("{ VALUES ?to { " + ups + " } GRAPH ?g { " + triple + " }" + also + binds + " BIND(\"up\" AS ?side) }");
        }
        if (!downs.isEmpty()) {
            branches.add("{ VALUES ?from { " + downs + " } GRAPH ?g { " + triple + " }" + also + binds + " BIND(\"down\" AS ?side) }");
        }
    }

    /** A node is queried for in the next step: an IRI that could break out of {@code <...>} is left out. */
    private static boolean safeInQueries(String iri) {
        return iri.chars().noneMatch(c -> c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0);
    }

    static String values(Collection<String> iris) {
        return iris.stream().map(iri -> "<" + iri + ">").collect(Collectors.joining(" "));
    }

    private static String types(String... names) {
        return Arrays.stream(names).map(n -> "<" + DOCKER + n + ">").collect(Collectors.joining(" "));
    }
}
