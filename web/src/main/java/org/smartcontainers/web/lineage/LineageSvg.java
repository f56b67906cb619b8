package org.smartcontainers.web.lineage;

import static org.smartcontainers.web.html.HtmlPage.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smartcontainers.web.lineage.LineageGraph.Edge;
import org.smartcontainers.web.lineage.LineageGraph.Node;
import org.smartcontainers.web.lineage.LineageGraph.Relation;
import org.smartcontainers.web.lineage.LineageLayout.Box;
import org.smartcontainers.web.lineage.LineageLayout.LaidOut;
import org.smartcontainers.web.lineage.LineageLayout.Point;
import org.smartcontainers.web.lineage.LineageLayout.Route;
import org.smartcontainers.web.resources.Kind;

/**
 * Writes a laid-out lineage as a figure for an HTML page: an inline SVG (its own {@code <style>}, so it needs
 * nothing of the page's), each node a link to its page, then the same relations as a list of sentences for those
 * who cannot see the picture. The markup is also well-formed XML.
 */
final class LineageSvg {
    /** Below the graph: one line saying it was cut, one saying what dashed arrows are. */
    private static final double NOTE_HEIGHT = 18;
    private static final String STYLE = ".lineage-node text{font:" + (int) NodeText.FONT_SIZE + "px system-ui,sans-serif;"
            + "fill:#222;text-anchor:middle}"
            + ".lineage-node rect{stroke-width:1.5}"
            + ".lineage-image rect{fill:#fff6c8;stroke:#a08600}"
            + ".lineage-container rect{fill:#dff2dc;stroke:#3c7f36}"
            + ".lineage-activity rect{fill:#dde7fa;stroke:#3b5fa0}"
            + ".lineage-focus rect{stroke-width:3.5}"
            + "a:hover .lineage-node rect,a:focus .lineage-node rect{stroke:#000}"
            + ".lineage-edge{fill:none;stroke:#555;stroke-width:1.3}"
            + ".lineage-derived{stroke:#999}"
            + ".lineage-claimed{stroke:#8a4b00;stroke-dasharray:5 4}"
            + ".lineage-note{font:italic 12px system-ui,sans-serif;fill:#8a4b00}";

    private LineageSvg() {
    }

    static String write(LaidOut laidOut, String base) {
        LineageGraph graph = laidOut.graph();
        boolean anyClaimed = graph.edges().stream().anyMatch(Edge::claimed);
        List<String> notes = new ArrayList<>();
        if (graph.cut() != null) {
            notes.add("Cut: " + graph.cut() + "; the lineage goes on from the nodes marked \u201c" + NodeText.GOES_ON + "\u201d.");
        }
        if (anyClaimed) {
            notes.add("Dashed arrows: claimed by a label, not observed.");
        }
        double width = Math.max(laidOut.width(), notes.isEmpty() ? 0 : 360);
        double height = laidOut.height() + notes.size() * NOTE_HEIGHT;
        String title = "Lineage of " + describe(graph.nodes().get(graph.focus()));

        StringBuilder svg = new StringBuilder("<figure class=\"lineage\">");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(number(width)).append("\" height=\"")
                .append(number(height)).append("\" viewBox=\"0 0 ").append(number(width)).append(' ').append(number(height))
                .append("\" style=\"max-width:100%;height:auto\" role=\"group\" aria-labelledby=\"lineage-title lineage-desc\">")
                .append("<title id=\"lineage-title\">").append(escape(title)).append("</title>")
                .append("<desc id=\"lineage-desc\">").append(escape(summary(graph, notes))).append("</desc>")
                .append("<style>").append(STYLE).append("</style>")
                .append("<defs><marker id=\"lineage-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        svg.append("<g class=\"lineage-edges\">");
        for (Route route : laidOut.routes()) {
            edge(svg, route, graph);
        }
        svg.append("</g><g class=\"lineage-nodes\">");
        laidOut.boxes().forEach((iri, box) -> node(svg, graph.nodes().get(iri), box, iri.equals(graph.focus()),
                graph.goesOn().contains(iri), base));
        svg.append("</g>");
        double y = laidOut.height();
        for (String note : notes) {
            y += NOTE_HEIGHT;
            svg.append("<text class=\"lineage-note\" x=\"12\" y=\"").append(number(y - 5)).append("\">").append(escape(note)).append("</text>");
        }
        svg.append("</svg>");
        edgeList(svg, graph, base);
        return svg.append("</figure>").toString();
    }

    private static void edge(StringBuilder svg, Route route, LineageGraph graph) {
        Edge edge = route.edge();
        StringBuilder d = new StringBuilder();
        for (Point p : route.points()) {
            d.append(d.length() == 0 ? "M" : " L").append(number(p.x())).append(',').append(number(p.y()));
        }
        svg.append("<path class=\"lineage-edge").append(edge.relation() == Relation.DERIVED_FROM ? " lineage-derived" : "")
                .append(edge.claimed() ? " lineage-claimed" : "").append("\" d=\"").append(d)
                .append("\" marker-end=\"url(#lineage-arrow)\"><title>").append(escape(sentence(edge, graph)))
                .append("</title></path>");
    }

    private static void node(StringBuilder svg, Node node, Box box, boolean focus, boolean goesOn, String base) {
        svg.append("<a href=\"").append(escape(url(node.iri(), base))).append("\"><g class=\"lineage-node lineage-")
                .append(node.shape().name().toLowerCase(Locale.ROOT)).append(focus ? " lineage-focus" : "").append("\">")
                .append("<title>").append(escape(describe(node) + (focus ? " (this page)" : "") + "\n" + node.iri())).append("</title>")
                .append("<rect x=\"").append(number(box.x())).append("\" y=\"").append(number(box.y()))
                .append("\" width=\"").append(number(box.width())).append("\" height=\"").append(number(box.height()))
                // Images and containers round, activities square: as PROV draws entities and activities apart.
                .append("\" rx=\"").append(node.shape() == LineageGraph.Shape.ACTIVITY ? "2" : "12").append("\"/>");
        List<String> lines = NodeText.lines(node, goesOn);
        double top = box.y() + (box.height() - lines.size() * NodeText.LINE_HEIGHT) / 2;
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<text x=\"").append(number(box.x() + box.width() / 2)).append("\" y=\"")
                    .append(number(top + (i + 1) * NodeText.LINE_HEIGHT - 3.5)).append("\">").append(escape(lines.get(i)))
                    .append("</text>");
        }
        svg.append("</g></a>");
    }

    /** The picture's text alternative: every relation as a sentence, both ends linked. */
    private static void edgeList(StringBuilder html, LineageGraph graph, String base) {
        html.append("<details><summary>The lineage as a list (").append(graph.edges().size())
                .append(" relations").append(graph.cut() == null ? "" : ", cut").append(")</summary><ul class=\"lineage-edges\">");
        for (Edge edge : graph.edges()) {
            Node from = graph.nodes().get(edge.from());
            Node to = graph.nodes().get(edge.to());
            // The sentence's own words need no escaping; the names are escaped in their links.
            html.append("<li>").append(edge.relation().sentence(link(from, base), link(to, base)))
                    .append(edge.claimed() ? " (claimed by a label)" : "").append("</li>");
        }
        for (String iri : graph.goesOn()) {
            html.append("<li>").append(link(graph.nodes().get(iri), base)).append(" has more relations, not drawn</li>");
        }
        html.append("</ul></details>");
    }

    private static String summary(LineageGraph graph, List<String> notes) {
        long activities = graph.nodes().values().stream().filter(n -> n.shape() == LineageGraph.Shape.ACTIVITY).count();
        return (graph.nodes().size() - activities) + " images and containers, " + activities + " activities and "
                + graph.edges().size() + " relations between them; each arrow points from what came first to what was"
                + " made from it or used it. " + String.join(" ", notes) + (notes.isEmpty() ? "" : " ")
                + "The relations are listed below the picture.";
    }

    private static String sentence(Edge edge, LineageGraph graph) {
        return edge.relation().sentence(describe(graph.nodes().get(edge.from())), describe(graph.nodes().get(edge.to())))
                + (edge.claimed() ? " (claimed by a label)" : "");
    }

    private static String link(Node node, String base) {
        return "<a href=\"" + escape(url(node.iri(), base)) + "\">" + escape(describe(node)) + "</a>";
    }

    /** "image team/app:1 (3f2a9c1b0d4e)", "container 3f2a9c1b0d4e", "build at 2026-11-02 12:00:00Z". */
    static String describe(Node node) {
        return switch (node.shape()) {
            case IMAGE -> "image " + node.name() + (node.detail() == null ? "" : " (" + node.detail() + ")");
            case CONTAINER -> "container " + node.name();
            case ACTIVITY -> node.name() + (node.detail() == null ? "" : " at " + node.detail());
        };
    }

    private static String url(String iri, String base) {
        Kind kind = Kind.owning(iri);
        return kind == null ? iri : base + kind.memberPath(iri);
    }

    /** Coordinates with one decimal at most, the same in every locale. */
    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
