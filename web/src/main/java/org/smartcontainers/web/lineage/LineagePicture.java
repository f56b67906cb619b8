package org.smartcontainers.web.lineage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.lineage.LineageReader.Bounds;

/** The lineage picture of an image, container or activity page: read from the store, laid out, written as SVG. */
public final class LineagePicture {
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private LineagePicture() {
    }

    /**
     * The figure's markup, or "" when the resource has no lineage to draw. {@code iri} must be safe in SPARQL
     * text (pages check that before anything else); {@code base} is the server's base URL, for the links.
     */
    public static String of(ProvenanceStore store, String iri, String base) {
        LineageGraph graph = new LineageReader(store, Bounds.PAGE).read(iri);
        return graph.edges().isEmpty() ? "" : LineageSvg.write(LineageLayout.of(graph), base);
    }

    /**
     * Lays out a two-node graph once, on a thread of its own, when the first page is asked for: ELK's first layout
     * in a JVM loads its classes and options for a second or more, which a picture would otherwise wait for. Not at
     * start: they take some 6 MiB of metaspace and compiled code that a daemon whose pages nobody opens never needs.
     */
    public static void warmUp() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread warming = new Thread(() -> {
            String image = "urn:x-smartcontainers:warm-up:image";
            String build = "urn:x-smartcontainers:warm-up:build";
            LineageLayout.of(new LineageGraph(image,
                    Map.of(image, new LineageGraph.Node(image, LineageGraph.Shape.IMAGE, "image", null),
                            build, new LineageGraph.Node(build, LineageGraph.Shape.ACTIVITY, "build", null)),
                    List.of(new LineageGraph.Edge(build, image, LineageGraph.Relation.GENERATED_BY, false)), Set.of(), null));
        }, "sc-lineage-warm-up");
        warming.setDaemon(true);
        warming.start();
    }
}
