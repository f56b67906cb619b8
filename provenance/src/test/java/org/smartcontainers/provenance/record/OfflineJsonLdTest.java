package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.apicatalog.jsonld.JsonLdOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;

/** Jena's JSON-LD reader, replaced for the whole process: the same statements as Jena's own, nothing fetched, no HTTP client. */
class OfflineJsonLdTest {
    /** Literals of every kind, blank nodes, a named graph, a relative IRI, a list. */
    private static final String DOCUMENT = """
            {"@context": {"@version": 1.1, "prov": "http://www.w3.org/ns/prov#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                          "ex": "http://example.org/", "when": {"@id": "prov:startedAtTime", "@type": "xsd:dateTime"},
                          "steps": {"@id": "ex:steps", "@container": "@list"}},
             "@graph": [
               {"@id": "relative/a", "@type": "prov:Activity", "when": "2026-11-28T10:00:00Z", "ex:count": 3,
                "ex:ratio": 0.5, "ex:ok": true, "ex:said": {"@value": "Grüße", "@language": "de"},
                "ex:by": {"ex:name": "anonymous"}, "steps": ["one", "two"]},
               {"@id": "http://example.org/g", "@graph": [{"@id": "ex:x", "ex:p": {"@id": "ex:y"}}]}
             ]}""";
    private static final String BASE = "http://example.org/base/";

    @Test
    void readsWhatJenasOwnReaderReads() {
        Dataset ours = DatasetFactory.create();
        RDFParser.create().source(new StringReader(DOCUMENT)).lang(Lang.JSONLD).base(BASE).parse(ours);

        Dataset jenas = DatasetFactory.create();
        Context offline = new Context();
        offline.set(LangJSONLD11.JSONLD_OPTIONS, new JsonLdOptions(OfflineJsonLd.NO_DOCUMENTS));
        new LangJSONLD11(Lang.JSONLD, RiotLib.dftProfile(), ErrorHandlerFactory.errorHandlerStd)
                .read(new StringReader(DOCUMENT), BASE, null, StreamRDFLib.dataset(jenas.asDatasetGraph()), offline);

        assertTrue(ours.getDefaultModel().size() >= 12, "statements read: " + ours.getDefaultModel().size());
        assertTrue(IsoMatcher.isomorphic(jenas.asDatasetGraph(), ours.asDatasetGraph()),
                "the same dataset as Jena's reader gives");
        assertTrue(ours.getDefaultModel().contains(ours.getDefaultModel().createResource(BASE + "relative/a"), null),
                "relative IRIs resolved against the base");
        assertEquals("http://www.w3.org/ns/prov#", ours.getDefaultModel().getNsPrefixURI("prov"), "the context's prefixes");
    }

    @Test
    void fetchesNoContext() throws IOException {
        try (ContextServer server = new ContextServer()) {
            String url = server.url();
            for (String document : List.of(
                    "{\"@context\": \"" + url + "\", \"@id\": \"urn:x\", \"name\": \"y\"}",
                    "{\"@context\": [\"" + url + "\"], \"@id\": \"urn:x\", \"name\": \"y\"}",
                    "{\"@context\": {\"@version\": 1.1, \"@import\": \"" + url + "\"}, \"@id\": \"urn:x\", \"name\": \"y\"}",
                    "{\"@context\": {\"p\": {\"@id\": \"urn:p\", \"@context\": \"" + url + "\"}}, \"@id\": \"urn:x\","
                            + " \"p\": {\"name\": \"y\"}}")) {
                Model model = ModelFactory.createDefaultModel();
                RiotException refused = assertThrows(RiotException.class,
                        () -> RDFParser.fromString(document, Lang.JSONLD).parse(model), document);
                assertEquals("remote documents are not fetched (" + url + "); put the @context inline", refused.getMessage());
            }
            assertEquals(0, server.fetched(), "nothing fetched");
        }
    }

    @Test
    void malformedJsonIsAnErrorThatSaysWhere() {
        RiotException error = assertThrows(RiotException.class,
                () -> RDFParser.fromString("{\"@id\": \"urn:x\",\n \"urn:p\": }", Lang.JSONLD).parse(DatasetFactory.create()));
        assertFalse(error.getMessage().isBlank(), "a message");
    }

    /** In a JVM of its own, since any other test of this module may have made Jena's reader run. */
    @Test
    void makesNoHttpClient() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParseThenListThreads.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("statements 2"), output);
        assertFalse(output.contains("HttpClient"), "no HTTP client thread: " + output);
        assertTrue(output.contains("threads"), output);
    }

    /** Parses a JSON-LD document, then prints the names of the threads alive (an HTTP client has a selector thread). */
    public static final class ParseThenListThreads {
        public static void main(String[] args) {
            Model model = ModelFactory.createDefaultModel();
            RDFParser.fromString("{\"@context\": {\"ex\": \"http://example.org/\"}, \"@id\": \"ex:x\", \"ex:p\": [1, 2]}",
                    Lang.JSONLD).parse(model);
            System.out.println("statements " + model.size());
            System.out.println("threads " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        }
    }
}
