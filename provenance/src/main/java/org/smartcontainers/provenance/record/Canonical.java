package org.smartcontainers.provenance.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * One spelling for one graph, whatever order its triples were added in and whatever its blank
 * nodes are called: what makes a plan's IRI and its label the same for identical builds (a label
 * that differs by one byte makes a new image ID).
 *
 * <p>A blank node is known by what it says (its own statements, recursively): enough for the
 * graphs we write, whose blank nodes are leaves (a label's key and value, an affiliation). Two blank
 * nodes that say the same thing are the same here, as they are to anyone reading the label.
 */
final class Canonical {
    private final Model model;
    private final Map<Resource, String> blankKeys = new HashMap<>();

    private Canonical(Model model) {
        this.model = model;
    }

    /** The graph as sorted N-Triples-like lines, blank nodes spelled by their content. */
    static String text(Model model) {
        Canonical canonical = new Canonical(model);
        List<String> lines = new ArrayList<>();
        model.listStatements().forEach(statement -> lines.add(canonical.line(statement)));
        lines.sort(Comparator.naturalOrder());
        return String.join("\n", lines);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How subjects and statements are ordered when a graph is written out: by their canonical spelling. */
    static Comparator<Resource> subjectOrder(Model model) {
        Canonical canonical = new Canonical(model);
        return Comparator.comparing(canonical::key);
    }

    static Comparator<Statement> statementOrder(Model model) {
        Canonical canonical = new Canonical(model);
        return Comparator.comparing(canonical::line);
    }

    private String line(Statement statement) {
        return key(statement.getSubject()) + " " + FmtUtils.stringForNode(statement.getPredicate().asNode())
                + " " + key(statement.getObject());
    }

    private String key(RDFNode node) {
        if (!node.isAnon()) {
            return FmtUtils.stringForNode(node.asNode());
        }
        return keyOfBlank(node.asResource(), new HashSet<>());
    }

    private String keyOfBlank(Resource blank, Set<Resource> visiting) {
        String known = blankKeys.get(blank);
        if (known != null) {
            return known;
        }
        if (!visiting.add(blank)) {
            return "_:cycle"; // a blank node that reaches itself: spelled by what leads to it alone
        }
        List<String> parts = new ArrayList<>();
        model.listStatements(blank, null, (RDFNode) null).forEach(statement -> {
            RDFNode object = statement.getObject();
            String objectKey = object.isAnon() ? keyOfBlank(object.asResource(), visiting)
                    : FmtUtils.stringForNode(object.asNode());
            parts.add(FmtUtils.stringForNode(statement.getPredicate().asNode()) + " " + objectKey);
        });
        parts.sort(Comparator.naturalOrder());
        String key = "_:" + sha256Hex(String.join("\n", parts)).substring(0, 32);
        visiting.remove(blank);
        blankKeys.put(blank, key);
        return key;
    }
}
