package org.smartcontainers.web.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;
import org.smartcontainers.web.rdf.BoundedRdf;
import org.smartcontainers.web.rdf.WebVocab;
import org.smartcontainers.web.rdf.WebVocab.Ldp;

/**
 * The writable metadata containers, {@code /images/{id}/metadata/} and
 * {@code /containers/{id}/metadata/}, over real HTTP against a real (temporary TDB2) store. Each
 * test that writes works on an image of its own, so tests do not see each other's members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataContainersTest {
    private static final String TOKEN = "test-token-0123456789-abcdefghijklmnop";
    private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
    private static final String TURTLE = "text/turtle";
    private static final String SPARQL_UPDATE = "application/sparql-update";
    private static final String PREFIXES = "@prefix dct: <http://purl.org/dc/terms/> .\n"
            + "@prefix ldp: <http://www.w3.org/ns/ldp#> .\n@prefix sc: <" + Vocab.SC_NS + "> .\n";
    private static final String UPDATE_PREFIXES = "PREFIX dct: <http://purl.org/dc/terms/>\n";
    private static final String CONSTRAINED_BY = "rel=\"" + WebVocab.LDP_NS + "constrainedBy\"";
    private static final String MINIMAL_CONTAINER = WebVocab.LDP_NS + "PreferMinimalContainer";
    private static final String CONTAINMENT = WebVocab.LDP_NS + "PreferContainment";
    /** A hang guard for every request, not a limit on speed: the machine may be busy. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String IMAGE = randomId();
    private static final String CONTAINER = randomId();
    private static final String NAMESPACED_IMAGE = randomId();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HANG_GUARD).build();
    private LocalStore store;
    private LdpServer server;
    private String base;

    /** What Docker would answer for names and short IDs: the one stand-in here (the real lookup is in the integration tests). */
    private record NamesForTest(Map<String, String> images, Map<String, String> containers) implements DockerNames {
        @Override
        public Optional<String> imageId(String reference) {
            return Optional.ofNullable(images.get(reference));
        }

        @Override
        public Optional<String> containerId(String reference) {
            return Optional.ofNullable(containers.get(reference));
        }
    }

    @BeforeAll
    void start() {
        store = LocalStore.inMemory();
        commitEntity(Vocab.imageIri(IMAGE), Vocab.Docker.Image);
        commitEntity(Vocab.imageIri(NAMESPACED_IMAGE), Vocab.Docker.Image);
        commitEntity(Vocab.containerIri(CONTAINER), Vocab.Docker.Container);
        // Docker names images by "sha256:<hex>", containers by the bare hex.
        DockerNames names = new NamesForTest(
                Map.of("myimage:latest", "sha256:" + IMAGE, IMAGE.substring(0, 12), "sha256:" + IMAGE,
                        "team/analysis:1.0", "sha256:" + NAMESPACED_IMAGE),
                Map.of("mycontainer", CONTAINER, CONTAINER.substring(0, 12), CONTAINER));
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), List.of("sc.example.org"), store, Duration.ofSeconds(10),
                TOKEN, names); // a second name it serves, for the tests of IRIs under another host name
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    // ---- fixtures and helpers ----

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void commitEntity(String iri, Resource type) {
        Model model = ModelFactory.createDefaultModel();
        model.createResource(iri).addProperty(RDF.type, type);
        store.commit(List.of(new NamedGraph("urn:test:graph:" + randomId(), model)));
    }

    /** An image of the test's own, recorded in the store, so its metadata container starts empty. */
    private String newImage() {
        String id = randomId();
        commitEntity(Vocab.imageIri(id), Vocab.Docker.Image);
        return id;
    }

    private static String containerPath(String imageId) {
        return "/images/" + imageId + "/metadata/";
    }

    private static String stable(String imageId) {
        return Vocab.imageIri(imageId) + "/metadata/";
    }

    private HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body, String... headers)
            throws Exception {
        String target = path.startsWith("http") ? path : base + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(HANG_GUARD)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, null, (byte[]) null, headers);
    }

    private HttpResponse<byte[]> patch(String location, String update, String... headers) throws Exception {
        return send("PATCH", location, SPARQL_UPDATE, UPDATE_PREFIXES + update, with(AUTH, headers));
    }

    private static String[] with(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** POSTs Turtle (with the usual prefixes) to an image's metadata container; asserts 201 and returns Location. */
    private String createRdf(String imageId, String slug, String turtle) throws Exception {
        HttpResponse<byte[]> created = send("POST", containerPath(imageId), TURTLE, PREFIXES + turtle, with(AUTH, "Slug", slug));
        assertEquals(201, created.statusCode(), text(created));
        return created.headers().firstValue("Location").orElseThrow();
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static List<String> links(HttpResponse<?> response) {
        return response.headers().allValues("Link");
    }

    private static boolean hasType(HttpResponse<?> response, Resource type) {
        return links(response).contains("<" + type.getURI() + ">; rel=\"type\"");
    }

    private static Model parse(HttpResponse<byte[]> response, Lang lang) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new ByteArrayInputStream(response.body())).lang(lang).base(response.uri().toString())
                .parse(model);
        return model;
    }

    private Model getModel(String url) throws Exception {
        HttpResponse<byte[]> response = get(url);
        assertEquals(200, response.statusCode(), url + ": " + text(response));
        return parse(response, Lang.TURTLE);
    }

    private Set<String> members(String containerUrl) throws Exception {
        Model model = getModel(containerUrl);
        return model.listObjectsOfProperty(model.createResource(containerUrl), Ldp.contains)
                .mapWith(member -> member.asResource().getURI()).toSet();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One request over a plain socket (for a Host header HttpClient will not send, or a body never
     * sent): the answer's head and its body (by Content-Length; the connection may stay open).
     */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout((int) HANG_GUARD.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = headers.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim())).findFirst().orElse(0);
            return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    /** The containers. */
    @Nested
    class TheContainers {

        @Test
        void eachImageAndContainerHasAnLdpBasicContainerThatSaysWhatItAccepts() throws Exception {
            for (String path : List.of(containerPath(IMAGE), "/containers/" + CONTAINER + "/metadata/")) {
                HttpResponse<byte[]> response = get(path);
                assertEquals(200, response.statusCode(), path);
                assertEquals(TURTLE, header(response, "Content-Type"));
                assertTrue(hasType(response, Ldp.BasicContainer), links(response).toString());
                assertTrue(header(response, "Allow").contains("POST"), header(response, "Allow"));
                List<String> acceptPost = List.of(header(response, "Accept-Post").split("\\s*,\\s*"));
                assertTrue(acceptPost.containsAll(List.of("text/turtle", "application/ld+json", "*/*")), acceptPost.toString());
                assertEquals(SPARQL_UPDATE, header(response, "Accept-Patch"));
                assertTrue(response.headers().firstValue("ETag").isPresent());

                Model model = parse(response, Lang.TURTLE);
                Resource container = model.createResource(base + path);
                assertTrue(model.contains(container, RDF.type, Ldp.BasicContainer), path);
                assertTrue(model.contains(container, RDF.type, Ldp.Container), path);

                HttpResponse<byte[]> options = send("OPTIONS", path, null, (byte[]) null);
                assertEquals(200, options.statusCode());
                assertTrue(header(options, "Allow").contains("POST"));
                assertEquals(header(response, "Accept-Post"), header(options, "Accept-Post"));
            }
            Model image = getModel(containerPath(IMAGE));
            assertTrue(image.contains(image.createResource(base + containerPath(IMAGE)), DCTerms.subject,
                    image.createResource(Vocab.imageIri(IMAGE))), "an empty container says what it is about");
        }

        @Test
        void theContainerWithoutItsSlashRedirectsToIt() throws Exception {
            HttpResponse<byte[]> response = get("/images/" + IMAGE + "/metadata");
            assertEquals(301, response.statusCode());
            assertEquals(containerPath(IMAGE), header(response, "Location"));
        }

        @Test
        void aShortIdOrANameRedirectsToTheFullId() throws Exception {
            for (String reference : List.of(IMAGE.substring(0, 12), "myimage:latest")) {
                HttpResponse<byte[]> response = get("/images/" + reference + "/metadata/");
                assertEquals(307, response.statusCode(), reference);
                assertEquals(containerPath(IMAGE), header(response, "Location"), "no sha256: prefix in the path");
            }
            for (String reference : List.of(CONTAINER.substring(0, 12), "mycontainer")) {
                HttpResponse<byte[]> response = get("/containers/" + reference + "/metadata/");
                assertEquals(307, response.statusCode(), reference);
                assertEquals("/containers/" + CONTAINER + "/metadata/", header(response, "Location"));
            }
            HttpResponse<byte[]> member = get("/images/myimage:latest/metadata/notes?description");
            assertEquals(307, member.statusCode());
            assertTrue(header(member, "Location").startsWith(containerPath(IMAGE) + "notes?description"),
                    "the member's name and the query come along: " + header(member, "Location"));
            assertEquals(404, get("/images/0123456789ab/metadata/").statusCode(), "a short ID Docker does not know");
            assertEquals(404, get("/images/nosuchimage:latest/metadata/").statusCode());
        }

        @Test
        void aPostToANameIsRedirectedWithoutCreatingAnything() throws Exception {
            HttpResponse<byte[]> response = send("POST", "/images/myimage:latest/metadata/", TURTLE,
                    PREFIXES + "<> dct:title \"via a name\" .", AUTH);
            assertEquals(307, response.statusCode(), "307 keeps the method, so the client POSTs again to the Location");
            assertEquals(containerPath(IMAGE), header(response, "Location"));
            assertFalse(store.ask("ASK { GRAPH ?g { ?s <" + DCTerms.title.getURI() + "> \"via a name\" } }"));
        }

        /** Docker names usually hold a slash (team/analysis, ghcr.io/org/tool); encoded slashes are refused, so the plain path must work. */
        @Test
        void aNameWithARepositoryPathRedirectsToo() throws Exception {
            HttpResponse<byte[]> response = get("/images/team/analysis:1.0/metadata/");
            assertEquals(307, response.statusCode(), text(response));
            assertEquals(containerPath(NAMESPACED_IMAGE), header(response, "Location"));
        }

        @Test
        void thereIsNoMetadataContainerForAnUnknownFullId() throws Exception {
            String unknown = randomId();
            assertEquals(404, get(containerPath(unknown)).statusCode());
            assertEquals(404, get("/containers/" + unknown + "/metadata/").statusCode());
            assertEquals(404, get("/containers/" + IMAGE + "/metadata/").statusCode(), "an image is not a container");
            HttpResponse<byte[]> post = send("POST", containerPath(unknown), TURTLE, PREFIXES + "<> dct:title \"lost\" .", AUTH);
            assertEquals(404, post.statusCode());
            assertEquals(404, send("PUT", containerPath(unknown) + "x", TURTLE, PREFIXES + "<> dct:title \"lost\" .", AUTH)
                    .statusCode());
            assertFalse(store.ask("ASK { ?r <" + Vocab.SC_NS + "metadataOf> <" + Vocab.imageIri(unknown) + "> }"));
        }
    }

    /** Creating. */
    @Nested
    class Creating {

        @Test
        void postingTurtleCreatesAnRdfSourceWhereRelativeIrisNameTheNewResource() throws Exception {
            String image = newImage();
            HttpResponse<byte[]> created = send("POST", containerPath(image), TURTLE,
                    PREFIXES + "<> dct:title \"Run notes\" ; dct:hasPart <#part> .", with(AUTH, "Slug", "notes"));
            assertEquals(201, created.statusCode(), text(created));
            String location = header(created, "Location");
            assertEquals(base + containerPath(image) + "notes", location, "the Slug names it");
            assertTrue(hasType(created, Ldp.RDFSource), links(created).toString());

            HttpResponse<byte[]> response = get(location);
            assertEquals(200, response.statusCode());
            assertTrue(hasType(response, Ldp.RDFSource));
            assertTrue(header(response, "Allow").contains("PUT") && header(response, "Allow").contains("PATCH")
                    && header(response, "Allow").contains("DELETE"), header(response, "Allow"));
            Model model = parse(response, Lang.TURTLE);
            Resource notes = model.createResource(location);
            assertTrue(model.contains(notes, DCTerms.title, "Run notes"), "<> is the new resource");
            assertTrue(model.contains(notes, DCTerms.hasPart, model.createResource(location + "#part")));
            assertTrue(model.contains(notes, RDF.type, Ldp.RDFSource));

            assertEquals(Set.of(location), members(base + containerPath(image)));
        }

        @Test
        void postingJsonLdCreatesAnRdfSourceServedInEverySyntax() throws Exception {
            String image = newImage();
            String jsonLd = "{\"@context\": {\"dct\": \"http://purl.org/dc/terms/\"},"
                    + " \"@id\": \"\", \"dct:title\": \"From JSON-LD\", \"dct:source\": {\"@id\": \"raw-data\"}}";
            HttpResponse<byte[]> created = send("POST", containerPath(image), "application/ld+json", jsonLd,
                    with(AUTH, "Slug", "from-json"));
            assertEquals(201, created.statusCode(), text(created));
            String location = header(created, "Location");
            assertTrue(hasType(created, Ldp.RDFSource));

            Model turtle = getModel(location);
            Resource resource = turtle.createResource(location);
            assertTrue(turtle.contains(resource, DCTerms.title, "From JSON-LD"), "\"@id\": \"\" is the new resource");
            assertTrue(turtle.contains(resource, DCTerms.source, turtle.createResource(base + containerPath(image) + "raw-data")));

            for (String[] offer : List.of(new String[] {"application/ld+json", "JSONLD"}, new String[] {"application/n-triples", "NT"})) {
                HttpResponse<byte[]> response = get(location, "Accept", offer[0]);
                assertEquals(200, response.statusCode(), offer[0]);
                assertEquals(offer[0], header(response, "Content-Type"));
                Lang lang = offer[1].equals("JSONLD") ? Lang.JSONLD : Lang.NTRIPLES;
                assertTrue(parse(response, lang).isIsomorphicWith(turtle), offer[0] + " says what Turtle says");
            }
        }

        @Test
        void postingAnyOtherMediaTypeCreatesANonRdfSourceKeptByteForByte() throws Exception {
            String image = newImage();
            byte[] bytes = new byte[1000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 7); // every byte value, NULs and invalid UTF-8 included
            }
            String mediaType = "application/x-detector-calibration; version=2";
            HttpResponse<byte[]> created = send("POST", containerPath(image), mediaType, bytes, with(AUTH, "Slug", "calibration.bin"));
            assertEquals(201, created.statusCode(), text(created));
            String location = header(created, "Location");
            assertEquals(base + containerPath(image) + "calibration.bin", location);
            assertTrue(hasType(created, Ldp.NonRDFSource), links(created).toString());
            String describedBy = "<" + location + "?description>; rel=\"describedby\"";
            assertTrue(links(created).stream().anyMatch(link -> link.startsWith(describedBy)), links(created).toString());

            HttpResponse<byte[]> response = get(location);
            assertEquals(200, response.statusCode());
            assertArrayEquals(bytes, response.body(), "byte for byte");
            assertEquals(mediaType, header(response, "Content-Type"), "with the media type it was sent with");
            assertTrue(hasType(response, Ldp.NonRDFSource));
            assertTrue(links(response).stream().anyMatch(link -> link.startsWith(describedBy)), links(response).toString());
            assertEquals(304, get(location, "If-None-Match", header(response, "ETag")).statusCode());

            assertEquals(Set.of(location), members(base + containerPath(image)));
        }

        @Test
        void aNonRdfSourcesDescriptionIsRdfGivingItsFormatAndSize() throws Exception {
            String image = newImage();
            byte[] csv = "run,events\n1,2048\n2,4096\n".getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> created = send("POST", containerPath(image), "text/csv", csv, with(AUTH, "Slug", "runs.csv"));
            assertEquals(201, created.statusCode());
            String location = header(created, "Location");

            HttpResponse<byte[]> description = get(location + "?description");
            assertEquals(200, description.statusCode());
            assertEquals(TURTLE, header(description, "Content-Type"));
            assertTrue(hasType(description, Ldp.RDFSource), "the description is an RDF Source: " + links(description));
            Model model = parse(description, Lang.TURTLE);
            Resource described = model.createResource(location);
            assertEquals("text/csv", model.getRequiredProperty(described, DCTerms.format).getString());
            assertEquals(csv.length, model.getRequiredProperty(described, DCTerms.extent).getLong());
            assertTrue(model.contains(described, RDF.type, Ldp.NonRDFSource));
            assertTrue(model.contains(described, DCTerms.created, (RDFNode) null));

            HttpResponse<byte[]> jsonLd = get(location + "?description", "Accept", "application/ld+json");
            assertTrue(parse(jsonLd, Lang.JSONLD).isIsomorphicWith(model));
            assertEquals(405, send("PUT", location + "?description", TURTLE, PREFIXES + "<> dct:title \"no\" .", AUTH)
                    .statusCode(), "the description is the server's");
        }

        @Test
        void turtleAskedForAsANonRdfSourceIsKeptAsBytes() throws Exception {
            String image = newImage();
            String turtle = "# a comment the server must keep\n<x> <y> <z> .\n";
            HttpResponse<byte[]> created = send("POST", containerPath(image), TURTLE, turtle,
                    with(AUTH, "Slug", "as-file.ttl", "Link", "<" + Ldp.NonRDFSource.getURI() + ">; rel=\"type\""));
            assertEquals(201, created.statusCode());
            assertTrue(hasType(created, Ldp.NonRDFSource));
            HttpResponse<byte[]> response = get(header(created, "Location"));
            assertEquals(turtle, text(response));
        }

        @Test
        void theSlugIsMadeSafeAndNeverClimbsOutOfTheContainer() throws Exception {
            String image = newImage();
            String container = base + containerPath(image);
            for (String slug : List.of("../../../sparql", "..", ".", "a/b", "%2e%2e", "..%2F..%2Fsparql", "x\\y", "  ", "a?b#c")) {
                HttpResponse<byte[]> created = send("POST", containerPath(image), TURTLE, PREFIXES + "<> dct:title \"slug\" .",
                        with(AUTH, "Slug", slug));
                assertEquals(201, created.statusCode(), slug + ": " + text(created));
                String location = header(created, "Location");
                assertTrue(location.startsWith(container), slug + " -> " + location);
                String name = location.substring(container.length());
                assertFalse(name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("?") || name.contains("#"),
                        slug + " -> " + name);
                assertFalse(name.matches("\\.+"), slug + " -> " + name);
                assertEquals(URI.create(location), URI.create(location).normalize(), "nothing to normalise away");
                assertEquals(200, get(location).statusCode(), slug + " -> " + location);
            }
        }

        @Test
        void aSlugThatIsNotValidPercentEncodingIsStillMadeSafe() throws Exception {
            String image = newImage();
            HttpResponse<byte[]> created = send("POST", containerPath(image), TURTLE, PREFIXES + "<> dct:title \"half\" .",
                    with(AUTH, "Slug", "50% done"));
            assertEquals(201, created.statusCode(), "a client's Slug is a hint, not an error: " + text(created));
            String location = header(created, "Location");
            assertTrue(location.startsWith(base + containerPath(image)));
            assertEquals(200, get(location).statusCode());
        }

        @Test
        void aSlugInUseGetsAnotherName() throws Exception {
            String image = newImage();
            String first = createRdf(image, "same", "<> dct:title \"first\" .");
            String second = createRdf(image, "same", "<> dct:title \"second\" .");
            assertNotEquals(first, second);
            assertTrue(getModel(first).contains(null, DCTerms.title, "first"), "the first is not overwritten");
            assertTrue(getModel(second).contains(null, DCTerms.title, "second"));
            assertEquals(Set.of(first, second), members(base + containerPath(image)));
        }

        @Test
        void anUnparsableRdfBodyIsRefusedAndNothingIsCreated() throws Exception {
            String image = newImage();
            HttpResponse<byte[]> response = send("POST", containerPath(image), TURTLE, "<> this is not turtle",
                    with(AUTH, "Slug", "broken"));
            assertEquals(400, response.statusCode());
            assertEquals(404, get(containerPath(image) + "broken").statusCode());
            assertEquals(Set.of(), members(base + containerPath(image)));
        }
    }

    /** Stable IRIs. */
    @Nested
    class StableIris {

        @Test
        void whatIsAttachedIsStoredUnderStableIrisAndServedAtTheUrlTheClientUsed() throws Exception {
            String image = newImage();
            String location = createRdf(image, "calibration", "<> dct:title \"Calibration run\" ; dct:relation <other-notes> .");
            String iri = stable(image) + "calibration";

            assertTrue(store.ask("ASK { GRAPH <" + iri + "> { <" + iri + "> <" + DCTerms.title.getURI() + "> \"Calibration run\" ;"
                    + " <" + DCTerms.relation.getURI() + "> <" + stable(image) + "other-notes> } }"),
                    "stored under the stable IRI, relative IRIs too");
            assertTrue(store.ask("ASK { <" + iri + "> <" + Vocab.SC_NS + "metadataOf> <" + Vocab.imageIri(image) + "> }"),
                    "SPARQL finds what is attached to an image");
            assertFalse(store.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"" + stable(image) + "\")"
                    + " && (CONTAINS(STR(?s), \"127.0.0.1\") || CONTAINS(STR(?o), \"127.0.0.1\") || CONTAINS(STR(?g), \"127.0.0.1\"))) }"),
                    "no triple and no graph name holds the address this client used");

            Model served = getModel(location);
            assertTrue(served.contains(served.createResource(location), DCTerms.relation,
                    served.createResource(base + containerPath(image) + "other-notes")), "served with this client's URLs");
            assertFalse(served.contains(served.createResource(iri), null, (RDFNode) null), "not with the stable IRI as subject");

            // Another host name sharing the store sees the same triples at its own URLs.
            String answer = raw("GET " + containerPath(image) + "calibration HTTP/1.1\r\nHost: sc.example.org:8750\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            Model elsewhere = ModelFactory.createDefaultModel();
            RDFParser.fromString(answer.substring(answer.indexOf("\r\n\r\n") + 4), Lang.TURTLE).parse(elsewhere);
            String there = "http://sc.example.org:8750" + containerPath(image);
            assertTrue(elsewhere.contains(elsewhere.createResource(there + "calibration"), DCTerms.relation,
                    elsewhere.createResource(there + "other-notes")), answer);
        }

        @Test
        void nonRdfSourcesAreStoredUnderStableIrisToo() throws Exception {
            String image = newImage();
            send("POST", containerPath(image), "text/plain", "hello", with(AUTH, "Slug", "hello.txt"));
            String iri = stable(image) + "hello.txt";
            assertTrue(store.ask("ASK { <" + iri + "> <" + Vocab.SC_NS + "metadataOf> <" + Vocab.imageIri(image) + "> ;"
                    + " <" + DCTerms.format.getURI() + "> \"text/plain\" }"));
        }
    }

    /** Replacing. */
    @Nested
    class Replacing {

        @Test
        void putNeedsIfMatch428WithoutIt412WhenStaleAndThenReplaces() throws Exception {
            String image = newImage();
            String location = createRdf(image, "versioned", "<> dct:title \"one\" ; dct:description \"dropped by the PUT\" .");
            String replacement = PREFIXES + "<> dct:title \"two\" .";

            assertEquals(428, send("PUT", location, TURTLE, replacement, AUTH).statusCode());
            assertEquals(412, send("PUT", location, TURTLE, replacement, with(AUTH, "If-Match", "\"not-the-version\"")).statusCode());
            assertTrue(getModel(location).contains(null, DCTerms.title, "one"), "a refused PUT changes nothing");

            String etag = header(get(location), "ETag");
            HttpResponse<byte[]> put = send("PUT", location, TURTLE, replacement, with(AUTH, "If-Match", etag));
            assertEquals(204, put.statusCode(), text(put));
            Model model = getModel(location);
            assertTrue(model.contains(model.createResource(location), DCTerms.title, "two"));
            assertFalse(model.contains(null, DCTerms.title, "one"), "replaced, not merged");
            assertFalse(model.contains(null, DCTerms.description, (RDFNode) null), "replaced, not merged");

            assertEquals(412, send("PUT", location, TURTLE, PREFIXES + "<> dct:title \"three\" .", with(AUTH, "If-Match", etag))
                    .statusCode(), "the tag of the replaced version is stale");
            String jsonLdTag = header(get(location, "Accept", "application/ld+json"), "ETag");
            assertEquals(204, send("PUT", location, TURTLE, PREFIXES + "<> dct:title \"three\" .", with(AUTH, "If-Match", jsonLdTag))
                    .statusCode(), "any representation's tag names the version");
            assertTrue(getModel(location).contains(null, DCTerms.title, "three"));
        }

        @Test
        void aClientCanPutBackWhatItGot() throws Exception {
            String image = newImage();
            String location = createRdf(image, "round-trip", "<> dct:title \"as served\" .");
            HttpResponse<byte[]> got = get(location);
            Model model = parse(got, Lang.TURTLE);
            model.createResource(location).addProperty(DCTerms.description, "added");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            RDFDataMgr.write(body, model, Lang.TURTLE);
            HttpResponse<byte[]> put = send("PUT", location, TURTLE, body.toByteArray(), with(AUTH, "If-Match", header(got, "ETag")));
            assertEquals(204, put.statusCode(), "the LDP types it was served with are the server's, not a conflict: " + text(put));
            assertTrue(getModel(location).contains(null, DCTerms.description, "added"));
        }

        @Test
        void putReplacesANonRdfSourcesBytesAndMediaType() throws Exception {
            String image = newImage();
            HttpResponse<byte[]> created = send("POST", containerPath(image), "text/plain", "version one",
                    with(AUTH, "Slug", "readme"));
            String location = header(created, "Location");
            String etag = header(get(location), "ETag");
            assertEquals(428, send("PUT", location, "text/markdown", "# version two", AUTH).statusCode());
            assertEquals(204, send("PUT", location, "text/markdown", "# version two", with(AUTH, "If-Match", etag)).statusCode());
            HttpResponse<byte[]> response = get(location);
            assertEquals("# version two", text(response));
            assertEquals("text/markdown", header(response, "Content-Type"));
            assertEquals(412, send("PUT", location, "text/plain", "three", with(AUTH, "If-Match", etag)).statusCode());
            assertEquals(405, send("PATCH", location, SPARQL_UPDATE, "INSERT DATA { <> <urn:p> 1 }", AUTH).statusCode(),
                    "SPARQL Update is for RDF Sources");
        }

        @Test
        void putToANameNeverUsedCreatesIt() throws Exception {
            String image = newImage();
            HttpResponse<byte[]> put = send("PUT", containerPath(image) + "chosen-name", TURTLE, PREFIXES + "<> dct:title \"put\" .", AUTH);
            assertEquals(201, put.statusCode(), text(put));
            assertEquals(base + containerPath(image) + "chosen-name", header(put, "Location"));
            assertTrue(getModel(base + containerPath(image) + "chosen-name").contains(null, DCTerms.title, "put"));
        }
    }

    /** PATCH. */
    @Nested
    class Patch {

        @Test
        void patchAppliesSparqlUpdateInsertAndDelete() throws Exception {
            String image = newImage();
            String location = createRdf(image, "patched", "<> dct:title \"old title\" ; dct:subject \"muons\", \"pions\" .");
            Resource self = ResourceFactory.createResource(location);

            assertEquals(204, patch(location, "INSERT DATA { <> dct:description \"inserted\" }").statusCode());
            assertEquals(204, patch(location, "DELETE DATA { <> dct:title \"old title\" }").statusCode());
            assertEquals(204, patch(location, "DELETE { <> dct:subject \"pions\" } INSERT { <> dct:title \"new title\" } WHERE { }")
                    .statusCode());
            Model model = getModel(location);
            assertTrue(model.contains(self, DCTerms.description, "inserted"), "<> is the resource");
            assertTrue(model.contains(self, DCTerms.title, "new title"));
            assertFalse(model.contains(self, DCTerms.title, "old title"));
            assertTrue(model.contains(self, DCTerms.subject, "muons"));
            assertFalse(model.contains(self, DCTerms.subject, "pions"));

            assertEquals(204, patch(location, "DELETE WHERE { <> dct:subject ?s }").statusCode());
            assertFalse(getModel(location).contains(self, DCTerms.subject, (RDFNode) null));
            assertTrue(store.ask("ASK { GRAPH <" + stable(image) + "patched> { <" + stable(image) + "patched> <"
                    + DCTerms.description.getURI() + "> \"inserted\" } }"), "patched triples are stored under the stable IRI");
        }

        @Test
        void patchChecksIfMatchWhenGiven() throws Exception {
            String image = newImage();
            String location = createRdf(image, "guarded", "<> dct:title \"t\" .");
            String etag = header(get(location), "ETag");
            assertEquals(204, patch(location, "INSERT DATA { <> dct:description \"first\" }", "If-Match", etag).statusCode());
            assertEquals(412, patch(location, "INSERT DATA { <> dct:description \"second\" }", "If-Match", etag).statusCode());
            assertFalse(getModel(location).contains(null, DCTerms.description, "second"));
        }

        @Test
        void patchRefusesEverythingButInsertAndDelete() throws Exception {
            String image = newImage();
            String location = createRdf(image, "fenced", "<> dct:title \"unchanged\" .");
            String before = header(get(location), "ETag");
            for (String update : List.of("LOAD <http://127.0.0.1:1/data.ttl>", "LOAD <file:///etc/passwd> INTO GRAPH <urn:g>",
                    "CLEAR ALL", "CLEAR DEFAULT", "DROP ALL", "CREATE GRAPH <urn:g>", "ADD DEFAULT TO <urn:g>",
                    "COPY DEFAULT TO <urn:g>", "MOVE DEFAULT TO <urn:g>",
                    "INSERT DATA { <> dct:description \"ok\" } ; CLEAR DEFAULT")) {
                HttpResponse<byte[]> response = patch(location, update);
                assertEquals(400, response.statusCode(), update + ": " + text(response));
            }
            assertEquals(400, patch(location, "INSERT DATA { this is not SPARQL }").statusCode());
            assertEquals(415, send("PATCH", location, TURTLE, PREFIXES + "<> dct:title \"x\" .", AUTH).statusCode());
            assertEquals(before, header(get(location), "ETag"), "nothing changed");
        }

        @Test
        void patchIntoANamedGraphIsAClientErrorNotAServerError() throws Exception {
            String image = newImage();
            String location = createRdf(image, "graphs", "<> dct:title \"unchanged\" .");
            for (String update : List.of("INSERT DATA { GRAPH <urn:example:g> { <> dct:description \"x\" } }",
                    "INSERT { GRAPH <urn:example:g> { <> dct:description \"x\" } } WHERE { }")) {
                HttpResponse<byte[]> response = patch(location, update);
                assertEquals(400, response.statusCode(), update + ": " + text(response));
            }
            assertFalse(store.ask("ASK { GRAPH <urn:example:g> { ?s ?p ?o } }"));
        }

        /** LOAD is refused because it makes the daemon fetch; SERVICE in a WHERE clause fetches just the same. */
        @Test
        void patchCannotMakeTheServerFetchFromElsewhere() throws Exception {
            String image = newImage();
            String location = createRdf(image, "no-fetch", "<> dct:title \"unchanged\" .");
            AtomicInteger fetched = new AtomicInteger();
            HttpServer elsewhere = countingServer(fetched, "application/sparql-results+json",
                    "{\"head\":{\"vars\":[\"o\"]},\"results\":{\"bindings\":[]}}");
            try {
                String service = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/sparql";
                HttpResponse<byte[]> response = patch(location,
                        "INSERT { <> dct:description ?o } WHERE { SERVICE <" + service + "> { ?s ?p ?o } }");
                assertEquals(0, fetched.get(), "the daemon fetched from " + service);
                assertEquals(400, response.statusCode(), text(response));
            } finally {
                elsewhere.stop(0);
            }
        }

        /** A server somewhere else that answers {@code body} to anything and counts what reached it. */
        private static HttpServer countingServer(AtomicInteger hits, String contentType, String body) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                hits.incrementAndGet();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", contentType);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        }

        /** A JSON-LD body can name a remote @context; reading it must not make the daemon fetch it. */
        @Test
        void aJsonLdBodyCannotMakeTheServerFetchARemoteContext() throws Exception {
            String image = newImage();
            AtomicInteger fetched = new AtomicInteger();
            HttpServer elsewhere = countingServer(fetched, "application/ld+json",
                    "{\"@context\": {\"title\": \"http://purl.org/dc/terms/title\"}}");
            try {
                String contextUrl = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/context.jsonld";
                HttpResponse<byte[]> response = send("POST", containerPath(image), "application/ld+json",
                        "{\"@context\": \"" + contextUrl + "\", \"@id\": \"\", \"title\": \"remote\"}", with(AUTH, "Slug", "remote"));
                assertEquals(0, fetched.get(), "the daemon fetched " + contextUrl + " (answered " + response.statusCode() + ")");
                assertEquals(400, response.statusCode(), "a context that cannot be read is a bad body: " + text(response));
            } finally {
                elsewhere.stop(0);
            }
        }
    }

    /** Deleting. */
    @Nested
    class Deleting {

        @Test
        void deleteLeavesAGoneUriThatIsNeverHandedOutAgain() throws Exception {
            String image = newImage();
            String location = createRdf(image, "short-lived", "<> dct:title \"bye\" .");
            String kept = createRdf(image, "kept", "<> dct:title \"stays\" .");

            assertEquals(204, send("DELETE", location, null, (byte[]) null, AUTH).statusCode());
            assertEquals(410, get(location).statusCode());
            assertEquals(410, send("PUT", location, TURTLE, PREFIXES + "<> dct:title \"again\" .", AUTH).statusCode(),
                    "PUT cannot bring it back");
            assertEquals(410, send("DELETE", location, null, (byte[]) null, AUTH).statusCode());
            assertEquals(Set.of(kept), members(base + containerPath(image)));
            assertFalse(store.ask("ASK { GRAPH <" + stable(image) + "short-lived> { ?s ?p ?o } }"), "its content is gone");

            String again = createRdf(image, "short-lived", "<> dct:title \"a new one\" .");
            assertNotEquals(location, again, "a later POST with the same Slug gets another name");
            assertEquals(410, get(location).statusCode());
            assertEquals(Set.of(kept, again), members(base + containerPath(image)));
        }

        @Test
        void deletingANonRdfSourceTakesItsDescriptionWithIt() throws Exception {
            String image = newImage();
            String location = header(send("POST", containerPath(image), "text/plain", "x", with(AUTH, "Slug", "doomed.txt")),
                    "Location");
            assertEquals(412, send("DELETE", location, null, (byte[]) null, with(AUTH, "If-Match", "\"stale\"")).statusCode());
            assertEquals(204, send("DELETE", location, null, (byte[]) null, with(AUTH, "If-Match", header(get(location), "ETag")))
                    .statusCode());
            assertEquals(410, get(location).statusCode());
            assertEquals(410, get(location + "?description").statusCode());
        }

        @Test
        void theContainerItselfCannotBeDeleted() throws Exception {
            HttpResponse<byte[]> response = send("DELETE", containerPath(IMAGE), null, (byte[]) null, AUTH);
            assertEquals(405, response.statusCode());
            assertFalse(header(response, "Allow").contains("DELETE"));
            assertEquals(200, get(containerPath(IMAGE)).statusCode());
        }
    }

    /** Containment is the server's. */
    @Nested
    class ContainmentIsTheServers {

        @Test
        void aBodyThatSetsLdpContainsGets409PointingAtTheConstraints() throws Exception {
            String image = newImage();
            HttpResponse<byte[]> post = send("POST", containerPath(image), TURTLE,
                    PREFIXES + "<> dct:title \"sneaky\" ; ldp:contains <elsewhere> .", with(AUTH, "Slug", "sneaky"));
            assertEquals(409, post.statusCode(), text(post));
            assertTrue(links(post).stream().anyMatch(link -> link.contains(CONSTRAINED_BY)), links(post).toString());
            assertEquals(404, get(containerPath(image) + "sneaky").statusCode(), "nothing was created");

            String location = createRdf(image, "member", "<> dct:title \"honest\" .");
            HttpResponse<byte[]> put = send("PUT", location, TURTLE, PREFIXES + "<> ldp:contains <x> .",
                    with(AUTH, "If-Match", header(get(location), "ETag")));
            assertEquals(409, put.statusCode());
            assertTrue(links(put).stream().anyMatch(link -> link.contains(CONSTRAINED_BY)));
            HttpResponse<byte[]> patch = patch(location, "INSERT DATA { <> <" + Ldp.contains.getURI() + "> <x> }");
            assertEquals(409, patch.statusCode());
            assertTrue(links(patch).stream().anyMatch(link -> link.contains(CONSTRAINED_BY)));
            assertTrue(getModel(location).contains(null, DCTerms.title, "honest"), "unchanged");

            String container = base + containerPath(image);
            HttpResponse<byte[]> got = get(container);
            HttpResponse<byte[]> containerPut = send("PUT", container, TURTLE,
                    PREFIXES + "<> dct:title \"mine\" ; ldp:contains <" + location + ">, <not-a-member> .",
                    with(AUTH, "If-Match", header(got, "ETag")));
            assertEquals(409, containerPut.statusCode(), text(containerPut));
            assertTrue(links(containerPut).stream().anyMatch(link -> link.contains(CONSTRAINED_BY)));
            assertEquals(Set.of(location), members(container));
        }

        /** Containment is the server's: a member's own triples must not be able to add members (to this image or another). */
        @Test
        void triplesInABodyCannotAddMembersToAnyContainer() throws Exception {
            String image = newImage();
            String other = newImage();
            String honest = createRdf(image, "honest", "<> dct:title \"honest\" .");
            String forger = createRdf(image, "forger", "<> dct:title \"forger\" .\n"
                    + "<ghost> sc:metadataOf <" + Vocab.imageIri(image) + "> .\n"
                    + "<" + stable(other) + "planted> sc:metadataOf <" + Vocab.imageIri(other) + "> .");

            assertEquals(Set.of(honest, forger), members(base + containerPath(image)), "only what was POSTed is a member");
            assertEquals(Set.of(), members(base + containerPath(other)), "another image's container is untouched");
        }

        @Test
        void theContainerTakesPutOfItsOwnTriplesAndKeepsItsMembers() throws Exception {
            String image = newImage();
            String member = createRdf(image, "member", "<> dct:title \"m\" .");
            String container = base + containerPath(image);
            HttpResponse<byte[]> got = get(container);
            String replacement = PREFIXES + "<> dct:title \"Calibration attachments\" ; ldp:contains <" + member + "> .";

            assertEquals(428, send("PUT", container, TURTLE, replacement, AUTH).statusCode());
            assertEquals(412, send("PUT", container, TURTLE, replacement, with(AUTH, "If-Match", "\"stale\"")).statusCode());
            HttpResponse<byte[]> put = send("PUT", container, TURTLE, replacement, with(AUTH, "If-Match", header(got, "ETag")));
            assertEquals(204, put.statusCode(), text(put));

            Model model = getModel(container);
            Resource self = model.createResource(container);
            assertTrue(model.contains(self, DCTerms.title, "Calibration attachments"));
            assertTrue(model.contains(self, Ldp.contains, model.createResource(member)));
            assertTrue(model.contains(self, RDF.type, Ldp.BasicContainer));
            assertTrue(store.ask("ASK { GRAPH <" + stable(image) + "> { <" + stable(image) + "> <" + DCTerms.title.getURI()
                    + "> \"Calibration attachments\" } }"), "the container's own triples are stored under its stable IRI");
            assertFalse(store.ask("ASK { GRAPH <" + stable(image) + "> { ?s <" + Ldp.contains.getURI() + "> ?o } }"),
                    "containment is not stored as the client's");
            assertNotEquals(header(got, "ETag"), header(get(container), "ETag"));
        }

        @Test
        void preferCanLeaveTheMembersOut() throws Exception {
            String image = newImage();
            String member = createRdf(image, "member", "<> dct:title \"m\" .");
            String container = base + containerPath(image);
            Resource self = ResourceFactory.createResource(container);

            for (String prefer : List.of("return=representation; include=\"" + MINIMAL_CONTAINER + "\"",
                    "return=representation; omit=\"" + CONTAINMENT + "\"")) {
                HttpResponse<byte[]> response = get(container, "Prefer", prefer);
                assertEquals(200, response.statusCode());
                Model model = parse(response, Lang.TURTLE);
                assertFalse(model.contains(self, Ldp.contains, (RDFNode) null), prefer);
                assertTrue(model.contains(self, RDF.type, Ldp.BasicContainer), prefer);
                assertEquals("return=representation", header(response, "Preference-Applied"), prefer);
            }
            for (String prefer : List.of("return=representation; include=\"" + CONTAINMENT + "\"", "return=minimal")) {
                Model model = parse(get(container, "Prefer", prefer), Lang.TURTLE);
                assertTrue(model.contains(self, Ldp.contains, ResourceFactory.createResource(member)), prefer);
            }
        }

        @Test
        void aRepresentationThatVariesWithPreferSaysSo() throws Exception {
            String image = newImage();
            createRdf(image, "member", "<> dct:title \"m\" .");
            String container = base + containerPath(image);
            HttpResponse<byte[]> full = get(container);
            HttpResponse<byte[]> minimal = get(container, "Prefer", "return=representation; include=\"" + MINIMAL_CONTAINER + "\"");
            assertFalse(Arrays.equals(full.body(), minimal.body()));
            List<String> vary = full.headers().allValues("Vary").stream().flatMap(v -> List.of(v.split("\\s*,\\s*")).stream())
                    .map(String::toLowerCase).toList();
            assertTrue(vary.contains("prefer"), "a cache must not hand the minimal container to a client that wants members: Vary " + vary);
            assertNotEquals(header(full, "ETag"), header(minimal, "ETag"), "a strong tag names one representation");
        }
    }

    /** The token. */
    @Nested
    class TheToken {

        @Test
        void writesWithoutTheTokenGet401WithAChallengeAndChangeNothing() throws Exception {
            String image = newImage();
            String location = createRdf(image, "protected", "<> dct:title \"original\" .");
            String etag = header(get(location), "ETag");
            String body = PREFIXES + "<> dct:title \"changed\" .";
            List<String[]> wrongCredentials = List.of(new String[0], new String[] {"Authorization", "Bearer wrong-token"},
                    new String[] {"Authorization", basic("user", "wrong-token")}, new String[] {"Authorization", "Token " + TOKEN},
                    new String[] {"Authorization", "Bearer"}, new String[] {"Authorization", "Basic !!not-base64!!"},
                    new String[] {"Authorization", basic(TOKEN, "")});
            for (String[] credentials : wrongCredentials) {
                String what = credentials.length == 0 ? "no Authorization" : credentials[1];
                List<HttpResponse<byte[]>> answers = List.of(
                        send("POST", containerPath(image), TURTLE, body, with(credentials, "Slug", "intruder")),
                        send("PUT", location, TURTLE, body, with(credentials, "If-Match", etag)),
                        send("PUT", containerPath(image) + "new-name", TURTLE, body, credentials),
                        send("PATCH", location, SPARQL_UPDATE, "INSERT DATA { <> <urn:p> \"x\" }", credentials),
                        send("DELETE", location, null, (byte[]) null, credentials),
                        send("PUT", containerPath(image), TURTLE, body, with(credentials, "If-Match", header(get(containerPath(image)), "ETag"))),
                        send("PATCH", containerPath(image), SPARQL_UPDATE, "INSERT DATA { <> <urn:p> \"x\" }", credentials));
                for (HttpResponse<byte[]> answer : answers) {
                    String request = answer.request().method() + " " + answer.uri().getPath() + " with " + what;
                    assertEquals(401, answer.statusCode(), request);
                    String challenge = header(answer, "WWW-Authenticate");
                    assertTrue(challenge.contains("Bearer") && challenge.contains("Basic"), challenge);
                }
            }
            assertEquals(etag, header(get(location), "ETag"), "nothing changed");
            assertEquals(404, get(containerPath(image) + "new-name").statusCode());
            assertEquals(Set.of(location), members(base + containerPath(image)));
        }

        @Test
        void theTokenIsTakenAsBearerOrAsTheBasicPasswordWithAnyUserName() throws Exception {
            String image = newImage();
            String turtle = PREFIXES + "<> dct:title \"t\" .";
            for (String authorization : List.of("Bearer " + TOKEN, "bearer " + TOKEN, basic("anyone", TOKEN), basic("", TOKEN),
                    basic("x", TOKEN))) {
                HttpResponse<byte[]> created = send("POST", containerPath(image), TURTLE, turtle, "Authorization", authorization);
                assertEquals(201, created.statusCode(), authorization);
            }
            String location = createRdf(image, "to-delete", "<> dct:title \"t\" .");
            assertEquals(204, send("DELETE", location, null, (byte[]) null, "Authorization", basic("curl-user", TOKEN)).statusCode());
        }

        @Test
        void readsOnLoopbackNeedNoToken() throws Exception {
            String image = newImage();
            String rdf = createRdf(image, "readable", "<> dct:title \"r\" .");
            String file = header(send("POST", containerPath(image), "text/plain", "r", with(AUTH, "Slug", "readable.txt")), "Location");
            for (String url : List.of(base + containerPath(image), rdf, file, file + "?description")) {
                assertEquals(200, get(url).statusCode(), url);
                assertEquals(200, send("HEAD", url, null, (byte[]) null).statusCode(), url);
                assertEquals(200, send("OPTIONS", url, null, (byte[]) null).statusCode(), url);
            }
        }

        @Test
        void readsFromAnotherMachineNeedTheToken() throws Exception {
            InetAddress outside = NetworkInterface.networkInterfaces().filter(i -> {
                try {
                    return i.isUp() && !i.isLoopback();
                } catch (SocketException e) {
                    return false;
                }
            }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                    .findFirst().orElse(null);
            assumeTrue(outside != null, "no non-loopback address to connect from");
            try (LdpServer everywhere = LdpServer.start(new HttpAddress("0.0.0.0", 0), store, Duration.ofSeconds(10), TOKEN,
                    DockerNames.NONE)) {
                String url = "http://" + outside.getHostAddress() + ":" + everywhere.address().getPort() + containerPath(IMAGE);
                HttpResponse<byte[]> anonymous = get(url);
                assertEquals(401, anonymous.statusCode(), url);
                assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isPresent());
                assertEquals(200, get(url, AUTH).statusCode());
            }
        }
    }

    /** Paths and bodies. */
    @Nested
    class PathsAndBodies {

        @Test
        void pathsThatWouldClimbOutOfAContainerAreRefused() throws Exception {
            String image = newImage();
            String container = containerPath(image);
            for (String path : List.of(container + "%2e%2e", container + "..", container + "%2e%2e/%2e%2e/%2e%2e/sparql",
                    container + "..%2F..%2F..%2Fsparql", container + "a%2Fb", container + "a%5Cb", container + "%00",
                    "/images/" + image + "/%2e%2e/metadata/")) {
                assertEquals(400, get(path).statusCode(), path);
                assertEquals(400, send("PUT", path, TURTLE, PREFIXES + "<> dct:title \"x\" .", AUTH).statusCode(), path);
            }
            assertEquals(404, get(container + "a/b").statusCode(), "members are one segment deep");
            assertEquals(404, send("PUT", container + "a/b", TURTLE, PREFIXES + "<> dct:title \"x\" .", AUTH).statusCode());
            assertEquals(Set.of(), members(base + container));
        }

        /**
         * A PUT names the resource by its path, which may hold characters a Slug may not ({@code #}):
         * {@code victim%23server} names the graph where the server keeps {@code victim}'s own record.
         */
        @Test
        void aPutCannotOverwriteWhatTheServerKeepsAboutAnotherResource() throws Exception {
            String image = newImage();
            String victim = createRdf(image, "victim", "<> dct:title \"keep me\" .");
            HttpResponse<byte[]> put = send("PUT", containerPath(image) + "victim%23server", TURTLE,
                    PREFIXES + "<> dct:title \"overwritten\" .", AUTH);
            assertTrue(put.statusCode() >= 400 && put.statusCode() < 500, "a name no POST could have made: " + put.statusCode()
                    + " Location " + put.headers().firstValue("Location").orElse("-"));

            HttpResponse<byte[]> after = get(victim);
            assertEquals(200, after.statusCode(), "victim is still there");
            assertTrue(parse(after, Lang.TURTLE).contains(null, DCTerms.title, "keep me"));
            assertTrue(store.ask("ASK { GRAPH <" + stable(image) + "victim#server> { <" + stable(image) + "victim> <"
                    + Vocab.SC_NS + "version> ?v } }"), "the server's record of victim is intact");
        }

        @Test
        void aDeletedUriCannotBeRevivedThroughItsServerRecord() throws Exception {
            String image = newImage();
            String location = createRdf(image, "gone", "<> dct:title \"bye\" .");
            assertEquals(204, send("DELETE", location, null, (byte[]) null, AUTH).statusCode());
            send("PUT", containerPath(image) + "gone%23server", TURTLE, "", AUTH);
            assertEquals(410, get(location).statusCode(), "still gone");
            assertEquals(410, send("PUT", location, TURTLE, PREFIXES + "<> dct:title \"back\" .", AUTH).statusCode(),
                    "a deleted URI is never reused");
        }

        @Test
        void anOversizedBodyIsRefusedBeforeItIsRead() throws IOException {
            String answer = raw("POST " + containerPath(IMAGE) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (LdpServer.MAX_BODY_BYTES + 1) + "\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer.lines().findFirst().orElse(answer));
        }

        @Test
        void aDocumentOfMoreTriplesThanTheServerKeepsIsRefusedAndSoIsAPatchGrowingOnePastThem() throws Exception {
            String image = newImage();
            StringBuilder many = new StringBuilder();
            for (int i = 0; i <= BoundedRdf.MAX_TRIPLES; i++) {
                many.append("<#s").append(i).append("> dct:title \"t\" .\n");
            }
            HttpResponse<byte[]> refused = send("POST", containerPath(image), TURTLE, PREFIXES + many, AUTH);
            assertEquals(413, refused.statusCode(), text(refused));
            assertTrue(text(refused).contains("more than 20000 triples"), text(refused));

            StringBuilder nodes = new StringBuilder("{\"@context\": {\"t\": \"http://purl.org/dc/terms/title\"}, \"@graph\": [");
            for (int i = 0; i < 2 * BoundedRdf.MAX_TRIPLES; i++) {
                nodes.append(i == 0 ? "" : ",").append("{\"@id\": \"#s").append(i).append("\", \"t\": \"x\"}");
            }
            HttpResponse<byte[]> jsonLd = send("POST", containerPath(image), "application/ld+json", nodes.append("]}").toString(), AUTH);
            assertEquals(413, jsonLd.statusCode(), "JSON-LD, read whole, is counted before it is read: " + text(jsonLd));

            String location = createRdf(image, "small", "<> dct:title \"one\" .");
            StringBuilder insert = new StringBuilder("INSERT DATA {");
            for (int i = 0; i < BoundedRdf.MAX_TRIPLES; i++) {
                insert.append(" <#s").append(i).append("> dct:title \"t\" .");
            }
            HttpResponse<byte[]> grown = patch(location, insert.append(" }").toString());
            assertEquals(413, grown.statusCode(), text(grown));
            assertTrue(text(get(location, "Accept", TURTLE)).contains("one"), "the resource is as it was");
        }

        @Test
        void otherMethodsAreRefusedWithWhatIsAllowed() throws Exception {
            String image = newImage();
            String location = createRdf(image, "member", "<> dct:title \"m\" .");
            HttpResponse<byte[]> postToMember = send("POST", location, TURTLE, PREFIXES + "<> dct:title \"x\" .", AUTH);
            assertEquals(405, postToMember.statusCode());
            assertFalse(header(postToMember, "Allow").contains("POST"));
            assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"),
                    Set.of(header(get(location), "Allow").split("\\s*,\\s*")));
        }
    }
}
