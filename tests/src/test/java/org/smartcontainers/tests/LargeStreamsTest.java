package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.netty.bootstrap.Bootstrap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.Transport;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.SolveRequest;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.TarDigest;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.GrpcTestClient;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.tests.support.DockerRequests;

/**
 * A 1 GiB build context up and a 1 GiB image down through a proxy whose heap is 48 MiB: only a
 * proxy that streams, and waits for each write before reading on, gets through. And the largest
 * request the proxy holds whole, through a daemon run with bin/sc's own memory limits.
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
     * through a daemon with bin/sc's own JVM options (a 128 MiB heap that exits on exhaustion): it reaches
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

    static long peakRssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
