package org.smartcontainers.web.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.rdf.WebVocab.Ldp;
import org.smartcontainers.provenance.Vocab;
import java.util.Map;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ContainerLife;
import org.smartcontainers.provenance.record.ImageHistory;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;

/** The entry point, the provenance containers and their members, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvenanceContainerTest {
    private static final int IMAGES = 250; // three pages of 100
    private static final String BASE_IMAGE = "a".repeat(64);
    private static final String BUILT_IMAGE = "b".repeat(64);
    private static final String ACTIVITY = Vocab.activityIri("4f7c2c1e-0000-4000-8000-000000000001");
    /** An image known only from its label, which claims an activity made it from the base image. */
    private static final String CLAIMED_IMAGE = "d".repeat(64);
    private static final String CLAIMED_ACTIVITY = Vocab.activityIri("4f7c2c1e-0000-4000-8000-000000000002");

    private final HttpClient client = HttpClient.newHttpClient();
    private LocalStore store;
    private LdpServer server;
    private String base;

    @BeforeAll
    void start() {
        store = LocalStore.inMemory();
        List<NamedGraph> graphs = new ArrayList<>();
        for (int i = 0; i < IMAGES - 3; i++) { // the base, the built and the claimed image are the other three
            Model model = ModelFactory.createDefaultModel();
            model.createResource(Vocab.imageIri(String.format("%064x", i + 1000))).addProperty(RDF.type, Vocab.Docker.Image);
            graphs.add(new NamedGraph("urn:test:image:" + i, model));
        }
        Model build = ModelFactory.createDefaultModel();
        Resource activity = build.createResource(ACTIVITY).addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, Vocab.Docker.Build);
        Resource baseImage = build.createResource(Vocab.imageIri(BASE_IMAGE)).addProperty(RDF.type, Vocab.Docker.Image);
        build.createResource(Vocab.imageIri(BUILT_IMAGE)).addProperty(RDF.type, Vocab.Docker.Image)
                .addProperty(Vocab.Prov.wasGeneratedBy, activity).addProperty(Vocab.Prov.wasDerivedFrom, baseImage)
                .addProperty(Vocab.Docker.label, build.createResource()
                        .addProperty(Vocab.Docker.labelKey, "team").addProperty(Vocab.Docker.labelValue, "physics"));
        activity.addProperty(Vocab.Prov.used, baseImage);
        graphs.add(new NamedGraph(ACTIVITY, build));
        graphs.add(LabelProvenance.read(CLAIMED_IMAGE, "{\"@context\": {\"prov\": \"" + Vocab.PROV_NS + "\"}, \"@graph\": [{\"@id\": \""
                + CLAIMED_ACTIVITY + "\", \"@type\": \"prov:Activity\", \"prov:used\": {\"@id\": \"" + Vocab.imageIri(BASE_IMAGE)
                + "\"}}]}"));
        graphs.addAll(names());
        store.commit(graphs);
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), store, Duration.ofSeconds(10));
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    private static final String ENGINE = "ENGINE:ID";

    /** The built image tagged team/tool:1 and team/tool:old, then untagged team/tool:old: Docker's image events as recorded. */
    private static List<NamedGraph> names() {
        ContainerLife.Who engine = new ContainerLife.Who(new Agents("1.0", "26.1.5"), false);
        DockerEvent tag1 = imageEvent("tag", "team/tool:1", 1_000);
        DockerEvent tagOld = imageEvent("tag", "team/tool:old", 2_000);
        DockerEvent untag = imageEvent("untag", "sha256:" + BUILT_IMAGE, 3_000);
        return List.of(
                ImageHistory.record(new ImageHistory.Event(tag1, ENGINE, BUILT_IMAGE, engine, Map.of(), List.of("team/tool:1"), Map.of())),
                ImageHistory.record(new ImageHistory.Event(tagOld, ENGINE, BUILT_IMAGE, engine, Map.of(), List.of("team/tool:old"),
                        Map.of())),
                ImageHistory.record(new ImageHistory.Event(untag, ENGINE, BUILT_IMAGE, engine, Map.of(), List.of(),
                        Map.of(Vocab.imageNameIri(BUILT_IMAGE, ENGINE, "team/tool:old", 2_000), "team/tool:old"))));
    }

    private static DockerEvent imageEvent(String action, String name, long nano) {
        return new DockerEvent("image", action, null, "sha256:" + BUILT_IMAGE, Map.of("name", name), nano);
    }

    @Test
    void anImagesPageShowsTheNamesItHasNowAndThoseItHad() throws Exception {
        String page = send("GET", "/images/" + BUILT_IMAGE, "Accept", "text/html").body();
        assertTrue(page.contains("<th>Names</th><td>team/tool:1</td>"), page);
        assertTrue(page.contains("<th>Earlier names</th><td>team/tool:old</td>"), page);
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Model parse(HttpResponse<String> response, Lang lang) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(response.body())).lang(lang).base(response.uri().toString())
                .parse(model);
        return model;
    }

    private static List<String> links(HttpResponse<?> response) {
        return response.headers().allValues("Link");
    }

    @Test
    void entryPointLinksTheFourContainersAndTheSparqlEndpoint() throws Exception {
        HttpResponse<String> response = send("GET", "/");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/turtle"));
        assertTrue(links(response).contains("<" + Ldp.BasicContainer.getURI() + ">; rel=\"type\""), links(response).toString());
        Model model = parse(response, Lang.TURTLE);
        Resource root = model.createResource(base + "/");
        for (String container : List.of("/images/", "/containers/", "/activities/", "/agents/")) {
            assertTrue(model.contains(root, Ldp.contains, model.createResource(base + container)), container);
        }
        assertTrue(model.contains(root, null, model.createResource(base + "/sparql")));
    }

    @Test
    void everyResponseLinksTheHydraApiDocumentationWhichNamesTheEntryPoint() throws Exception {
        String rel = "rel=\"" + Hydra.API_DOCUMENTATION_REL + "\"";
        for (String path : List.of("/", "/images/", "/nothing-here", "/sparql?query=nonsense")) {
            assertTrue(links(send("GET", path)).stream().anyMatch(l -> l.contains(rel)), path);
        }
        HttpResponse<String> doc = send("GET", "/api-doc");
        assertEquals(200, doc.statusCode());
        Model model = parse(doc, Lang.TURTLE);
        assertTrue(model.contains(model.createResource(base + "/api-doc"), Hydra.entrypoint, model.createResource(base + "/")));
        assertTrue(model.contains(null, Hydra.supportedClass, Vocab.Docker.Image));
    }

    @Test
    void containersArePagedHydraCollections() throws Exception {
        HttpResponse<String> first = send("GET", "/images/");
        assertEquals(200, first.statusCode());
        Model model = parse(first, Lang.TURTLE);
        Resource images = model.createResource(base + "/images/");
        assertTrue(model.contains(images, RDF.type, Ldp.BasicContainer));
        assertTrue(model.contains(images, RDF.type, Hydra.Collection));
        assertEquals(IMAGES, model.getRequiredProperty(images, Hydra.totalItems).getInt());
        assertEquals(100, model.listObjectsOfProperty(images, Ldp.contains).toList().size());
        assertEquals(100, model.listObjectsOfProperty(images, Hydra.member).toList().size());
        Resource view = model.getRequiredProperty(images, Hydra.view).getResource();
        assertEquals(base + "/images/?page=2", view.getRequiredProperty(Hydra.next).getResource().getURI());
        assertEquals(base + "/images/?page=3", view.getRequiredProperty(Hydra.last).getResource().getURI());

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Model pageModel = parse(send("GET", "/images/?page=" + page), Lang.TURTLE);
            pageModel.listObjectsOfProperty(pageModel.createResource(base + "/images/"), Ldp.contains)
                    .forEach(member -> seen.add(member.asResource().getURI()));
        }
        assertEquals(IMAGES, seen.size());
        assertEquals(IMAGES, seen.stream().distinct().count(), "pages do not overlap");
        assertTrue(seen.contains(base + "/images/" + BUILT_IMAGE));
        assertEquals(404, send("GET", "/images/?page=4").statusCode());
        assertEquals(400, send("GET", "/images/?page=zero").statusCode());
    }

    @Test
    void aMemberIsAnRdfSourceWithItsProvenanceAndWhatLinksToIt() throws Exception {
        HttpResponse<String> response = send("GET", "/images/" + BUILT_IMAGE);
        assertEquals(200, response.statusCode());
        assertTrue(links(response).contains("<" + Ldp.RDFSource.getURI() + ">; rel=\"type\""));
        assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
        Model model = parse(response, Lang.TURTLE);
        Resource image = model.createResource(Vocab.imageIri(BUILT_IMAGE));
        assertTrue(model.contains(model.createResource(base + "/images/" + BUILT_IMAGE), FOAF.primaryTopic, image));
        assertTrue(model.contains(image, Vocab.Prov.wasDerivedFrom, model.createResource(Vocab.imageIri(BASE_IMAGE))));
        assertTrue(model.contains(null, Vocab.Docker.labelValue, "physics"), "its blank nodes come along");
        assertTrue(model.contains(model.createResource(ACTIVITY), Vocab.Prov.used, model.createResource(Vocab.imageIri(BASE_IMAGE))),
                "the activity that generated it");

        Model baseModel = parse(send("GET", "/images/" + BASE_IMAGE), Lang.TURTLE);
        assertTrue(baseModel.contains(model.createResource(Vocab.imageIri(BUILT_IMAGE)), Vocab.Prov.wasDerivedFrom,
                baseModel.createResource(Vocab.imageIri(BASE_IMAGE))), "what links to it");

        Model activity = parse(send("GET", "/activities/4f7c2c1e-0000-4000-8000-000000000001"), Lang.TURTLE);
        assertTrue(activity.contains(activity.createResource(Vocab.imageIri(BUILT_IMAGE)), Vocab.Prov.wasGeneratedBy,
                activity.createResource(ACTIVITY)), "an activity's whole record");
    }

    @Test
    void whatOnlyALabelClaimsIsMarkedSoOnThePagesAndWhatWasObservedIsNot() throws Exception {
        String claimed = send("GET", "/images/" + CLAIMED_IMAGE, "Accept", "text/html").body();
        assertTrue(claimed.contains("<th>Made by</th><td><a href=\"" + base + "/activities/4f7c2c1e-0000-4000-8000-000000000002\">"),
                claimed);
        assertTrue(claimed.contains("prov:Activity</a> — <span class=\"claim\">claimed by the image&#39;s label</span>"), claimed);
        assertTrue(claimed.contains("prov:wasGeneratedBy</td><td><a href=\"" + base
                + "/activities/4f7c2c1e-0000-4000-8000-000000000002\">"), "its row in all statements");

        String baseImage = send("GET", "/images/" + BASE_IMAGE, "Accept", "text/html").body();
        assertTrue(baseImage.contains("claimed by the label of image <a href=\"" + base + "/images/" + CLAIMED_IMAGE + "\">"
                + CLAIMED_IMAGE.substring(0, 12) + "</a>"), "the claimed use of the base image names whose label claims it");
        assertEquals(2, baseImage.split("class=\"claim\"", -1).length - 1,
                "those rows alone (its use, and the labelled image's derivation from it): " + baseImage);
        assertTrue(baseImage.contains("prov:wasDerivedFrom</td><td><a href=\"" + base + "/images/" + BASE_IMAGE + "\">"), baseImage);

        String activity = send("GET", "/activities/4f7c2c1e-0000-4000-8000-000000000002", "Accept", "text/html").body();
        assertTrue(activity.contains("<th>Source</th><td><span class=\"claim\">claimed by the label of image"), activity);

        String observed = send("GET", "/images/" + BUILT_IMAGE, "Accept", "text/html").body();
        assertFalse(observed.contains("claimed by"), observed);
        assertTrue(observed.contains("<th>Source</th>"), "the column is there, empty");
    }

    @Test
    void membersNegotiateTurtleJsonLdAndNTriples() throws Exception {
        String path = "/images/" + BUILT_IMAGE;
        Model turtle = parse(send("GET", path), Lang.TURTLE);
        for (var offer : List.of(new String[] {"application/ld+json", "JSONLD"}, new String[] {"application/n-triples", "NT"},
                new String[] {"text/turtle;q=0.5, application/ld+json", "JSONLD"})) {
            HttpResponse<String> response = send("GET", path, "Accept", offer[0]);
            assertEquals(200, response.statusCode(), offer[0]);
            Lang lang = offer[1].equals("JSONLD") ? Lang.JSONLD : Lang.NTRIPLES;
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith(lang.getContentType().getContentTypeStr()));
            assertTrue(parse(response, lang).isIsomorphicWith(turtle), offer[0] + " says what Turtle says");
        }
        assertFalse(send("GET", path, "Accept", "application/ld+json").body().contains("http://www.w3.org/ns/prov#\"]"),
                "compact JSON-LD");
        assertEquals(406, send("GET", path, "Accept", "image/png").statusCode());
    }

    @Test
    void etagsHeadAndOptionsAnswerAsHttpSays() throws Exception {
        String path = "/images/" + BUILT_IMAGE;
        HttpResponse<String> get = send("GET", path);
        String etag = get.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, send("GET", path, "If-None-Match", etag).statusCode());
        assertEquals(200, send("GET", path, "If-None-Match", "\"other\"").statusCode());
        assertFalse(etag.equals(send("GET", path, "Accept", "application/n-triples").headers().firstValue("ETag").orElseThrow()),
                "each representation has its own tag");

        HttpResponse<String> head = send("HEAD", path);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(etag, head.headers().firstValue("ETag").orElseThrow());

        HttpResponse<String> options = send("OPTIONS", path);
        assertEquals(200, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void provenanceIsReadOnly() throws Exception {
        for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
            for (String path : List.of("/images/" + BUILT_IMAGE, "/images/", "/")) {
                HttpResponse<String> response = send(method, path, "Content-Type", "text/turtle");
                assertEquals(405, response.statusCode(), method + " " + path);
                assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
            }
        }
    }

    @Test
    void unknownMembersAndBadPathsAreRefused() throws Exception {
        assertEquals(404, send("GET", "/images/" + "c".repeat(64)).statusCode());
        assertEquals(404, send("GET", "/containers/" + BUILT_IMAGE).statusCode(), "an image is not a container");
        assertEquals(404, send("GET", "/nowhere").statusCode());
        assertEquals(400, send("GET", "/images/%2e%2e/%2e%2e/etc/passwd").statusCode());
        assertEquals(400, send("GET", "/images/a%2Fb").statusCode());
        assertEquals(404, send("GET", "/agents/iri-" + "not base64!".replace(" ", "")).statusCode());
        HttpResponse<String> noSlash = send("GET", "/images");
        assertEquals(301, noSlash.statusCode());
        assertEquals("/images/", noSlash.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void malformedHttpAndOversizedBodiesGetClearErrors() throws Exception {
        assertTrue(raw("GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400"), "malformed request line");
        String huge = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: "
                + (LdpServer.MAX_BODY_BYTES + 1) + "\r\n\r\n";
        assertTrue(raw(huge).startsWith("HTTP/1.1 413"), "an unbounded body is refused before it is read");
        assertTrue(raw("GET /sparql?query=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").startsWith("HTTP/1.1 400"), "a bad %-escape");
        assertTrue(raw("POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 9\r\n\r\nquery=%ZZ").startsWith("HTTP/1.1 400"), "a bad %-escape in a form");
        assertEquals(200, send("GET", "/").statusCode(), "the server goes on");
    }

    /** Bodies left unfinished hold memory the Docker relay shares: only so many at once; the rest 503, GETs go on. */
    @Test
    void unfinishedBodiesTakeNoMoreThanTheServersBudget() throws Exception {
        String head = "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: "
                + LdpServer.MAX_BODY_BYTES + "\r\n\r\nSELECT";
        List<Socket> stalled = new ArrayList<>();
        try {
            String refused = null;
            for (int i = 0; i < 8 && refused == null; i++) {
                Socket socket = new Socket("127.0.0.1", server.address().getPort());
                stalled.add(socket);
                socket.setSoTimeout(1000);
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                try {
                    byte[] answer = socket.getInputStream().readNBytes(12);
                    refused = new String(answer, StandardCharsets.US_ASCII);
                } catch (java.net.SocketTimeoutException waiting) {
                    // held, waiting for the rest of its body
                }
            }
            assertEquals("HTTP/1.1 503", refused, "a body over the budget is refused");
            assertEquals(5, stalled.size(), "after four of the largest bodies");
            assertEquals(200, send("GET", "/").statusCode(), "a request without a body always fits");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        HttpResponse<String> after = null;
        for (int i = 0; i < 100 && (after == null || after.statusCode() == 503); i++) {
            Thread.sleep(i == 0 ? 0 : 50); // the closed connections give their budget back on their event loop
            after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                    + "/sparql")).header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                    .POST(HttpRequest.BodyPublishers.ofString("ASK {}")).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(200, after.statusCode(), "the budget comes back when they close: " + after.body());
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(30_000); // a hang guard, not a limit on speed
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, head.length);
            assertNotNull(head);
            return new String(head, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
