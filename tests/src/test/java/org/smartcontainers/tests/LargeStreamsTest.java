package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.netty.bootstrap.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.proxy.Transport;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.SolveRequest;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.TarDigest;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.GrpcTestClient;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.testsupport.Run;
import org.smartcontainers.tests.support.DockerRequests;

/**
 * A 1 GiB build context up and a 1 GiB image down through a proxy whose heap is 48 MiB: only a
 * proxy that streams, and waits for each write before reading on, gets through. And the largest
 * requests the proxy holds whole, through a daemon run with bin/sc's own memory limits.
 */
class LargeStreamsTest {
    private static final long GIB = 1L << 30;
    private static final String SMALL_HEAP = "-Xmx48m -XX:MaxDirectMemorySize=48m";

    @Test
    void oneGibContextAndSaveThroughASmallHeap() throws Exception {
        Path context = Paths.scratch("big");
        try (RandomAccessFile big = new RandomAccessFile(context.resolve("big.bin").toFile(), "rw")) {
            big.setLength(GIB); // sparse on disk, but the CLI streams all of it
        }
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY big.bin /big.bin\n");
        DockerCli direct = DockerCli.direct();
        try (ProxyProcess proxy = ProxyProcess.start(DockerSocket.path(), SMALL_HEAP)) {
            DockerCli proxied = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
            String tag = proxied.name("big") + ":t";
            try {
                proxied.run("build", "-t", tag, context.toString()).ok();
                assertEquals(Long.toString(GIB), direct.run("run", "--rm", tag, "stat", "-c", "%s", "/big.bin").ok().out());

                Path viaProxy = context.resolve("proxy.tar");
                Path viaDaemon = context.resolve("direct.tar");
                proxied.run("save", "-o", viaProxy.toString(), tag).ok();
                direct.run("save", "-o", viaDaemon.toString(), tag).ok();
                assertTrue(Files.size(viaProxy) > GIB, "saved image holds the 1 GiB layer");
                assertEquals(TarDigest.ignoringTimes(viaDaemon), TarDigest.ignoringTimes(viaProxy),
                        "docker save through the proxy is byte for byte the daemon's, but for the times Docker 25+ stamps");
                long peakRssKib = peakRssKib(proxy.pid());
                assertTrue(peakRssKib < 256 * 1024, "proxy peak RSS " + peakRssKib + " KiB; it must not grow with the stream");
            } finally {
                direct.run("rmi", "-f", tag);
                Files.deleteIfExists(context.resolve("proxy.tar"));
                Files.deleteIfExists(context.resolve("direct.tar"));
            }
            assertTrue(proxy.isAlive(), proxy.log());
        }
    }

    /**
     * A BuildKit solve just under the 64 MiB the proxy holds to label it, sent over {@code /grpc} to Docker 26
     * through a daemon with bin/sc's own JVM options (a small heap that exits on exhaustion): it reaches
     * BuildKit, whose answer comes back, and the daemon serves on. (A heap buffer grown to hold it killed it.)
     */
    @Test
    void aSolveJustUnderTheHoldCapReachesBuildKitThroughTheDaemonsOwnMemoryLimits() throws Exception {
        byte[] definition = new byte[(63 << 20) + 512 * 1024];
        new Random(11).nextBytes(definition);
        ByteArrayOutputStream solve = new ByteArrayOutputStream();
        solve.write(SolveRequest.newBuilder().setRef("sc-it-cap-" + System.nanoTime()).setFrontend("dockerfile.v0")
                .build().toByteArray());
        CodedOutputStream out = CodedOutputStream.newInstance(solve);
        out.writeByteArray(2, definition); // Definition, which the proxy skips: random bytes BuildKit will not read
        out.flush();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            Transport transport = Transport.best();
            GrpcTestClient.Answer answer;
            try (GrpcTestClient client = GrpcTestClient.afterUpgrade(new Bootstrap().group(transport.newEventLoopGroup(1))
                    .channel(transport.clientChannel()), transport.address(proxy.socket()), "/grpc")) {
                answer = client.call("/moby.buildkit.v1.Control/Solve", solve.toByteArray()).answer()
                        .exceptionally(failure -> null).get(120, TimeUnit.SECONDS);
            }
            String log = proxy.log();
            assertNotNull(answer, "no answer; the daemon is " + (proxy.isAlive() ? "up" : "gone") + ":\n"
                    + log.substring(Math.max(0, log.length() - 4000)));
            assertTrue(proxy.isAlive(), "the daemon survived holding the solve:\n" + proxy.log());
            // Docker's gRPC server reads 4 MiB at most: its own refusal names the size it was given, the
            // solve as sent with our label after it.
            Matcher refusal = Pattern.compile("grpc: received message larger than max \\((\\d+) vs\\. \\d+\\)")
                    .matcher(String.valueOf(answer.grpcMessage()));
            assertTrue("8".equals(answer.grpcStatus()) && refusal.matches(),
                    "BuildKit's answer, not the proxy's: " + answer.grpcStatus() + " " + answer.grpcMessage());
            assertTrue(Long.parseLong(refusal.group(1)) > solve.size(), "the solve reached it whole, labelled");
            RawHttp.Response ping = DockerRequests.send(proxy.socket(), "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
            assertEquals("200 OK", ping.status() + " " + ping.body(), "the daemon still relays Docker calls");
        }
    }

    /**
     * Creates as large as the proxy takes them, through bin/sc with its own JVM options: one with more labels
     * than a record holds, or a body over 4 MiB, is refused whole; three whose single label fills the 4 MiB
     * (one in two- and three-byte UTF-8) are recorded at once, and read back from their labels when the next
     * daemon starts. The daemon serves on after each.
     */
    @Test
    void createsAsLargeAsTheProxyTakesAreRefusedOrRecordedAndTheDaemonServesOn() throws Exception {
        DockerCli direct = DockerCli.direct();
        String run = Long.toString(System.nanoTime());
        List<String> names = List.of("sc-it-many-labels-" + run, "sc-it-over-" + run,
                "sc-it-big-label-1-" + run, "sc-it-big-label-2-" + run, "sc-it-big-label-3-" + run);
        StringBuilder many = new StringBuilder("{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Labels\":{");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        many.append("}}");
        String prefix = "{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Labels\":{\"big\":\"";
        int room = (4 << 20) - prefix.length() - 3;
        List<String> bigLabels = List.of("x".repeat(room), "\u00e9\u4e2d".repeat(room / 5), "y".repeat(room));
        try {
            try (ProxyProcess proxy = ProxyProcess.start()) {
                RawHttp.Response refused = DockerRequests.create(proxy.socket(), "/v1.41/containers/create?name=" + names.get(0),
                        many.toString());
                assertEquals(413, refused.status(), refused.body());
                assertTrue(refused.body().contains("more than 20000 JSON names and values"), refused.body());
                RawHttp.Response over = DockerRequests.create(proxy.socket(), "/v1.41/containers/create?name=" + names.get(1),
                        prefix + "x".repeat(room + 1) + "\"}}");
                assertEquals(413, over.status(), over.body());
                for (String refusedName : names.subList(0, 2)) {
                    assertEquals(1, direct.run("inspect", refusedName).exitCode(), "nothing reached the daemon");
                }

                List<CompletableFuture<RawHttp.Response>> creates = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String body = prefix + bigLabels.get(i) + "\"}}";
                    String target = "/v1.41/containers/create?name=" + names.get(2 + i);
                    creates.add(CompletableFuture.supplyAsync(() -> DockerRequests.create(proxy.socket(), target, body)));
                }
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response created = creates.get(i).exceptionally(failure -> null).join();
                    String log = proxy.log();
                    assertNotNull(created, "no answer; the daemon is " + (proxy.isAlive() ? "up" : "gone") + ":\n"
                            + log.substring(Math.max(0, log.length() - 3000)));
                    assertEquals(201, created.status(), created.body());
                    assertEquals(Integer.toString(bigLabels.get(i).getBytes(StandardCharsets.UTF_8).length),
                            direct.run("inspect", "-f", "{{len (index .Config.Labels \"big\")}}", names.get(2 + i)).ok().out());
                }
                assertTrue(proxy.isAlive(), proxy.log());
                RawHttp.Response ping = DockerRequests.send(proxy.socket(), "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
                assertEquals(200, ping.status(), "the daemon still relays Docker calls");
            }
            try (ProxyProcess next = ProxyProcess.start()) {
                // Its start reads back every labelled container: the big ones among them.
                while (next.isAlive() && !next.log().contains("LabelRecovery - recovery: ")) {
                    Thread.sleep(100);
                }
                assertTrue(next.isAlive(), next.log());
                assertFalse(next.log().contains("OutOfMemoryError"), next.log());
                RawHttp.Response ping = DockerRequests.send(next.socket(), "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
                assertEquals(200, ping.status(), "the next daemon relays Docker calls");
            }
        } finally {
            direct.run(Stream.concat(Stream.of("rm", "-f"), names.stream()).toArray(String[]::new));
        }
    }

    /**
     * A container made without the proxy, with a 32 MiB label (Docker bounds none) and 300,000 files it wrote, started
     * (the daemon's events recorder looks it up) and committed through bin/sc with its own JVM options (the commit's
     * lookups, and {@code docker diff}'s listing of every file, some 12 MiB): each was read whole into the daemon's
     * heap, which it exhausted. The commit is recorded with its counts, and the daemon relays on.
     */
    @Test
    void aContainerWithAHugeLabelAndAllItsFilesIsLookedUpAndCommittedAndTheDaemonServesOn() throws Exception {
        DockerCli direct = DockerCli.direct();
        String run = Long.toString(System.nanoTime());
        String name = "sc-it-huge-container-" + run;
        String image = "sc-it-huge-commit-" + run + ":t";
        int files = 300_000;
        try (ProxyProcess proxy = ProxyProcess.start()) {
            String body = "{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Cmd\":[\"sh\",\"-c\",\"mkdir /d && cd /d && seq 1 "
                    + files + " | xargs touch\"],\"Labels\":{\"huge\":\"" + "x".repeat(32 << 20) + "\"}}";
            RawHttp.Response created = DockerRequests.create(DockerSocket.path(), "/v1.41/containers/create?name=" + name, body);
            assertEquals(201, created.status(), created.body());
            direct.run("start", "-a", name).ok(); // its start is looked up by the daemon's events recorder
            DockerCli.through(proxy).run("commit", name, image).ok();
            String imageId = direct.run("image", "inspect", "-f", "{{.Id}}", image).ok().out();
            assertTrue(proxy.isAlive(), proxy.log());
            assertFalse(proxy.log().contains("OutOfMemoryError"), proxy.log());
            ScApi api = ScApi.of(proxy);
            assertTrue(api.ask("ASK { ?commit <" + Vocab.PROV_NS + "generated> <" + Vocab.imageIri(imageId) + ">; <"
                    + Vocab.Docker.pathsAdded.getURI() + "> ?added FILTER(?added = " + (files + 1) + ") }"),
                    "the commit recorded every added path, the directory and its files");
            RawHttp.Response ping = DockerRequests.send(proxy.socket(), "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
            assertEquals(200, ping.status(), "the daemon still relays Docker calls");
        } finally {
            direct.run("rm", "-f", name);
            direct.run("rmi", image);
        }
    }

    /**
     * Images made without the proxy whose smartcontainer label is JSON-LD: twenty of 7 MiB (110,000 nodes): one's
     * parse exhausted the daemon's heap at its start (label recovery reads every labelled image), and so did the
     * twenty labels listed at once, so that it died at every start; and three just under the largest label the
     * daemon reads. Through bin/sc with its own JVM options: the daemon starts, a create from a large one and from
     * each of the three through it is recorded (four at once), and it relays on.
     */
    @Test
    void imagesWithLabelsLargerThanOursDoNotTakeTheDaemonDown() throws Exception {
        DockerCli direct = DockerCli.direct();
        String run = Long.toString(System.nanoTime());
        List<String> images = new ArrayList<>();
        List<String> containers = new ArrayList<>();
        try {
            List<Integer> graphs = new ArrayList<>(Collections.nCopies(20, 110_000)); // listed last: the oldest
            graphs.addAll(List.of(19_000, 19_000, 19_000));
            for (int nodes : graphs) {
                String image = "sc-it-large-label-" + run + "-" + images.size();
                String container = direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out();
                RawHttp.Response committed = DockerRequests.send(DockerSocket.path(), DockerRequests.post(
                        "/v1.41/commit?container=" + container + "&repo=" + image + "&tag=t", "application/json",
                        "{\"Labels\":{\"smartcontainer\":" + jsonString(labelOf(nodes)) + "}}"));
                direct.run("rm", "-f", container);
                assertEquals(201, committed.status(), committed.body());
                images.add(image + ":t");
            }
            // Recovery reads what was made before the second the daemon starts (Docker lists it to the second): the
            // newest 7 MiB image, the one label of that size the listing holds, was left out when the start fell in
            // the second it was made (a CI run).
            Thread.sleep(1100);
            try (ProxyProcess proxy = ProxyProcess.start()) {
                while (proxy.isAlive() && !proxy.log().contains("recovered from their labels")) {
                    Thread.sleep(100); // recovery's summary: every labelled image has been read
                }
                assertTrue(proxy.isAlive(), proxy.log());
                assertTrue(proxy.log().contains("JSON names and values: not read"), "a 7 MiB label is not read");
                assertTrue(proxy.log().contains("smartcontainer labels were not read"), "nor are all of them listed");
                List<CompletableFuture<Run.Result>> creates = new ArrayList<>();
                for (String image : images.subList(images.size() - 4, images.size())) {
                    creates.add(CompletableFuture.supplyAsync(() -> DockerCli.through(proxy).run("create", image, "true")));
                }
                RecordedCalls records = RecordedCalls.of(proxy);
                for (CompletableFuture<Run.Result> create : creates) {
                    String id = create.join().ok().out();
                    containers.add(id);
                    assertTrue(records.generated(Vocab.Docker.Create, Vocab.containerIri(id)), "the create is recorded");
                }
                assertTrue(proxy.isAlive(), proxy.log());
                assertFalse(proxy.log().contains("OutOfMemoryError"), proxy.log());
                RawHttp.Response ping = DockerRequests.send(proxy.socket(), "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
                assertEquals(200, ping.status(), "the daemon still relays Docker calls");
            }
        } finally {
            containers.forEach(id -> direct.run("rm", "-f", id));
            images.forEach(image -> direct.run("rmi", image));
        }
    }

    /** A JSON-LD graph of {@code nodes} nodes, each with one statement. */
    private static String labelOf(int nodes) {
        StringBuilder label = new StringBuilder("{\"@context\":{\"prov\":\"http://www.w3.org/ns/prov#\"},\"@graph\":[");
        for (int i = 0; i < nodes; i++) {
            label.append(i == 0 ? "" : ",").append("{\"@id\":\"urn:x:").append(i)
                    .append("\",\"prov:wasDerivedFrom\":{\"@id\":\"urn:y:").append(i).append("\"}}");
        }
        return label.append("]}").toString();
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static long peakRssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
