package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.TarDigest;
import org.smartcontainers.testsupport.Clients;

/**
 * A 1 GiB build context up and a 1 GiB image down through a proxy whose heap is 48 MiB: only a
 * proxy that streams, and waits for each write before reading on, gets through.
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

    static long peakRssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
