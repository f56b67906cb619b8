package org.smartcontainers.web.lineage;

import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.lineage.LineageReader.Bounds;

/** The lineage picture of an image, container or activity page: read from the store, laid out, written as SVG. */
public final class LineagePicture {
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
}
