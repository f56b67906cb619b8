package org.smartcontainers.provenance.record;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.processor.ToRdfProcessor;
import com.apicatalog.rdf.api.RdfQuadConsumer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.util.List;
import org.apache.jena.atlas.web.ContentType;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParserRegistry;
import org.apache.jena.riot.ReaderRIOT;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sys.JenaSubsystemLifecycle;

/**
 * JSON-LD is read without fetching anything, by whatever reads it through Jena in this process: this is Jena's JSON-LD
 * reader in place of its own (registered when Jena starts, {@code META-INF/services}). A label is anyone's text (an
 * image pulled from anywhere carries one), and a JSON-LD processor left to its defaults loads every remote context the
 * document names, however deep (a scoped context, an {@code @import}): the daemon, which often reaches what its users
 * cannot, would fetch on the label's behalf. Jena's reader also starts Titanium's API with its default options, whose
 * loader makes an HTTP client, with TLS, its trust store and a selector thread (about 6 MiB), at the first parse; this
 * one calls Titanium's processor with a loader of its own, so nothing of that is ever made.
 */
public final class OfflineJsonLd implements JenaSubsystemLifecycle {
    private static final String REFUSED = "remote documents are not fetched";

    /** Refuses every document: contexts must be inline. */
    static final DocumentLoader NO_DOCUMENTS = (url, loaderOptions) -> {
        throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, REFUSED + " (" + url + "); put the @context inline");
    };

    /** For {@code ServiceLoader}: Jena starts its subsystems in the order of their levels. */
    public OfflineJsonLd() {
    }

    @Override
    public void start() {
        for (Lang lang : new Lang[] {Lang.JSONLD, Lang.JSONLD11}) {
            RDFParserRegistry.registerLangTriples(lang, OfflineReader::new); // as Jena registers its own: both
            RDFParserRegistry.registerLangQuads(lang, OfflineReader::new);
        }
    }

    @Override
    public void stop() {
    }

    /** After RIOT's own registrations (level 20), so that this one stays. */
    @Override
    public int level() {
        return 9000;
    }

    private static final class OfflineReader implements ReaderRIOT {
        private final ParserProfile profile;

        OfflineReader(Lang lang, ParserProfile profile) {
            this.profile = profile;
        }

        @Override
        public void read(InputStream in, String baseURI, ContentType ct, StreamRDF output, Context context) {
            try {
                read(JsonDocument.of(in), baseURI, output);
            } catch (JsonLdError e) {
                throw failure(e);
            }
        }

        @Override
        public void read(Reader reader, String baseURI, ContentType ct, StreamRDF output, Context context) {
            try {
                read(JsonDocument.of(reader), baseURI, output);
            } catch (JsonLdError e) {
                throw failure(e);
            }
        }

        private void read(Document document, String baseURI, StreamRDF output) throws JsonLdError {
            JsonLdOptions options = new JsonLdOptions(NO_DOCUMENTS);
            if (baseURI != null) {
                options.setBase(URI.create(baseURI));
            }
            document.getJsonContent().ifPresent(json -> prefixes(json, output));
            ToRdfProcessor.toRdf(new Statements(output, profile), document, options);
        }

        /** Reported as Jena's own reader does: to the profile's error handler, with the JSON's position when known. */
        private RiotException failure(JsonLdError e) {
            long line = -1;
            long column = -1;
            if (e.getCause() instanceof JsonParsingException parsing && parsing.getLocation() != null) {
                line = parsing.getLocation().getLineNumber();
                column = parsing.getLocation().getColumnNumber();
            }
            String message = e.getMessage();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonLdError refused && refused.getCode() == JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED
                        && refused.getMessage() != null && refused.getMessage().startsWith(REFUSED)) {
                    message = refused.getMessage(); // the loader's: Titanium's wrapping ("a problem ... loading a remote context") says less
                }
            }
            profile.getErrorHandler().error(message, line, column);
            return new RiotException(message, e);
        }
    }

    /** The terms of a top-level {@code @context} that stand for a namespace, as prefixes of the output. */
    private static void prefixes(JsonStructure json, StreamRDF output) {
        if (json instanceof JsonObject object && object.get("@context") != null) {
            JsonValue context = object.get("@context");
            (context.getValueType() == JsonValue.ValueType.ARRAY ? context.asJsonArray() : List.of(context))
                    .forEach(definition -> {
                        if (definition instanceof JsonObject terms) {
                            terms.forEach((term, value) -> {
                                if (!term.startsWith("@") && value instanceof JsonString iri
                                        && (iri.getString().endsWith("/") || iri.getString().endsWith("#"))) {
                                    output.prefix(term, iri.getString());
                                }
                            });
                        }
                    });
        }
    }

    /** Titanium's statements as Jena's nodes, made by the parser's profile (its IRI checks, its blank node scope). */
    private record Statements(StreamRDF output, ParserProfile profile) implements RdfQuadConsumer {
        @Override
        public RdfQuadConsumer quad(String subject, String predicate, String object, String datatype, String language,
                String direction, String graph) {
            Node s = node(subject);
            Node p = node(predicate);
            Node o = RdfQuadConsumer.isLiteral(datatype, language, direction) ? literal(object, datatype, language, direction)
                    : node(object);
            if (graph == null) {
                output.triple(Triple.create(s, p, o));
            } else {
                output.quad(Quad.create(node(graph), s, p, o));
            }
            return this;
        }

        private Node node(String term) {
            if (RdfQuadConsumer.isBlank(term)) {
                return profile.getFactorRDF().createBlankNode(term.substring(2));
            }
            return profile.createURI(profile.resolveIRI(term, -1, -1), -1, -1);
        }

        private Node literal(String lexical, String datatype, String language, String direction) {
            if (RdfQuadConsumer.isLangString(datatype, language, direction)) {
                return profile.createLangLiteral(lexical, language, -1, -1);
            }
            if (RdfQuadConsumer.isDirLangString(datatype, language, direction)) {
                return profile.createLangDirLiteral(lexical, language, direction, -1, -1);
            }
            return profile.createTypedLiteral(lexical, TypeMapper.getInstance().getSafeTypeByName(datatype), -1, -1);
        }
    }
}
