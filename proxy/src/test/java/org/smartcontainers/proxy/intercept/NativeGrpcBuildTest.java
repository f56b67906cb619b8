package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.proxy.ProxyServer;
import org.smartcontainers.proxy.ProxySettings;
import org.smartcontainers.proxy.Transport;
import org.smartcontainers.proxy.buildkit.ControlSolve;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.Exporter;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.SolveRequest;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.SolveResponse;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.StatusRequest;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.StatusResponse;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.Timestamp;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.Vertex;
import org.smartcontainers.proxy.intercept.FakeNativeGrpcDaemon.Grpc;
import org.smartcontainers.proxy.intercept.FakeNativeGrpcDaemon.Received;
import org.smartcontainers.testsupport.GrpcTestClient;
import org.smartcontainers.testsupport.GrpcTestClient.Answer;
import org.smartcontainers.testsupport.GrpcTestClient.Call;
import org.smartcontainers.testsupport.ProvValidator;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * Docker 29's native gRPC path end to end: buildx speaking HTTP/2 with prior knowledge through a
 * real proxy (recording into a throwaway store) to a fake Docker 29 that answers Control/Status and
 * Control/Solve. The solve reaches the daemon labelled with the store's plan, the client gets the
 * daemon's answer unchanged, and the store ends with the build, its steps and its image.
 */
class NativeGrpcBuildTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
            + "> PREFIX sc: <" + Vocab.SC_NS + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
            + " PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
    private static final String LABEL = "label:" + ProvenanceLabel.KEY;
    private static final String REF = "h7w2kq9x3mzv0b5n1c8d4f6gl";
    private static final String IMAGE_ID = "sha256:" + "5e2c1a7f".repeat(8);
    private static final String LOAD_METADATA = "[internal] load metadata for docker.io/library/busybox:latest";
    private static final String FROM = "[1/2] FROM docker.io/library/busybox:latest@sha256:" + "ab".repeat(32);
    private static final String RUN = "[2/2] RUN true";
    private static final String FAILURE = "process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7";

    @TempDir
    Path dir;
    private ThrowawayRecording parts;
    private ImageReferences images;
    private InterceptionThreads threads;
    private FakeNativeGrpcDaemon daemon;
    private ProxyServer proxy;
    private GrpcTestClient client;

    @BeforeEach
    void start() throws Exception {
        parts = new ThrowawayRecording(dir);
        images = new ImageReferences(parts.docker);
        threads = new InterceptionThreads();
        daemon = new FakeNativeGrpcDaemon(dir.resolve("d.sock"));
        proxy = ProxyServer.startChecked(ProxySettings.of(dir.resolve("p.sock"), dir.resolve("d.sock")),
                Interceptors.recording(parts.docker, images, parts.recording, threads, null));
        Transport transport = Transport.best();
        client = GrpcTestClient.priorKnowledge(new Bootstrap().group(transport.newEventLoopGroup(1))
                .channel(transport.clientChannel()), transport.address(dir.resolve("p.sock")));
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.stop(Duration.ofSeconds(1));
        daemon.close();
        images.close();
        threads.close();
        parts.close();
    }

    /** A solve as buildx sends it for {@code docker build -t app:1 --build-arg X=.. --label team=physics --target final}. */
    private static byte[] solveRequest() throws Exception {
        byte[] declared = SolveRequest.newBuilder().setRef(REF).setSession("session-4c1f").setFrontend("")
                .putFrontendAttrs("build-arg:X", "value-of-x")
                .putFrontendAttrs("label:team", "physics")
                .putFrontendAttrs(LABEL, "forged")
                .putFrontendAttrs("filename", "Dockerfile")
                .putFrontendAttrs("target", "final")
                .addExporters(Exporter.newBuilder().setType("moby").putAttrs("name", "app:1"))
                .build().toByteArray();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(declared);
        // Fields our declaration leaves out: Definition=2 (an LLB definition), CompatibilityVersion=16.
        message.write(new byte[] {0x12, 4, 'l', 'l', 'b', '!', (byte) 0x80, 0x01, 0x01});
        return message.toByteArray();
    }

    private static byte[] statusRequest(String ref) {
        return StatusRequest.newBuilder().setRef(ref).build().toByteArray();
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Vertex.Builder vertex(String digest, String name) {
        return Vertex.newBuilder().setDigest("sha256:" + digest.repeat(64 / digest.length())).setName(name);
    }

    /** The successful build's steps, told in two updates (the RUN step's end in the second), times after {@code t0}. */
    private static List<StatusResponse> successfulSteps(Instant t0) {
        return List.of(
                StatusResponse.newBuilder()
                        .addVertexes(vertex("1", LOAD_METADATA).setStarted(at(t0)).setCompleted(at(t0.plusMillis(100))))
                        .addVertexes(vertex("2", FROM).setCached(true).setStarted(at(t0.plusMillis(200)))
                                .setCompleted(at(t0.plusMillis(200))))
                        .addVertexes(vertex("3", RUN).setStarted(at(t0.plusMillis(300))))
                        .build(),
                StatusResponse.newBuilder()
                        .addVertexes(vertex("3", RUN).setStarted(at(t0.plusMillis(300))).setCompleted(at(t0.plusMillis(900))))
                        .build());
    }

    private static Map<String, List<String>> asMap(Http2Headers headers) {
        Map<String, List<String>> map = new TreeMap<>();
        headers.forEach(h -> map.computeIfAbsent(h.getKey().toString(), k -> new ArrayList<>()).add(h.getValue().toString()));
        return map;
    }

    private static Answer await(Call call) throws Exception {
        return call.answer().get(10, TimeUnit.SECONDS);
    }

    private boolean ask(String where) {
        return parts.store.ask(PREFIXES + "ASK { " + where + " }");
    }

    /** The record is written off the event loop once the solve and its status have ended: polled, bounded. */
    private boolean askEventually(String where) throws InterruptedException {
        for (int i = 0; i < 100 && !ask(where); i++) {
            Thread.sleep(100);
        }
        return ask(where);
    }

    private Model graph(String name) {
        return parts.store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + name + "> { ?s ?p ?o } }");
    }

    /** The one build run in the store. */
    private String theRun() {
        var rows = parts.store.select(PREFIXES + "SELECT ?run WHERE { ?run a docker:ImageBuild }");
        String run = rows.next().getResource("run").getURI();
        assertFalse(rows.hasNext(), "one build run");
        return run;
    }

    /** Status first (its answer's headers come at once), then the solve, as buildx runs them side by side. */
    private Call build(byte[] solve) throws Exception {
        Call status = client.call(FakeNativeGrpcDaemon.STATUS, statusRequest(REF));
        status.headers().get(10, TimeUnit.SECONDS);
        Call call = client.call(FakeNativeGrpcDaemon.SOLVE, solve);
        Answer statusAnswer = await(status);
        assertEquals("0", statusAnswer.grpcStatus());
        return call;
    }

    @Test
    void aSolveIsLabelledWithItsPlanAnsweredUnchangedAndRecordedWithItsStepsAndImage() throws Exception {
        byte[] solveResponse = SolveResponse.newBuilder()
                .putExporterResponse("containerimage.config.digest", IMAGE_ID)
                .putExporterResponse("containerimage.digest", "sha256:" + "77".repeat(32))
                .putExporterResponse("image.name", "docker.io/library/app:1")
                .build().toByteArray();
        Http2Headers trailers = new DefaultHttp2Headers().add("grpc-status", "0").add("x-fake-trailer", "kept");
        daemon.solveAnswer = new FakeNativeGrpcDaemon.Answer(Grpc.responseHeaders(), List.of(solveResponse), trailers);
        daemon.statusUpdates = NativeGrpcBuildTest::successfulSteps;

        byte[] sent = solveRequest();
        Answer answer = await(build(sent));

        assertEquals(asMap(Grpc.responseHeaders()), asMap(answer.headers()), "the daemon's response headers");
        assertEquals(1, answer.messages().size());
        assertArrayEquals(solveResponse, answer.messages().get(0), "the daemon's answer, byte for byte");
        assertEquals(asMap(trailers), asMap(answer.trailers()), "the daemon's trailers");

        List<Received> solves = daemon.streams(FakeNativeGrpcDaemon.SOLVE);
        assertEquals(1, solves.size());
        byte[] received = solves.get(0).message();
        String label = ControlSolve.read(Unpooled.wrappedBuffer(received)).frontendAttrs().get(LABEL);
        assertFalse(label.contains("forged"), label);
        assertEquals(SolveRequest.parseFrom(sent).toBuilder().putFrontendAttrs(LABEL, label).build(),
                SolveRequest.parseFrom(received), "every other field, undeclared ones too, as the client sent it");

        Model parsed = ProvenanceLabel.read(label);
        List<Resource> plans = parsed.listSubjectsWithProperty(RDF.type, Vocab.Docker.BuildPlan).toList();
        assertEquals(1, plans.size(), label);
        Resource plan = plans.get(0);
        assertTrue(plan.hasProperty(Vocab.Docker.tag, "app:1"), label);
        assertTrue(plan.hasProperty(Vocab.Docker.buildArg, "X"), label);
        assertTrue(plan.listProperties(Vocab.Docker.label).toList().stream().map(s -> s.getResource())
                .anyMatch(l -> l.hasProperty(Vocab.Docker.labelKey, "team") && l.hasProperty(Vocab.Docker.labelValue, "physics")),
                label);

        String image = "<" + Vocab.imageIri(IMAGE_ID) + ">";
        assertTrue(askEventually("?run a docker:ImageBuild; sc:outcome 'success'; prov:generated " + image), "the build ended");
        String run = "<" + theRun() + ">";
        assertTrue(ask(run + " prov:qualifiedAssociation/prov:hadPlan <" + plan.getURI() + "> . <" + plan.getURI()
                + "> a docker:BuildPlan; docker:tag 'app:1'; docker:buildArg 'X'; docker:buildTarget 'final'"),
                "the run's plan is the one the label names");
        Instant t0 = daemon.solveArrived;
        assertStep(run, LOAD_METADATA, false, t0, t0.plusMillis(100));
        assertStep(run, FROM, true, t0.plusMillis(200), t0.plusMillis(200));
        assertStep(run, RUN, false, t0.plusMillis(300), t0.plusMillis(900));
        assertTrue(ask(run + " docker:baseImageReference 'docker.io/library/busybox:latest'"),
                "without the Dockerfile's bytes, the base image BuildKit looked up");
        assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'forged') || CONTAINS(STR(?o), 'value-of-x'))"),
                "neither the forged label nor a build-arg value is recorded");
        ProvValidator.assertValid(graph(theRun()));
    }

    @Test
    void aSolveOfFortyMiBIsHeldWholeLabelledAndPassedWithItsDefinitionIntact() throws Exception {
        byte[] solveResponse = SolveResponse.newBuilder().putExporterResponse("containerimage.config.digest", IMAGE_ID)
                .build().toByteArray();
        daemon.solveAnswer = new FakeNativeGrpcDaemon.Answer(Grpc.responseHeaders(), List.of(solveResponse),
                new DefaultHttp2Headers().add("grpc-status", "0"));
        daemon.statusUpdates = NativeGrpcBuildTest::successfulSteps;
        byte[] definition = new byte[40 << 20]; // under the 64 MiB the tap holds; on the daemon's heap (128 MiB then) it was fatal
        new java.util.Random(7).nextBytes(definition);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.write(solveRequest());
        com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(sent);
        out.writeByteArray(2, definition); // a second Definition: Go's decoder merges them, our reader skips both
        out.flush();

        Answer answer = await(build(sent.toByteArray()));

        assertEquals("0", answer.grpcStatus());
        byte[] received = daemon.streams(FakeNativeGrpcDaemon.SOLVE).get(0).message();
        String label = ControlSolve.read(Unpooled.wrappedBuffer(received)).frontendAttrs().get(LABEL);
        assertFalse(label.contains("forged"), label);
        assertArrayEquals(sent.toByteArray(), java.util.Arrays.copyOf(received, sent.size()),
                "the request as the client sent it, our label after it");
        assertTrue(askEventually("?run a docker:ImageBuild; sc:outcome 'success'; prov:generated <" + Vocab.imageIri(IMAGE_ID)
                + ">"), "the build is recorded");
    }

    private void assertStep(String run, String name, boolean cached, Instant started, Instant completed) {
        String where = run + " docker:step ?s . ?s a docker:BuildStep; rdfs:label ?name; docker:cached " + cached
                + "; prov:startedAtTime ?t0; prov:endedAtTime ?t1 FILTER(?name = '" + name + "' && ?t0 = '"
                + started.truncatedTo(ChronoUnit.MILLIS) + "'^^xsd:dateTime && ?t1 = '"
                + completed.truncatedTo(ChronoUnit.MILLIS) + "'^^xsd:dateTime)";
        assertTrue(ask(where), "the step " + name);
    }

    @Test
    void aFailedSolveIsRecordedAsAFailureWithBuildKitsMessageDecoded() throws Exception {
        String encoded = percentEncoded(FAILURE);
        Http2Headers trailersOnly = Grpc.responseHeaders().add("grpc-status", "2").add("grpc-message", encoded);
        daemon.solveAnswer = new FakeNativeGrpcDaemon.Answer(null, List.of(), trailersOnly);
        daemon.statusUpdates = t0 -> List.of(StatusResponse.newBuilder()
                .addVertexes(vertex("3", "[2/2] RUN exit 7").setStarted(at(t0)).setCompleted(at(t0.plusMillis(50)))
                        .setError(FAILURE))
                .build());

        Answer answer = await(build(solveRequest()));
        assertNull(answer.headers(), "a trailers-only answer stays one");
        assertEquals(asMap(trailersOnly), asMap(answer.trailers()));

        assertTrue(askEventually("?run a docker:ImageBuild; sc:outcome 'failure'; sc:errorMessage ?m FILTER(?m = '"
                + FAILURE.replace("\"", "\\\"") + "')"), "BuildKit's message, decoded");
        String run = "<" + theRun() + ">";
        assertFalse(ask(run + " prov:generated ?image"));
        assertTrue(ask(run + " docker:step [ rdfs:label '[2/2] RUN exit 7'; sc:errorMessage ?e ]"), "the step that failed");
        ProvValidator.assertValid(graph(theRun()));
    }

    @Test
    void aGrpcMessageThatIsNotPercentEncodedIsRecordedAsItCame() throws Exception {
        daemon.solveAnswer = new FakeNativeGrpcDaemon.Answer(null, List.of(),
                Grpc.responseHeaders().add("grpc-status", "13").add("grpc-message", "disk 100% full"));
        assertEquals("13", await(build(solveRequest())).grpcStatus());
        assertTrue(askEventually("?run a docker:ImageBuild; sc:outcome 'failure'; sc:errorMessage 'disk 100% full'"),
                "the build is recorded, with the message as the daemon sent it");
    }

    /** Every byte but letters and digits percent-encoded: more than grpc-go encodes, all of it decodable. */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(Character.isLetterOrDigit(b) ? String.valueOf((char) b) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    @Test
    void aSolveTheProxyCannotReadIsRefusedAndNeverReachesTheDaemon() throws Exception {
        daemon.solveAnswer = new FakeNativeGrpcDaemon.Answer(Grpc.responseHeaders(), List.of(),
                new DefaultHttp2Headers().add("grpc-status", "0"));
        Answer answer = await(client.call(FakeNativeGrpcDaemon.SOLVE, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        assertEquals("3", answer.grpcStatus(), asMap(answer.trailers()).toString());
        assertTrue(answer.trailers().get("grpc-message").toString().contains("cannot read this build request"));

        // The connection still works; the daemon has seen everything sent before this call's answer.
        Answer after = await(client.call("/moby.buildkit.v1.Control/ListWorkers", new byte[0]));
        assertEquals("12", after.grpcStatus());
        for (Received solve : daemon.streams(FakeNativeGrpcDaemon.SOLVE)) {
            assertEquals(0, solve.dataFrames, "the refused solve's DATA never reached the daemon");
        }
        assertFalse(ask("?run a docker:ImageBuild"), "nothing recorded");
    }

    @Test
    void aSolveWithMoreAttributesThanABuildsRecordTakesIsRefusedAndNeverReachesTheDaemon() throws Exception {
        SolveRequest.Builder solve = SolveRequest.newBuilder().setRef(REF).setFrontend("dockerfile.v0")
                .addExporters(Exporter.newBuilder().setType("moby").putAttrs("name", "app:1"));
        for (int i = 0; i <= ControlConnectionWatcher.MAX_FRONTEND_ATTRS; i++) {
            solve.putFrontendAttrs("label:k" + i, "v");
        }
        Answer answer = await(client.call(FakeNativeGrpcDaemon.SOLVE, solve.build().toByteArray()));

        assertEquals("8", answer.grpcStatus(), asMap(answer.trailers()).toString());
        assertTrue(answer.trailers().get("grpc-message").toString().contains("more than the 10000 SmartContainers records"),
                answer.trailers().get("grpc-message").toString());
        for (Received received : daemon.streams(FakeNativeGrpcDaemon.SOLVE)) {
            assertEquals(0, received.dataFrames, "the refused solve's DATA never reached the daemon");
        }
        assertFalse(ask("?run a docker:ImageBuild"), "nothing recorded");
    }
}
