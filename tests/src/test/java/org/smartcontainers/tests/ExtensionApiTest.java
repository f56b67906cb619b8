package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.web.rdf.WebVocab;

/**
 * The extension API under {@code /sc/v1/} on the proxy's own socket, every call against a real daemon:
 * what it answers, its errors in Docker's shape, and that Docker's own API still passes on the same socket.
 * Images it commits are always the test's own copies (never {@code sc-busybox}, whose tags a relabel would move).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionApiTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
            + "> PREFIX sc: <" + Vocab.SC_NS + "> ";
    private final HttpClient http = HttpClient.newHttpClient();
    private final DockerCli direct = DockerCli.direct();
    private final String random = UUID.randomUUID().toString().substring(0, 8);
    private ProxyProcess proxy;
    private DockerCli cli;
    private ScApi api;

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
        cli = DockerCli.through(proxy);
        api = ScApi.of(proxy);
    }

    @AfterAll
    void stop() {
        proxy.close();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** An error in Docker's shape: the status, JSON, and a message that says {@code expected}. */
    private static void assertError(int status, String expected, RawHttp.Response response) {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.toString());
        String message = ScApi.parse(response).path("message").asText("");
        assertTrue(message.contains(expected), "message should say '" + expected + "': " + response.body());
    }

    private static JsonNode ok(int status, RawHttp.Response response) {
        assertEquals(status, response.status(), response.toString());
        return ScApi.parse(response);
    }

    private String imageId(String reference) {
        return direct.run("image", "inspect", "-f", "{{.Id}}", reference).ok().out();
    }

    private String containerId(String reference) {
        return direct.run("inspect", "-f", "{{.Id}}", reference).ok().out();
    }

    /**
     * An image of the test's own, with its own ID: a tag of sc-busybox would share its ID, and a relabel
     * moves every tag of the image it relabels (sc-busybox:latest included) to the new one.
     */
    private String ownImage(String... tags) {
        String maker = direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out();
        try {
            String id = direct.run("commit", "--change", "LABEL team=physics", maker, tags[0]).ok().out();
            for (String tag : List.of(tags).subList(1, tags.length)) {
                direct.run("tag", id, tag).ok();
            }
            return id;
        } finally {
            direct.run("rm", "-f", maker);
        }
    }

    private Model dockerLabel(String kind, String reference) {
        String label = direct.run(kind, "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", reference).ok().out();
        assertTrue(label.startsWith("{"), kind + " " + reference + " has a JSON label: " + label);
        return jsonLd(label);
    }

    private static Model jsonLd(String text) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(text)).lang(Lang.JSONLD).parse(model);
        return model;
    }

    private static Model turtle(String text) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(text)).lang(Lang.TURTLE).parse(model);
        return model;
    }

    private static boolean ask(Model model, String where) {
        try (var exec = QueryExecutionFactory.create(PREFIXES + "ASK { " + where + " }", model)) {
            return exec.execAsk();
        }
    }

    private HttpResponse<String> httpGet(String url, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A document with its context inline: a title, a typed number, a link, a blank node; absolute IRIs only. */
    private String document(String subject, String about) {
        return "{\"@context\": {\"dct\": \"http://purl.org/dc/terms/\", \"ex\": \"https://example.org/sc-it#\"},"
                + " \"@id\": \"" + subject + "\", \"dct:title\": \"API test " + random + "\", \"ex:count\": 42,"
                + " \"ex:about\": {\"@id\": \"" + about + "\"}, \"ex:part\": {\"ex:name\": \"inner " + random + "\"}}";
    }

    private boolean hasDocument(Model model, String subject, String about) {
        return ask(model, "<" + subject + "> <http://purl.org/dc/terms/title> 'API test " + random + "';"
                + " <https://example.org/sc-it#count> 42; <https://example.org/sc-it#about> <" + about + ">;"
                + " <https://example.org/sc-it#part> [ <https://example.org/sc-it#name> 'inner " + random + "' ]");
    }

    /** Version, routing. */
    @Nested
    class VersionRouting {

        @Test
        void versionNamesSmartContainersAndTheDaemonUnderBothPrefixes() {
            RawHttp.Response plain = api.get("/sc/v1/version");
            JsonNode version = ok(200, plain);
            assertTrue(plain.header("Content-Type").startsWith("application/json"), plain.toString());
            JsonNode sc = version.path("SmartContainers");
            assertFalse(sc.path("Version").asText("").isBlank(), plain.body());
            assertEquals("1", sc.path("ApiVersion").asText(), plain.body());
            assertFalse(sc.path("Java").asText("").isBlank(), plain.body());
            // The daemon's own /version, as the daemon itself reports it.
            assertEquals(direct.run("version", "-f", "{{.Server.Version}}").ok().out(), version.path("Docker").path("Version").asText());
            assertEquals(direct.run("version", "-f", "{{.Server.APIVersion}}").ok().out(),
                    version.path("Docker").path("ApiVersion").asText());

            // docker-py sends everything behind a version prefix.
            JsonNode prefixed = ok(200, api.get("/v1.47/sc/v1/version"));
            assertEquals(sc, prefixed.path("SmartContainers"));

            assertError(405, "", api.call("POST", "/sc/v1/version", null, null));
            assertError(404, "no such SmartContainers API call", api.get("/sc/v1/nonsense"));
            assertError(404, "no such SmartContainers API call", api.get("/v1.47/sc/v1/images/" + DockerSocket.BASE_IMAGE + "/frobnicate"));
            assertError(404, "no such SmartContainers API call", api.get("/sc/v1/images/" + DockerSocket.BASE_IMAGE + "/entry"));
        }
    }

    /** Config. */
    @Nested
    class Config {

        @Test
        void configIsReplacedWholeAndAnInvalidOneChangesNothing() {
            String valid = "{\"agent\": {\"name\": \"Zoë Tester\", \"email\": \"zoe@example.org\", \"affiliation\": \"Example Lab\","
                    + " \"homepage\": \"https://example.org/zoe\", \"orcid\": \"https://orcid.org/0000-0002-1825-0097\"},"
                    + " \"users\": {\"1001\": {\"givenName\": \"Ada\", \"familyName\": \"Second\", \"orcid\": \"0000-0001-5109-3700\"},"
                    + " \"alice\": {\"name\": \"Alice\"}}}";
            JsonNode answer = ok(200, api.json("PUT", "/sc/v1/config", valid));
            // Answered as it now applies: ORCID iDs kept as IRIs, non-ASCII intact.
            assertEquals("https://orcid.org/0000-0002-1825-0097", answer.path("agent").path("orcid").asText(), answer.toString());
            assertEquals("Zoë Tester", answer.path("agent").path("name").asText(), answer.toString());
            assertEquals("https://orcid.org/0000-0001-5109-3700", answer.path("users").path("1001").path("orcid").asText());
            assertEquals("Alice", answer.path("users").path("alice").path("name").asText());
            assertEquals(answer, ok(200, api.get("/sc/v1/config")));
            assertEquals(answer, ok(200, api.get("/sc/v1/config?layer=effective")));
            JsonNode stored = ok(200, api.get("/sc/v1/config?layer=stored"));
            assertEquals(answer, stored, "no environment or flags over the file here");
            assertEquals(stored, ok(200, api.get("/v1.47/sc/v1/config?layer=stored")));

            // Each refused with 400 and why; the stored config stays as it was.
            assertError(400, "check digit", api.json("PUT", "/sc/v1/config", "{\"agent\": {\"orcid\": \"0000-0002-1825-0098\"}}"));
            assertError(400, "e-mail", api.json("PUT", "/sc/v1/config", "{\"agent\": {\"email\": \"not-an-address\"}}"));
            assertError(400, "e-mail", api.json("PUT", "/sc/v1/config",
                    "{\"agent\": {\"name\": \"Fine\"}, \"users\": {\"0\": {\"email\": \"also wrong\"}}}"));
            assertError(400, "invalid config", api.json("PUT", "/sc/v1/config", "{\"agent\": {\"nickname\": \"zo\"}}"));
            assertError(400, "invalid config", api.json("PUT", "/sc/v1/config", "{\"agents\": {}}"));
            assertError(400, "not a uid or a user name", api.json("PUT", "/sc/v1/config",
                    "{\"users\": {\"no such user!\": {\"name\": \"x\"}}}"));
            assertError(400, "home page", api.json("PUT", "/sc/v1/config", "{\"agent\": {\"homepage\": \"ftp://example.org\"}}"));
            assertError(400, "not JSON", api.json("PUT", "/sc/v1/config", "{\"agent\": "));
            assertError(400, "JSON object", api.json("PUT", "/sc/v1/config", "[1, 2]"));
            assertError(400, "JSON body", api.call("PUT", "/sc/v1/config", "application/json", null));
            assertError(400, "layer", api.get("/sc/v1/config?layer=bogus"));
            assertError(405, "", api.call("DELETE", "/sc/v1/config", null, null));
            assertEquals(stored, ok(200, api.get("/sc/v1/config?layer=stored")), "nothing refused was stored");
            assertEquals(answer, ok(200, api.get("/sc/v1/config")), "nothing refused applies");
        }
    }

    /** Labels. */
    @Nested
    class Labels {

        @Test
        void labelsAreReadForImagesAndContainersWithDockersErrorsForUnknownOnes() {
            String slashed = "sc-it/api-" + random + ":v1";
            String name = cli.name("label");
            try {
                direct.run("tag", DockerSocket.BASE_IMAGE, slashed).ok(); // read only: sharing sc-busybox's ID is harmless
                assertError(404, "No such image", api.get("/sc/v1/images/sc-it/no-such-" + random + ":v1/label"));
                assertError(404, "No such container", api.get("/sc/v1/containers/sc-it-no-such-" + random + "/label"));
                // Found, with a slash and a tag in its reference, but no label: a 404 that says so.
                assertError(404, "has no smartcontainer label", api.get("/sc/v1/images/" + slashed + "/label"));

                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                String id = containerId(name);
                for (String path : List.of("/sc/v1/containers/" + name + "/label", "/sc/v1/containers/" + id + "/label",
                        "/v1.47/sc/v1/containers/" + id.substring(0, 12) + "/label")) {
                    RawHttp.Response response = api.get(path);
                    assertEquals(200, response.status(), path + ": " + response);
                    Model label = jsonLd(response.body());
                    assertTrue(label.isIsomorphicWith(dockerLabel("container", name)), "the label as Docker holds it: " + path);
                    assertTrue(label.contains(null, RDF.type, Vocab.Docker.Create), response.body());
                }
                assertError(405, "", api.call("DELETE", "/sc/v1/containers/" + name + "/label", null, null));
            } finally {
                direct.run("rm", "-f", name);
                direct.run("rmi", slashed);
            }
        }

        @Test
        void aLabelPutOnAContainerBecomesItsMetadataAndBadBodiesAreRefused() throws Exception {
            String name = cli.name("put");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                String id = containerId(name);
                String container = Vocab.containerIri(id);
                String subject = "https://example.org/sc-it/run-" + random;
                String path = "/sc/v1/containers/" + name + "/label";

                JsonNode created = ok(201, api.json("PUT", path, document(subject, container)));
                String location = created.path("Location").asText();
                assertTrue(location.startsWith(proxy.httpUrl() + "/containers/" + id + "/metadata/"), created.toString());
                assertFalse(created.has("Id"), "no commit for a plain PUT: " + created);
                HttpResponse<String> resource = httpGet(location, "text/turtle");
                assertEquals(200, resource.statusCode(), resource.body());
                Model served = ModelFactory.createDefaultModel();
                RDFParser.create().source(new StringReader(resource.body())).lang(Lang.TURTLE).base(location).parse(served);
                assertTrue(hasDocument(served, subject, container), "the metadata resource holds the document:\n" + resource.body());
                // A second PUT is another resource, not a replacement of the first.
                String second = ok(201, api.json("PUT", "/v1.47" + path, document(subject, container))).path("Location").asText();
                assertNotEquals(location, second);

                assertError(400, "applies to images", api.json("PUT", path + "?commit=true", document(subject, container)));
                assertError(400, "not JSON", api.json("PUT", path, "<rdf:RDF/>"));
                assertError(400, "JSON object", api.json("PUT", path, "[]"));
                assertError(400, "no statements", api.json("PUT", path, "{\"title\": \"no context\"}"));
                assertError(404, "No such container", api.json("PUT", "/sc/v1/containers/sc-it-no-such-" + random + "/label",
                        document(subject, container)));
                assertError(404, "No such image", api.json("PUT", "/sc/v1/images/sc-it-no-such-" + random + ":v1/label?commit=true",
                        document(subject, container)));
            } finally {
                direct.run("rm", "-f", name);
            }
        }

        @Test
        void aLabelPutWithCommitMakesANewImageThatCarriesItAndTheTags() throws Exception {
            String slashed = "sc-it/api-" + random + "-commit:v1";
            String plain = "sc-it-api-" + random + "-commit:v2";
            String oldId = ownImage(slashed, plain);
            String newId = null;
            try {
                String oldCmd = direct.run("image", "inspect", "-f", "{{json .Config.Cmd}}", oldId).ok().out();
                String subject = "https://example.org/sc-it/dataset-" + random;
                String oldImage = Vocab.imageIri(oldId);

                JsonNode made = ok(201, api.json("PUT", "/sc/v1/images/" + slashed + "/label?commit=true", document(subject, oldImage)));
                newId = made.path("Id").asText();
                String activity = made.path("Activity").asText();
                assertTrue(newId.startsWith("sha256:") && !newId.equals(oldId), made.toString());
                assertTrue(activity.startsWith(Vocab.INSTANCE_BASE + "activity/"), made.toString());
                assertTrue(made.path("Location").asText().startsWith(proxy.httpUrl() + "/images/" + Vocab.bareId(oldId) + "/metadata/"),
                        made.toString());
                assertEquals(List.of(slashed), List.of(made.path("Tags").path(0).asText()), made.toString());
                assertEquals(1, made.path("Tags").size(), made.toString());
                // The tag named moved to the new image; the other stays; the rest of the image is as it was.
                assertEquals(newId, imageId(slashed));
                assertEquals(oldId, imageId(plain));
                assertEquals(oldCmd, direct.run("image", "inspect", "-f", "{{json .Config.Cmd}}", newId).ok().out());
                assertEquals("physics", direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", newId).ok().out());
                assertEquals("", direct.run("ps", "-a", "-q", "--filter", "ancestor=" + oldId).ok().out(),
                        "the temporary container is gone");

                Model label = dockerLabel("image", slashed);
                assertTrue(hasDocument(label, subject, oldImage), "the label holds the document's triples:\n" + label);
                assertTrue(ask(label, "<" + activity + "> a docker:ContainerCommit; prov:startedAtTime ?s;"
                        + " prov:wasAssociatedWith ?sc . ?sc a prov:SoftwareAgent"), "and the commit that made it:\n" + label);
                assertTrue(jsonLd(api.get("/sc/v1/images/" + slashed + "/label").body()).isIsomorphicWith(label),
                        "GET answers the new image's label");

                // The commit is recorded like any other.
                String image = "<" + Vocab.imageIri(newId) + ">";
                assertTrue(api.ask(PREFIXES + "ASK { GRAPH <" + activity + "> { " + image + " prov:wasGeneratedBy <" + activity + ">;"
                        + " prov:wasDerivedFrom <" + oldImage + "> . <" + activity + "> a docker:ContainerCommit; sc:outcome 'success' } }"));
                // And the document is also the old image's metadata.
                assertTrue(api.ask("ASK { GRAPH ?g { <" + subject + "> <http://purl.org/dc/terms/title> 'API test " + random + "' } }"));
            } finally {
                direct.removeImages(slashed, plain, newId, oldId);
            }
        }
    }

    /** Smart. */
    @Nested
    class Smart {

        @Test
        void smartOnAnImageReconstructsItsProvenanceAndLabelsACopy() {
            String tag = "sc-it-api-" + random + "-smart:v1";
            String oldId = ownImage(tag);
            String newId = null;
            try {
                assertError(404, "has no smartcontainer label", api.get("/sc/v1/images/" + tag + "/label"));
                JsonNode made = ok(201, api.call("POST", "/sc/v1/images/" + tag + "/smart", null, null));
                newId = made.path("Id").asText();
                String reconstructed = made.path("Reconstructed").asText();
                String activity = made.path("Activity").asText();
                assertTrue(made.path("Labelled").asBoolean(false), made.toString());
                assertNotEquals(oldId, newId, made.toString());
                assertNotEquals(reconstructed, activity, made.toString());
                assertEquals(tag, made.path("Tags").path(0).asText(), made.toString());
                assertEquals(newId, imageId(tag));

                Model label = dockerLabel("image", tag);
                assertTrue(ask(label, "<" + reconstructed + "> sc:reconstructed true; prov:generated <" + Vocab.imageIri(oldId) + ">"),
                        "the label holds the reconstruction:\n" + label);
                assertTrue(ask(label, "<" + activity + "> a docker:ContainerCommit"), "and the commit:\n" + label);
                assertTrue(jsonLd(ok(200, api.get("/sc/v1/images/" + tag + "/label")).toString()).isIsomorphicWith(label));

                assertTrue(api.ask(PREFIXES + "ASK { GRAPH <" + reconstructed + "> { <" + reconstructed + "> sc:reconstructed true;"
                        + " sc:note ?note; prov:generated <" + Vocab.imageIri(oldId) + "> } }"), "recorded, marked as reconstructed");
                assertFalse(api.ask(PREFIXES + "ASK { <" + reconstructed + "> prov:wasAssociatedWith ?who }"),
                        "who made it is not known, so nobody is named");
                assertTrue(api.ask(PREFIXES + "ASK { <" + Vocab.imageIri(newId) + "> prov:wasGeneratedBy <" + activity + "> }"));

                assertError(404, "No such image", api.call("POST", "/sc/v1/images/sc-it-no-such-" + random + ":v1/smart", null, null));
                assertError(405, "", api.get("/sc/v1/images/" + tag + "/smart"));
            } finally {
                direct.removeImages(tag, newId, oldId);
            }
        }

        @Test
        void smartOnAContainerRecordsItButCannotLabelIt() {
            String name = direct.name("smart");
            try {
                direct.run("create", "--name", name, "-w", "/tmp", DockerSocket.BASE_IMAGE, "true").ok(); // not through the proxy
                String id = containerId(name);
                assertError(404, "has no smartcontainer label", api.get("/sc/v1/containers/" + name + "/label"));
                JsonNode made = ok(201, api.call("POST", "/v1.47/sc/v1/containers/" + name + "/smart", null, null));
                assertFalse(made.path("Labelled").asBoolean(true), made.toString());
                assertEquals(id, made.path("Id").asText());
                String reconstructed = made.path("Reconstructed").asText();
                assertTrue(api.ask(PREFIXES + "ASK { GRAPH <" + reconstructed + "> { <" + reconstructed + "> a docker:ContainerCreate;"
                        + " sc:reconstructed true; docker:name '" + name + "'; docker:workingDir '/tmp'; prov:generated <"
                        + Vocab.containerIri(id) + "> . <" + Vocab.containerIri(id) + "> prov:wasDerivedFrom <"
                        + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE)) + "> } }"), made.toString());
                assertEquals("", direct.run("inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", name).ok().out()
                        .replace("<no value>", ""), "still no label");
                assertError(404, "No such container", api.call("POST", "/sc/v1/containers/sc-it-no-such-" + random + "/smart",
                        null, null));
            } finally {
                direct.run("rm", "-f", name);
            }
        }
    }

    /** Entry. */
    @Nested
    class Entry {

        @Test
        void entryLinksAContainerToItsRecordsOnTheHttpServer() throws Exception {
            String name = cli.name("entry");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                String id = containerId(name);
                String base = proxy.httpUrl();
                RawHttp.Response response = api.get("/sc/v1/containers/" + name + "/entry");
                assertEquals(200, response.status(), response.toString());
                assertTrue(response.header("Content-Type").startsWith("application/ld+json"), response.toString());

                Model entry = jsonLd(response.body());
                String hydra = WebVocab.HYDRA_NS;
                var point = entry.createResource(base + "/containers/" + id + "/entry");
                assertTrue(entry.contains(point, RDF.type, entry.createResource(hydra + "EntryPoint")), response.body());
                assertTrue(entry.contains(point, entry.createProperty(hydra, "apiDocumentation"), entry.createResource(base + "/api-doc")));
                assertTrue(entry.contains(point, entry.createProperty(Vocab.FOAF_NS, "primaryTopic"),
                        entry.createResource(Vocab.containerIri(id))));
                assertTrue(entry.contains(point, Vocab.Prov.has_provenance, entry.createResource(base + "/containers/" + id)));
                assertTrue(entry.contains(point, entry.createProperty(Vocab.SC_NS, "image"),
                        entry.createResource(base + "/images/" + Vocab.bareId(imageId(DockerSocket.BASE_IMAGE)))));
                assertTrue(entry.contains(point, entry.createProperty(Vocab.SC_NS, "metadata"),
                        entry.createResource(base + "/containers/" + id + "/metadata/")));
                assertTrue(entry.contains(point, entry.createProperty(Vocab.SC_NS, "sparqlEndpoint"), entry.createResource(base + "/sparql")));

                // Every link leads somewhere on the HTTP server.
                JsonNode links = ScApi.parse(response);
                for (String link : List.of("provenance", "image", "lineage", "metadata", "apiDocumentation")) {
                    HttpResponse<String> followed = httpGet(links.path(link).asText(), "text/turtle");
                    assertEquals(200, followed.statusCode(), link + " " + links.path(link).asText() + ": " + followed.body());
                }
                HttpResponse<String> provenance = httpGet(links.path("provenance").asText(), "text/turtle");
                Model record = ModelFactory.createDefaultModel();
                RDFParser.create().source(new StringReader(provenance.body())).lang(Lang.TURTLE).base(base).parse(record);
                assertTrue(record.contains(null, Vocab.Docker.name, name), "the record of its create:\n" + provenance.body());

                assertError(404, "No such container", api.get("/sc/v1/containers/sc-it-no-such-" + random + "/entry"));
                assertError(405, "", api.call("POST", "/sc/v1/containers/" + name + "/entry", null, null));
            } finally {
                direct.run("rm", "-f", name);
            }
        }
    }

    /** Sparql, export. */
    @Nested
    class SparqlExport {

        @Test
        void sparqlAnswersJsonAndSparqlQueryBodiesAndRefusesBadOnes() throws Exception {
            String name = cli.name("sparql");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                String container = "<" + Vocab.containerIri(containerId(name)) + ">";
                assertTrue(api.ask(PREFIXES + "ASK { " + container + " prov:wasGeneratedBy [ docker:name '" + name + "' ] }"));
                assertFalse(api.ask(PREFIXES + "ASK { " + container + " prov:wasGeneratedBy [ docker:name 'not-" + name + "' ] }"));

                String select = PREFIXES + "SELECT ?name WHERE { " + container + " prov:wasGeneratedBy ?a . ?a docker:name ?name }";
                for (String path : List.of("/sc/v1/sparql", "/v1.47/sc/v1/sparql")) {
                    RawHttp.Response response = api.call("POST", path, "application/sparql-query", select);
                    JsonNode rows = ok(200, response).path("results").path("bindings");
                    assertTrue(response.header("Content-Type").startsWith("application/sparql-results+json"), response.toString());
                    assertEquals(1, rows.size(), response.body());
                    assertEquals(name, rows.get(0).path("name").path("value").asText());
                }
                String encoded = URLEncoder.encode(select, StandardCharsets.UTF_8);
                assertEquals(name, ok(200, api.get("/sc/v1/sparql?query=" + encoded)).path("results").path("bindings").get(0)
                        .path("name").path("value").asText());

                assertError(400, "malformed query", api.json("POST", "/sc/v1/sparql", "{\"query\": \"SELEKT ?x WHERE { }\"}"));
                assertError(400, "malformed query", api.call("POST", "/sc/v1/sparql", "application/sparql-query", "ASK {"));
                assertError(400, "\"query\"", api.json("POST", "/sc/v1/sparql", "{\"q\": \"ASK {}\"}"));
                assertError(400, "not JSON", api.json("POST", "/sc/v1/sparql", "ASK {}"));
                assertError(400, "read-only", api.json("POST", "/sc/v1/sparql", "{\"query\": \"DROP ALL\"}"));
                assertError(400, "read-only", api.call("POST", "/sc/v1/sparql", "application/sparql-update", "DROP ALL"));
                assertTrue(api.ask(PREFIXES + "ASK { " + container + " ?p ?o }"), "an update changed nothing");
            } finally {
                direct.run("rm", "-f", name);
            }
        }

        @Test
        void exportGivesTheWholeStoreInEachFormat() {
            String name = cli.name("export");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                var container = ModelFactory.createDefaultModel().createResource(Vocab.containerIri(containerId(name)));

                for (String path : List.of("/sc/v1/export", "/sc/v1/export?format=trig")) {
                    RawHttp.Response trig = api.get(path);
                    assertEquals(200, trig.status(), trig.toString());
                    assertTrue(trig.header("Content-Type").startsWith("application/trig"), trig.toString());
                    Dataset dataset = DatasetFactory.create();
                    RDFParser.create().source(new StringReader(trig.body())).lang(Lang.TRIG).parse(dataset);
                    // Each record in its own named graph, the activity's.
                    String activity = dataset.getUnionModel().listObjectsOfProperty(container, Vocab.Prov.wasGeneratedBy).next()
                            .asResource().getURI();
                    assertTrue(dataset.containsNamedModel(activity), "the record's graph is there: " + activity);
                    assertTrue(dataset.getNamedModel(activity).contains(null, Vocab.Docker.name, name));
                }
                RawHttp.Response turtle = api.get("/sc/v1/export?format=turtle");
                assertEquals(200, turtle.status(), turtle.toString());
                assertTrue(turtle.header("Content-Type").startsWith("text/turtle"), turtle.toString());
                Model merged = turtle(turtle.body());
                assertTrue(merged.contains(container, Vocab.Prov.wasGeneratedBy), turtle.body());

                // The daemon records in the background (labels of images made before it started, Docker's events):
                // the two formats are compared from exports between which the store did not move.
                Model same = null;
                Model asJsonLd = null;
                for (int attempt = 0; attempt < 20 && same == null; attempt++) {
                    RawHttp.Response jsonld = api.get("/v1.47/sc/v1/export?format=jsonld");
                    assertEquals(200, jsonld.status(), jsonld.toString());
                    assertTrue(jsonld.header("Content-Type").startsWith("application/ld+json"), jsonld.toString());
                    asJsonLd = jsonLd(jsonld.body());
                    Model after = turtle(api.get("/sc/v1/export?format=turtle").body());
                    same = after.isIsomorphicWith(merged) ? merged : null;
                    merged = after;
                }
                assertTrue(same != null, "the store stopped moving");
                assertTrue(asJsonLd.isIsomorphicWith(same), "JSON-LD and Turtle say the same");

                assertError(400, "format", api.get("/sc/v1/export?format=rdfxml"));
                assertError(405, "", api.call("POST", "/sc/v1/export", null, null));
            } finally {
                direct.run("rm", "-f", name);
            }
        }
    }

    /** The Docker API beside it. */
    @Nested
    class DockerApiBeside {

        @Test
        void pipelinedRequestsAreAnsweredInTheOrderTheyCame() {
            // Pipelined on one connection, the API's own before and between the daemon's. Each answer is checked as it
            // is read, so one missing fails at once instead of waiting for it.
            try (RawHttp connection = new RawHttp(proxy.socket())) {
                connection.send("GET /sc/v1/version HTTP/1.1\r\nHost: docker\r\n\r\n"
                        + "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n"
                        + "GET /v1.47/sc/v1/config HTTP/1.1\r\nHost: docker\r\n\r\n"
                        + "GET /v1.41/_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
                RawHttp.Response version = connection.read();
                assertTrue(version.body().contains("\"SmartContainers\""), "1st answer, to /sc/v1/version: " + version);
                RawHttp.Response ping = connection.read();
                assertEquals("OK", ping.body(), "2nd answer, to /_ping: " + ping);
                RawHttp.Response config = connection.read();
                assertTrue(config.body().contains("\"agent\""), "3rd answer, to /sc/v1/config: " + config);
                RawHttp.Response again = connection.read();
                assertEquals("OK", again.body(), "4th answer, to /_ping: " + again);
            }
        }

        @Test
        void dockersOwnApiStillPassesOnTheSameSocketAndConnection() {
            // One keep-alive connection, request after answer, the API's calls and the daemon's mixed.
            try (RawHttp connection = new RawHttp(proxy.socket())) {
                for (int i = 0; i < 2; i++) {
                    assertTrue(ScApi.parse(connection.get("/sc/v1/version")).has("SmartContainers"));
                    assertEquals("OK", connection.get("/_ping").body());
                    assertEquals(200, connection.get("/v1.47/sc/v1/config").status());
                    assertTrue(ScApi.parse(connection.get("/version")).has("ApiVersion"), "the daemon's own /version");
                }
            }

            // The CLI, as a user runs it, through the very socket the API answers on.
            assertEquals(direct.run("version", "-f", "{{.Server.Version}}").ok().out(),
                    cli.run("version", "-f", "{{.Server.Version}}").ok().out());
            String name = cli.name("cli");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                assertTrue(cli.run("ps", "-a", "--filter", "name=" + name, "--format", "{{.Names}}").ok().out().contains(name));
                assertEquals(200, api.get("/sc/v1/containers/" + name + "/label").status(), "created by the CLI, read by the API");
                var missing = cli.run("inspect", "sc-it-no-such-" + random);
                assertNotEquals(0, missing.exitCode());
                assertTrue(missing.stderr().contains("No such object"), missing.stderr());
            } finally {
                direct.run("rm", "-f", name);
            }
        }
    }

}
