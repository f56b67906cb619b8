package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.testsupport.Run;

/** What the proxy does when things go wrong, with the real daemon behind it. */
class ProxyFaultsTest {

    /** A socket file nobody listens on: connecting to it is refused, as after a daemon crash. */
    private static void refusingSocket(Path path) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
        }
    }

    @Test
    void daemonDownThenBackWhileTheProxyKeepsRunning() throws IOException {
        // The proxy forwards to a link we control: missing (daemon not running), a socket that
        // refuses (daemon crashed), then the real daemon's socket (daemon restarted).
        Path dir = Paths.scratch("down");
        Path upstream = dir.resolve("docker.sock");
        try (ProxyProcess proxy = ProxyProcess.start(upstream, "");
             RawHttp keptAlive = new RawHttp(proxy.socket())) {
            RawHttp.Response missing = keptAlive.get("/v1.41/version");
            assertEquals(502, missing.status());
            assertEquals("application/json", missing.header("Content-Type"));
            assertTrue(missing.body().startsWith("{\"message\":\"Cannot connect to the Docker daemon at unix://" + upstream),
                    missing.body());

            Run.Result cli = DockerCli.through(proxy).run("ps");
            assertNotEquals(0, cli.exitCode());
            assertTrue(cli.stderr().contains("Cannot connect to the Docker daemon at unix://" + upstream), cli.stderr());

            refusingSocket(upstream);
            assertEquals(502, keptAlive.get("/v1.41/version").status());

            Files.delete(upstream);
            Files.createSymbolicLink(upstream, DockerSocket.path());
            assertEquals(200, keptAlive.get("/v1.41/version").status(), "same client connection, daemon back");
            assertEquals("hello", DockerCli.through(proxy).run("run", "--rm", DockerSocket.BASE_IMAGE, "echo", "hello").ok().out());
            assertTrue(proxy.isAlive());
        }
    }

    @Test
    void malformedRequestGets400AndOnlyThatConnectionCloses() {
        try (ProxyProcess proxy = ProxyProcess.start();
             RawHttp healthy = new RawHttp(proxy.socket())) {
            assertEquals(200, healthy.get("/_ping").status());
            for (String garbage : List.of("this is not http\r\n\r\n",
                    "GET /_ping HTTP/1.1\r\nHost: docker\r\nContent-Length: twelve\r\n\r\n",
                    "GET /_ping HTTP/1.1\r\nHost docker without a colon\r\n\r\n")) {
                try (RawHttp bad = new RawHttp(proxy.socket())) {
                    RawHttp.Response answer = bad.send(garbage).read();
                    assertEquals(400, answer.status(), garbage);
                    assertTrue(answer.body().startsWith("{\"message\":\"malformed HTTP request"), answer.body());
                    assertTrue(bad.closedByPeer(), "the malformed connection is closed");
                }
            }
            assertEquals(200, healthy.get("/_ping").status(), "other connections go on");
            assertTrue(proxy.isAlive());
        }
    }

    @Test
    void loopConfigurationIsRefusedAtStart() {
        Path dir = Paths.scratch("loop");
        String self = dir.resolve("sc.sock").toString();
        ProxyProcess explicit = ProxyProcess.launch(dir, "", List.of("--listen", self, "--docker", "unix://" + self,
                "--store", "mem:"));
        assertEquals(1, explicit.awaitExit());
        assertTrue(explicit.log().contains("the proxy would forward to itself"), explicit.log());

        // DOCKER_HOST already pointing at the proxy's socket, as after `export DOCKER_HOST=...sc.sock`.
        Run.Result viaEnv = Run.run(Map.of("DOCKER_HOST", "unix://" + self), null,
                List.of(Paths.repo().resolve("bin/sc").toString(), "daemon", "--listen", self, "--store", "mem:"));
        assertEquals(1, viaEnv.exitCode());
        assertTrue(viaEnv.stderr().contains("Is DOCKER_HOST pointing at the proxy?"), viaEnv.stderr());
        assertFalse(Files.exists(Path.of(self)));
    }

    @Test
    void aSocketGroupThatDoesNotExistIsNamedAtStart() {
        Path dir = Paths.scratch("no-group");
        ProxyProcess started = ProxyProcess.launch(dir, "", List.of("--listen", dir.resolve("sc.sock").toString(),
                "--docker", DockerSocket.path().toString(), "--store", "mem:", "--socket-group", "sc-no-such-group"));
        assertEquals(1, started.awaitExit(), started.log());
        assertTrue(started.log().contains("there is no group sc-no-such-group on this machine (--socket-group)"), started.log());
    }

    /** A taken HTTP port ends the start with a clear message, not a live process without its socket. */
    @Test
    void anHttpPortInUseIsRefusedAtStart() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path dir = Paths.scratch("http-taken");
            ProxyProcess second = ProxyProcess.launch(dir, "", List.of("--listen", dir.resolve("sc.sock").toString(),
                    "--docker", DockerSocket.path().toString(), "--store", "mem:", "--http", "127.0.0.1:" + taken.getLocalPort()));
            assertEquals(1, second.awaitExit(), second.log());
            assertTrue(second.log().contains("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort()), second.log());
            assertTrue(second.log().contains("(choose another with --http HOST:PORT, or --http off)"), second.log());
            assertFalse(Files.exists(dir.resolve("sc.sock")));
        }
    }

    @Test
    void staleSocketIsReplacedLiveOneIsNot() throws IOException {
        Path dir = Paths.scratch("stale");
        Path socket = dir.resolve("sc.sock");
        refusingSocket(socket);
        List<String> args = List.of("--listen", socket.toString(), "--docker", DockerSocket.path().toString(),
                "--store", "mem:");
        ProxyProcess first = ProxyProcess.launch(dir, "", args);
        try (first) {
            for (int i = 0; i < 500 && !first.log().contains("proxy listening"); i++) {
                sleep(20);
            }
            assertTrue(first.log().contains("proxy listening"), first.log());
            try (RawHttp http = new RawHttp(socket)) {
                assertEquals(200, http.get("/_ping").status());
            }
            ProxyProcess second = ProxyProcess.launch(Paths.scratch("stale2"), "", args);
            assertEquals(1, second.awaitExit());
            assertTrue(second.log().contains("another process is serving on that socket"), second.log());
            try (RawHttp http = new RawHttp(socket)) {
                assertEquals(200, http.get("/_ping").status(), "the running proxy keeps its socket");
            }
        }
        assertFalse(Files.exists(socket), "the socket is removed on shutdown");
    }

    @Test
    void socketModeDefaultsTo0660AndCanBeChanged() throws IOException {
        try (ProxyProcess proxy = ProxyProcess.start()) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(proxy.socket())));
        }
        try (ProxyProcess proxy = ProxyProcess.start("--socket-mode", "0600", "--socket-group", "root")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(proxy.socket())));
            assertEquals("root", Files.readAttributes(proxy.socket(), PosixFileAttributes.class)
                    .group().getName());
        }
    }

    @Test
    void sigtermLetsTheCallInFlightFinish() {
        ProxyProcess proxy = ProxyProcess.start();
        String name = DockerCli.direct().name("sigterm");
        ProcessBuilder run = new ProcessBuilder(Clients.docker(), "run", "--name", name, DockerSocket.BASE_IMAGE,
                "sh", "-c", "sleep 2; echo finished");
        run.environment().putAll(proxy.env());
        try {
            Process client = run.start();
            // Wait until the container runs, so the call is really in flight when SIGTERM comes.
            for (int i = 0; i < 500 && !DockerCli.direct().run("ps", "-q", "--filter", "name=" + name).out().matches("[0-9a-f]+"); i++) {
                sleep(20);
            }
            assertEquals(143, proxy.terminate(), "exit status of a JVM stopped by SIGTERM");
            String out = new String(client.getInputStream().readAllBytes()).strip();
            assertEquals(0, client.waitFor(), new String(client.getErrorStream().readAllBytes()));
            assertEquals("finished", out);
            assertFalse(Files.exists(proxy.socket()), "socket removed on shutdown");
            assertTrue(proxy.log().contains("proxy stopped"), proxy.log());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            DockerCli.direct().run("rm", "-f", name);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
