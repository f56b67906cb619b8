package org.smartcontainers.web.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.smartcontainers.web.lineage.LineageGraph.Edge;
import org.smartcontainers.web.lineage.LineageGraph.Node;

/**
 * Places the nodes and routes the edges with Eclipse ELK's layered layout (Sugiyama's method): the graph is cut
 * into layers so that every edge points down, from what came first, and crossings are kept few. Edges are routed
 * orthogonally, which keeps them clear of the boxes.
 */
final class LineageLayout {

    record Point(double x, double y) {
    }

    record Box(double x, double y, double width, double height) {
        boolean overlaps(Box other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }
    }

    /** An edge's route, from the source's box to the target's (where the arrowhead goes). */
    record Route(Edge edge, List<Point> points) {
    }

    /** The graph laid out: each node's box, each edge's route, and the size of it all. */
    record LaidOut(LineageGraph graph, Map<String, Box> boxes, List<Route> routes, double width, double height) {
    }

    private LineageLayout() {
    }

    static LaidOut of(LineageGraph graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(12));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 20.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 15.0);

        Map<String, ElkNode> elkNodes = new LinkedHashMap<>();
        for (Node node : graph.nodes().values()) {
            ElkNode elk = ElkGraphUtil.createNode(root);
            elk.setIdentifier(node.iri());
            boolean goesOn = graph.goesOn().contains(node.iri());
            elk.setDimensions(NodeText.width(node, goesOn), NodeText.height(node, goesOn));
            elkNodes.put(node.iri(), elk);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (Edge edge : graph.edges()) {
            elkEdges.add(ElkGraphUtil.createSimpleEdge(elkNodes.get(edge.from()), elkNodes.get(edge.to())));
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Box> boxes = new LinkedHashMap<>();
        elkNodes.forEach((iri, n) -> boxes.put(iri, new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < elkEdges.size(); i++) {
            routes.add(new Route(graph.edges().get(i), points(elkEdges.get(i))));
        }
        return new LaidOut(graph, boxes, routes, root.getWidth(), root.getHeight());
    }

    /** A simple edge between two nodes of the root has one section, in the root's coordinates. */
    private static List<Point> points(ElkEdge edge) {
        List<Point> points = new ArrayList<>();
        for (ElkEdgeSection section : edge.getSections()) {
            points.add(new Point(section.getStartX(), section.getStartY()));
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(new Point(bend.getX(), bend.getY()));
            }
            points.add(new Point(section.getEndX(), section.getEndY()));
        }
        return points;
    }
}
