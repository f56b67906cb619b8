package org.smartcontainers.web.rdf;

import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.util.Context;

/**
 * What users send never makes the daemon fetch anything: no SPARQL {@code SERVICE} (and no remote
 * JSON-LD context, nor {@code file:} ones: {@code OfflineJsonLd}). The daemon often runs where it
 * can reach what its users cannot; it must not fetch on their behalf.
 */
public final class Offline {
    private Offline() {
    }

    public static boolean usesService(Query query) {
        return usesService(Algebra.compile(query));
    }

    public static boolean usesService(Element pattern) {
        return pattern != null && usesService(Algebra.compile(pattern));
    }

    private static boolean usesService(Op op) {
        boolean[] found = {false};
        OpWalker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpService service) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** For query executions: SERVICE refused by the engine too, whatever got past the checks. */
    public static void noService(Context context) {
        context.set(ARQ.httpServiceAllowed, false);
    }
}
