package org.smartcontainers.provenance.record;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.util.Context;

/**
 * JSON-LD is read without fetching anything. A label is anyone's text (an image pulled from anywhere carries one),
 * and a JSON-LD processor left to its defaults loads every remote context the document names, however deep
 * (a scoped context, an {@code @import}): the daemon, which often reaches what its users cannot, would fetch on the
 * label's behalf. Titanium's default loader would also make an HTTP client, with TLS and its trust store, at the
 * first parse.
 */
public final class OfflineJsonLd {
    private OfflineJsonLd() {
    }

    /** A parser context whose JSON-LD document loader refuses every document. */
    public static Context context() {
        JsonLdOptions options = new JsonLdOptions((url, loaderOptions) -> {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "remote documents are not fetched (" + url + "); put the @context inline");
        });
        Context context = new Context();
        context.set(LangJSONLD11.JSONLD_OPTIONS, options);
        return context;
    }
}
