package org.smartcontainers.web.lineage;

import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.web.lineage.LineageGraph.Node;

/**
 * The lines written in a node's box and the box's size. The size is estimated from the characters (no font is
 * measured on a server): generous enough for a sans-serif at {@link #FONT_SIZE}, so the text stays inside.
 */
final class NodeText {
    static final double FONT_SIZE = 12;
    static final double LINE_HEIGHT = 15;
    private static final double CHARACTER_WIDTH = 7.2;
    private static final double PADDING = 10;
    /** Longer names (a registry's path, a long tag) are shortened on the picture; the full name is its tooltip. */
    private static final int MAX_CHARACTERS = 30;

    private NodeText() {
    }

    /** Written under a node whose further relations were left out of the picture. */
    static final String GOES_ON = "more not drawn";

    static List<String> lines(Node node, boolean goesOn) {
        List<String> lines = new ArrayList<>();
        lines.add(shortened(node.name()));
        if (node.detail() != null) {
            lines.add(shortened(node.detail()));
        } else if (node.shape() != LineageGraph.Shape.ACTIVITY) {
            // A bare ID does not say what it is, and colour alone must not tell images from containers.
            lines.add(node.shape() == LineageGraph.Shape.IMAGE ? "image" : "container");
        }
        if (goesOn) {
            lines.add(GOES_ON);
        }
        return lines;
    }

    static double width(Node node, boolean goesOn) {
        int longest = lines(node, goesOn).stream().mapToInt(String::length).max().orElse(0);
        return Math.ceil(Math.max(longest, 8) * CHARACTER_WIDTH + 2 * PADDING);
    }

    static double height(Node node, boolean goesOn) {
        return lines(node, goesOn).size() * LINE_HEIGHT + 2 * PADDING;
    }

    private static String shortened(String text) {
        return text.length() <= MAX_CHARACTERS ? text : text.substring(0, MAX_CHARACTERS - 1) + "…";
    }
}
