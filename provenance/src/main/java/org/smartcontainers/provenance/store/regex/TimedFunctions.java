package org.smartcontainers.provenance.store.regex;

import java.util.Iterator;
import java.util.function.BiFunction;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.Function;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionFactory;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.function.library.FN_Matches;
import org.apache.jena.sparql.function.library.FN_StrReplace;
import org.apache.jena.sparql.util.Context;

/**
 * The functions one query sees: Jena's registry, read through, except that fn:matches and
 * fn:replace (by whatever IRI they are reached: Jena also loads a function by its Java class's
 * name) and SPARQL's own IRIs for REGEX and REPLACE evaluate as {@link TimedRegex} and
 * {@link TimedReplace}, which is what they compute.
 */
final class TimedFunctions extends FunctionRegistry {
    private static final String SPARQL_REGEX = ARQConstants.sparqlPrefix + "regex";
    private static final String SPARQL_REPLACE = ARQConstants.sparqlPrefix + "replace";

    private final FunctionRegistry jena;
    private final Deadline deadline;

    TimedFunctions(FunctionRegistry jena, Deadline deadline) {
        this.jena = jena;
        this.deadline = deadline;
    }

    @Override
    public FunctionFactory get(String uri) {
        FunctionFactory factory = jena.get(uri);
        return factory == null ? null : iri -> timed(factory.create(iri), iri);
    }

    @Override
    public boolean isRegistered(String uri) {
        return jena.isRegistered(uri);
    }

    @Override
    public Iterator<String> keys() {
        return jena.keys();
    }

    private Function timed(Function function, String iri) {
        if (function instanceof FN_Matches || iri.equals(SPARQL_REGEX)) {
            return new TimedCall(function, 2, 3, TimedRegex::new);
        }
        if (function instanceof FN_StrReplace || iri.equals(SPARQL_REPLACE)) {
            return new TimedCall(function, 3, 4, TimedReplace::new);
        }
        return function;
    }

    /** One call in a query: built by Jena's function (its checks), evaluated by the timed expression. */
    private final class TimedCall implements Function {
        private final Function original;
        private final int minArgs;
        private final int maxArgs;
        private final BiFunction<ExprList, Deadline, Expr> timed;
        private Expr expr;

        TimedCall(Function original, int minArgs, int maxArgs, BiFunction<ExprList, Deadline, Expr> timed) {
            this.original = original;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
            this.timed = timed;
        }

        @Override
        public void build(String uri, ExprList args, Context context) {
            original.build(uri, args, context);
        }

        @Override
        public NodeValue exec(Binding binding, ExprList args, String uri, FunctionEnv env) {
            if (args.size() < minArgs || args.size() > maxArgs) {
                return original.exec(binding, args, uri, env); // its own error
            }
            if (expr == null) { // not kept when a bad pattern throws, so each row gets the error, as in Jena
                expr = timed.apply(args, deadline);
            }
            return expr.eval(binding, env);
        }
    }
}
