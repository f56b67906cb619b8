package org.smartcontainers.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ContainerCreate;
import org.smartcontainers.provenance.record.Mounts;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;
import org.smartcontainers.web.browse.Describe;
import org.smartcontainers.web.browse.ListQueries;
import org.smartcontainers.web.resources.Kind;

/**
 * The read side against Apache Jena Fuseki serving the same TDB2 data: a store of realistic
 * provenance (builds in chains of up to 20 images, containers created from them), then the median
 * latency of a lineage query, a container list page (ours: the HTML page, newest first, with names, images,
 * times and people; Fuseki: the SPARQL that page needs) and a single resource, over HTTP, both servers
 * measured in turns in the same run.
 */
final class ReadSideLoad {
    /** Where the records' mounts live (the bodies here mount nothing). */
    private static final Mounts.Places PLACES = new Mounts.Places("bench-engine", "bench-host");
    private static final int CHAIN = 20;
    private static final String PROV = Vocab.PROV_NS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Agents AGENTS = new Agents("bench", "20.10.24");
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final JsonNode CREATE_BODY;

    static {
        try {
            CREATE_BODY = JSON.readTree("{\"Image\":\"app\",\"Cmd\":[\"python\",\"run.py\"],\"Env\":[\"A=b\",\"PATH=/bin\"],"
                    + "\"WorkingDir\":\"/work\",\"Labels\":{\"team\":\"physics\"},"
                    + "\"HostConfig\":{\"NetworkMode\":\"none\",\"Binds\":[\"/data:/data:ro\"]}}");
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ReadSideLoad() {
    }

    /** Medians in microseconds per measure and server: {@code "lineage|sc"}, {@code "lineage|fuseki"}… */
    static Map<String, Double> run(Path scratch, int builds, int containers, int samples) throws Exception {
        Path directory = Files.createDirectories(scratch.resolve("read-side"));
        long triples = fill(directory, builds, containers);
        System.out.printf("read side: %,d triples (%,d builds, %,d containers) in TDB2%n", triples, builds, containers);
        Map<String, List<Long>> micros = new LinkedHashMap<>();
        try (LocalStore store = LocalStore.onDisk(directory);
                LdpServer ours = LdpServer.start(new HttpAddress("127.0.0.1", 0), store, Duration.ofSeconds(60))) {
            // The same database (TDB2 shares it within a process), the default graph the union of the records, as ours.
            Dataset dataset = TDB2Factory.connectDataset(directory.toString());
            dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
            FusekiServer fuseki = FusekiServer.create().loopback(true).port(0).add("/ds", dataset).build().start();
            try {
                String sc = "http://127.0.0.1:" + ours.address().getPort();
                String fu = "http://127.0.0.1:" + fuseki.getHttpPort() + "/ds";
                HttpClient client = HttpClient.newHttpClient();
                Random random = new Random(42);
                IntFunction<String> deepImage = i -> image((i % (builds / CHAIN)) * CHAIN + CHAIN - 1);
                IntFunction<String> container = i -> containerId(random.nextInt(containers));
                int pages = (containers + 99) / 100;
                // Pages among those the server keeps in order (ListIndex's 5,000 newest), and pages beyond, asked of the store.
                int kept = Math.min(pages, 50);
                IntFunction<Integer> page = i -> i % 2 == 0 || pages == kept ? random.nextInt(kept) + 1 : kept + 1 + random.nextInt(pages - kept);
                for (int warm = 0; warm < 20; warm++) { // JIT and caches, both servers
                    measureAll(store, client, sc, fu, deepImage.apply(warm), container.apply(warm), page.apply(warm), kept, new LinkedHashMap<>());
                }
                for (int i = 0; i < samples; i++) {
                    measureAll(store, client, sc, fu, deepImage.apply(i), container.apply(i), page.apply(i), kept, micros);
                }
            } finally {
                fuseki.stop();
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        micros.forEach((key, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            medians.put(key, (double) sorted[sorted.length / 2]);
        });
        return medians;
    }

    /** One sample of each measure, alternating which server goes first. */
    private static void measureAll(LocalStore store, HttpClient client, String sc, String fuseki, String imageId,
            String containerId, int page, int kept, Map<String, List<Long>> micros) throws Exception {
        String listing = page <= kept ? "listing" : "deep";
        String lineage = "SELECT ?base WHERE { <" + Vocab.imageIri(imageId) + "> <" + PROV + "wasDerivedFrom>+ ?base }";
        String describe = Describe.query(Vocab.containerIri(containerId), false);
        boolean oursFirst = micros.getOrDefault("lineage|sc", List.of()).size() % 2 == 0;
        for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == oursFirst) {
                time(micros, "lineage|sc", client, sc + "/sparql?query=" + enc(lineage), "application/sparql-results+json");
                time(micros, listing + "|sc", client, sc + "/containers/?page=" + page, "text/html");
                store.commit(List.of(newContainer())); // the next first page has one more container to show
                time(micros, "fresh|sc", client, sc + "/containers/", "text/html");
                time(micros, "resource|sc", client, sc + "/containers/" + containerId, "text/turtle");
            } else {
                time(micros, "lineage|fuseki", client, fuseki + "/sparql?query=" + enc(lineage), "application/sparql-results+json");
                long begin = System.nanoTime();
                listingFromSparql(client, fuseki, page);
                micros.computeIfAbsent(listing + "|fuseki", k -> new ArrayList<>()).add((System.nanoTime() - begin) / 1000);
                store.commit(List.of(newContainer()));
                begin = System.nanoTime();
                listingFromSparql(client, fuseki, 1);
                micros.computeIfAbsent("fresh|fuseki", k -> new ArrayList<>()).add((System.nanoTime() - begin) / 1000);
                time(micros, "resource|fuseki", client, fuseki + "/sparql?query=" + enc(describe), "application/sparql-results+json");
            }
        }
    }

    /**
     * What our list page holds, asked of a SPARQL server as a page without our kept order would ask it: how many
     * containers, which are on the page (newest first), and what the page shows of them (names, images, when, who).
     */
    private static void listingFromSparql(HttpClient client, String fuseki, int page) throws Exception {
        get(client, fuseki + "/sparql?query=" + enc(ListQueries.count(Kind.CONTAINERS)));
        JsonNode rows = JSON.readTree(get(client, fuseki + "/sparql?query="
                + enc(ListQueries.page(Kind.CONTAINERS, (page - 1) * 100L, 100)))).path("results").path("bindings");
        List<String> members = new ArrayList<>();
        rows.forEach(row -> members.add(row.path("member").path("value").asText()));
        if (members.isEmpty()) {
            throw new IllegalStateException("listing|fuseki: no containers on page " + page);
        }
        get(client, fuseki + "/sparql?query=" + enc(ListQueries.summaries(Kind.CONTAINERS, members)));
    }

    private static byte[] get(HttpClient client, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/sparql-results+json").build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static void time(Map<String, List<Long>> micros, String key, HttpClient client, String url, String accept)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build();
        long begin = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = (System.nanoTime() - begin) / 1000;
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IllegalStateException(key + ": " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        micros.computeIfAbsent(key, k -> new ArrayList<>()).add(elapsed);
    }

    /** A container created now, as the proxy records it. */
    private static NamedGraph newContainer() {
        int i = CREATED.incrementAndGet();
        String imageId = "sha256:" + image(i % CHAIN);
        Instant now = Instant.now();
        ActivityRecord create = ContainerCreate.start(CREATE_BODY, "fresh" + i, imageId, now, AGENTS, Mounts.of(CREATE_BODY), PLACES);
        ContainerCreate.created(create, containerId(0x100000 + i), imageId, now, Mounts.of(CREATE_BODY), PLACES);
        return create.toGraph();
    }

    /** Records as the proxy makes them, written as N-Quads and bulk-loaded into TDB2. */
    private static long fill(Path directory, int builds, int containers) throws Exception {
        Path quads = directory.resolve("records.nq");
        Agents agents = AGENTS;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        JsonNode body = CREATE_BODY;
        long count;
        try (OutputStream out = Files.newOutputStream(quads)) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, Lang.NQUADS);
            stream.start();
            for (int i = 0; i < builds; i++) {
                String base = i % CHAIN == 0 ? "b".repeat(64) : image(i - 1);
                ActivityRecord build = ImageBuild.start(Map.of("t", List.of("app-" + (i / CHAIN) + ":" + (i % CHAIN)),
                        "dockerfile", List.of("Dockerfile"), "labels", List.of("{\"team\":\"physics\"}")), start.plusSeconds(i), agents);
                ImageBuild.baseImages(build, List.of("base:latest"), List.of("sha256:" + base));
                ImageBuild.dockerfile(build, "d".repeat(64));
                ImageBuild.context(build, "sha256:" + "c".repeat(64), 4096);
                ImageBuild.built(build, "sha256:" + image(i), List.of("sha256:" + base), false, start.plusSeconds(i + 1));
                emit(stream, build);
            }
            for (int i = 0; i < containers; i++) {
                String imageId = "sha256:" + image(i % builds);
                ActivityRecord create = ContainerCreate.start(body, "c" + i, imageId, start.plusSeconds(i), agents, Mounts.of(body), PLACES);
                ContainerCreate.created(create, containerId(i), imageId, start.plusSeconds(i), Mounts.of(body), PLACES);
                emit(stream, create);
            }
            stream.finish();
        }
        Dataset dataset = TDB2Factory.connectDataset(directory.toString());
        Txn.executeWrite(dataset, () -> RDFDataMgr.read(dataset, quads.toString(), Lang.NQUADS));
        count = Txn.calculateRead(dataset, () -> dataset.asDatasetGraph().stream().count());
        Files.delete(quads);
        return count;
    }

    private static void emit(StreamRDF stream, ActivityRecord record) {
        var graph = record.toGraph();
        var name = NodeFactory.createURI(graph.name());
        graph.model().getGraph().find().forEach(t -> stream.quad(Quad.create(name, t)));
    }

    private static String image(int i) {
        return String.format("%064x", 0x1000000L + i);
    }

    private static String containerId(int i) {
        return String.format("%064x", 0x9000000L + i);
    }

    private static String enc(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }


}
