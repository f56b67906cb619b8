package org.smartcontainers.provenance.store.regex;

import java.time.Duration;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecutionDatasetBuilder;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpUnfold;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.Rewrite;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.ExprTransformer;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;

/**
 * Puts the regular expressions of a query under its time limit. Jena's timeout sets a cancel
 * signal that its iterators check between rows (and that cannot even be set while the query is
 * being planned); one regular expression that backtracks catastrophically holds a row for
 * minutes and never looks. Here every regular expression a query can reach in Jena matches a
 * {@link TimedText}, which watches the query's deadline and throws Jena's
 * {@link QueryCancelledException}: the query ends as any other timed-out query, within the one
 * limit however many regular expressions it has. Installed through Jena's per-query context: its
 * optimizer hook for REGEX and REPLACE, its function registries for fn:matches, fn:replace and
 * {@code apf:strSplit}.
 */
public final class RegexTimeLimit {
    private RegexTimeLimit() {
    }

    /** For a query about to be built with {@code limit} as its timeout. */
    public static void applyTo(QueryExecutionDatasetBuilder builder, Duration limit) {
        Deadline deadline = Deadline.after(limit);
        builder.set(ARQConstants.sysOptimizerFactory, timedThenOptimized(deadline))
                .set(ARQConstants.registryFunctions, new TimedFunctions(FunctionRegistry.get(), deadline))
                .set(ARQConstants.registryPropertyFunctions, new TimedPropertyFunctions(PropertyFunctionRegistry.get(), deadline));
    }

    /**
     * REGEX and REPLACE become the timed ones before Jena's own optimizer runs, so what it
     * evaluates while planning (constant folding) is timed too, and what it copies stays timed.
     * UNFOLD's expression first, on its own: Jena's walker refuses to see that one changed.
     */
    private static RewriteFactory timedThenOptimized(Deadline deadline) {
        TimedBuiltIns timed = new TimedBuiltIns(deadline);
        TimedUnfolds unfolds = new TimedUnfolds(timed);
        return context -> {
            Rewrite optimizer = Optimize.getFactory().create(context);
            return op -> optimizer.rewrite(Transformer.transform(new TransformCopy(), timed, Transformer.transform(unfolds, op)));
        };
    }

    private static final class TimedUnfolds extends TransformCopy {
        private final TimedBuiltIns timed;

        TimedUnfolds(TimedBuiltIns timed) {
            this.timed = timed;
        }

        @Override
        public Op transform(OpUnfold unfold, Op subOp) {
            return new OpUnfold(subOp, ExprTransformer.transform(timed, unfold.getExpr()), unfold.getVar1(), unfold.getVar2());
        }
    }

    private static final class TimedBuiltIns extends ExprTransformCopy {
        private final Deadline deadline;

        TimedBuiltIns(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public Expr transform(ExprFunctionN func, ExprList args) {
            if (func instanceof E_Regex && !(func instanceof TimedRegex)) {
                return new TimedRegex(args, deadline);
            }
            if (func instanceof E_StrReplace && !(func instanceof TimedReplace)) {
                return new TimedReplace(args, deadline);
            }
            return super.transform(func, args);
        }
    }
}
