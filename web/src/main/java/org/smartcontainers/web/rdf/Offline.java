package org.smartcontainers.web.rdf;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.util.Context;

/**
 * What users send never makes the daemon fetch anything: no remote JSON-LD context (nor
 * {@code file:} ones), no SPARQL {@code SERVICE}. The daemon often runs where it can reach what
 * its users cannot; it must not fetch on their behalf.
 */
public final class Offline {
    private Offline() {
    }

    /** A parser context whose JSON-LD document loader refuses every document. */
    public static Context jsonLdContext() {
        JsonLdOptions options = new JsonLdOptions((url, loaderOptions) -> {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "remote documents are not fetched (" + url + "); put the @context inline");
        });
        Context context = new Context();
        context.set(LangJSONLD11.JSONLD_OPTIONS, options);
        return context;
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
