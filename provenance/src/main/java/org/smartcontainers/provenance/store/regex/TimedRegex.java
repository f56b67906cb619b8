package org.smartcontainers.provenance.store.regex;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * REGEX as Jena's {@link E_Regex} evaluates it (its checks, {@link RegexEngine#makePattern} for
 * the pattern and the flags i, s, m, x, q, {@code find}), with java.util.regex, Jena's default
 * engine, matching {@link TimedText}.
 */
final class TimedRegex extends E_Regex {
    private final Deadline deadline;
    /** Compiled once when the query gives the pattern and flags, as E_Regex does; else per row. */
    private final Pattern fixed;

    TimedRegex(ExprList args, Deadline deadline) {
        super(args.get(0), args.get(1), flagsOf(args));
        this.deadline = deadline;
        Expr pattern = args.get(1);
        Expr flags = flagsOf(args);
        boolean constant = pattern.isConstant() && pattern.getConstant().isString() && (flags == null || flags.isConstant());
        this.fixed = constant ? compile(pattern.getConstant(), flags == null ? null : flags.getConstant()) : null;
    }

    private static Expr flagsOf(ExprList args) {
        return args.size() > 2 ? args.get(2) : null;
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
        Node text = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0));
        Pattern pattern = fixed != null ? fixed : compile(args.get(1), args.size() > 2 ? args.get(2) : null);
        return NodeValue.booleanReturn(pattern.matcher(new TimedText(text.getLiteralLexicalForm(), deadline)).find());
    }

    /** E_Regex.makeRegexEngine's checks, then the pattern Jena's java.util.regex engine would compile. */
    private static Pattern compile(NodeValue pattern, NodeValue flags) {
        if (!pattern.isString()) {
            throw new ExprException("REGEX: Pattern is not a string: " + pattern);
        }
        if (flags != null && !flags.isString()) {
            throw new ExprException("REGEX: Pattern flags are not a string: " + flags);
        }
        String flagLetters = flags == null ? null : flags.getString();
        if (flagLetters != null && !flagLetters.chars().allMatch(c -> "smixq".indexOf(c) >= 0)) {
            throw new ExprEvalException("REGEX: Only 'smixq' are legal as pattern flags: got \""
                    + FmtUtils.stringEsc(flagLetters) + "\"");
        }
        return RegexEngine.makePattern("Regex", pattern.getString(), flagLetters);
    }

    @Override
    public Expr copy(ExprList newArgs) {
        return new TimedRegex(newArgs, deadline);
    }
}
