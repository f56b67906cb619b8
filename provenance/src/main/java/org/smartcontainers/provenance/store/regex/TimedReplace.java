package org.smartcontainers.provenance.store.regex;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.expr.nodevalue.XSDFuncOp;

/**
 * REPLACE as Jena's {@link E_StrReplace} and {@link XSDFuncOp#strReplace} evaluate it (the same
 * checks, {@link RegexEngine#makePattern}, Jena's rule for empty matches, the language and
 * datatype kept), matching {@link TimedText}.
 */
final class TimedReplace extends E_StrReplace {
    private final Deadline deadline;
    /** Compiled once when the query gives the pattern and flags, as E_StrReplace does; else per row. */
    private final Pattern fixed;

    TimedReplace(ExprList args, Deadline deadline) {
        super(args.get(0), args.get(1), args.get(2), flagsOf(args));
        this.deadline = deadline;
        Expr pattern = args.get(1);
        Expr flags = flagsOf(args);
        this.fixed = isString(pattern) && (flags == null || isString(flags))
                ? RegexEngine.makePattern("REPLACE", pattern.getConstant().getString(), flags == null ? null : flags.getConstant().getString())
                : null;
    }

    private static Expr flagsOf(ExprList args) {
        return args.size() > 3 ? args.get(3) : null;
    }

    private static boolean isString(Expr expr) {
        return expr.isConstant() && expr.getConstant().isString();
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
        Pattern pattern = fixed;
        if (pattern == null) {
            String regex = NodeValueOps.checkAndGetStringLiteral("replace", args.get(1)).getLiteralLexicalForm();
            String flags = args.size() > 3
                    ? NodeValueOps.checkAndGetStringLiteral("replace", args.get(3)).getLiteralLexicalForm()
                    : null;
            pattern = RegexEngine.makePattern("replace", regex, flags);
        }
        NodeValue input = args.get(0);
        String text = NodeValueOps.checkAndGetStringLiteral("replace", input).getLiteralLexicalForm();
        String replacement = NodeValueOps.checkAndGetStringLiteral("replace", args.get(2)).getLiteralLexicalForm();
        String replaced = replaceAll(pattern.matcher(new TimedText(text, deadline)), replacement);
        if (replaced == null || replaced.equals(text)) {
            return input;
        }
        Node node = input.asNode();
        return NodeValue.makeNode(NodeFactory.createLiteral(replaced, node.getLiteralLanguage(), node.getLiteralDatatype()));
    }

    /** Jena's: an empty match is replaced only when it is the first; null when nothing matched. */
    private static String replaceAll(Matcher matcher, String replacement) {
        try {
            StringBuilder replaced = null;
            while (matcher.find()) {
                if (replaced == null) {
                    replaced = new StringBuilder();
                } else if (matcher.start() == matcher.end()) {
                    continue;
                }
                matcher.appendReplacement(replaced, replacement);
            }
            if (replaced == null) {
                return null;
            }
            matcher.appendTail(replaced);
            return replaced.toString();
        } catch (IndexOutOfBoundsException e) {
            throw new ExprEvalException("IndexOutOfBounds", e);
        }
    }

    @Override
    public Expr copy(ExprList newArgs) {
        return new TimedReplace(newArgs, deadline);
    }
}
