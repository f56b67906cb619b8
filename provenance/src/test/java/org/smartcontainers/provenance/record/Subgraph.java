package org.smartcontainers.provenance.record;

import java.util.HashMap;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.util.FmtUtils;

/** Whether one graph holds all of another, its blank nodes matching any node (a graph with blank nodes is not found by {@code containsAll}). */
final class Subgraph {
    private Subgraph() {
    }

    static boolean holds(Model data, Model pattern) {
        Map<Node, String> variables = new HashMap<>();
        StringBuilder where = new StringBuilder();
        pattern.getGraph().find().forEach(triple -> where.append(term(triple.getSubject(), variables)).append(' ')
                .append(term(triple.getPredicate(), variables)).append(' ')
                .append(term(triple.getObject(), variables)).append(" .\n"));
        try (QueryExecution exec = QueryExecution.model(data).query("ASK {\n" + where + "}").build()) {
            return exec.execAsk();
        }
    }

    private static String term(Node node, Map<Node, String> variables) {
        return node.isBlank() ? variables.computeIfAbsent(node, n -> "?b" + variables.size()) : FmtUtils.stringForNode(node, PrefixMapping.Factory.create());
    }
}
