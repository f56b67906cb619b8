package org.smartcontainers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.JCommander;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.ListenSocket;
import org.smartcontainers.proxy.ProxySettings;

class DaemonCommandTest {
    private static ProxySettings settings(Map<String, String> env, String... args) {
        DaemonCommand command = new DaemonCommand(env);
        JCommander.newBuilder().addObject(command).build().parse(args);
        return command.settings().proxy();
    }

    @Test
    void upstreamComesFromTheFlagThenDockerHostThenTheDefault() {
        assertEquals(Path.of("/a/docker.sock"),
                settings(Map.of("DOCKER_HOST", "unix:///b/d.sock"), "--docker", "unix:///a/docker.sock").upstream());
        assertEquals(Path.of("/a/docker.sock"), settings(Map.of(), "--docker", "/a/docker.sock").upstream());
        assertEquals(Path.of("/b/d.sock"), settings(Map.of("DOCKER_HOST", "unix:///b/d.sock")).upstream());
        assertEquals(Path.of("/var/run/docker.sock"), settings(Map.of("DOCKER_HOST", "tcp://host:2375")).upstream());
    }

    @Test
    void theUpstreamMustBeAUnixSocket() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(), "--docker", "tcp://host:2375"));
        assertEquals("--docker takes a Unix socket, PATH or unix://PATH, got tcp://host:2375", e.getMessage());
    }

    @Test
    void listenDefaultsDependOnTheUser() {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path expected = root ? Path.of("/var/run/sc.sock") : Path.of("/run/user/1000/sc.sock");
        assertEquals(expected, settings(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")).listen());
        assertEquals(Path.of("/tmp/x.sock"), settings(Map.of(), "--listen", "unix:///tmp/x.sock").listen());
    }

    @Test
    void socketModeAndGroup() {
        ProxySettings s = settings(Map.of(), "--docker", "/nonexistent/docker.sock", "--socket-mode", "600");
        assertEquals(ListenSocket.parseMode("0600"), s.socketMode());
        assertNull(s.socketGroup(), "no Docker socket to copy the group from");
        assertEquals("docker", settings(Map.of(), "--socket-group", "docker").socketGroup());
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of(), "--socket-mode", "0999"));
    }

    @Test
    void laterIssuesFlagsAreCheckedNow() {
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of(), "--store", "ftp://x"));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of(), "--http", "nowhere"));
    }

    @Test
    void badUsageExitsWith2() {
        assertEquals(2, Main.run(new String[] {"daemon", "--no-such-flag"}, Map.of()));
        assertEquals(2, Main.run(new String[] {}, Map.of()));
        assertEquals(0, Main.run(new String[] {"version", "--client"}, Map.of()));
        assertEquals(0, Main.run(new String[] {"daemon", "--help"}, Map.of()));
        assertEquals(1, Main.run(new String[] {"daemon", "--listen", "/nonexistent/dir/sc.sock"}, Map.of()),
                "the daemon sub-command is found and runs");
    }

    @Test
    void aRehearsalStartsEveryPartUsesEachOnceAndStops() {
        DaemonCommand command = new DaemonCommand(Map.of());
        JCommander.newBuilder().addObject(command).build().parse("--rehearse", "--listen", "/nowhere/sc.sock");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, command.rehearse(new PrintStream(out, true, StandardCharsets.UTF_8)));
        List<String> steps = out.toString(StandardCharsets.UTF_8).lines().toList();
        // Through the proxy, every call is answered as Docker's absence makes it (the relay and the interceptions ran);
        // every read of the HTTP side succeeds.
        List<String> proxied = steps.stream().filter(s -> s.startsWith("sc daemon --rehearse: proxy ")).toList();
        List<String> read = steps.stream().filter(s -> s.startsWith("sc daemon --rehearse: http GET ")).toList();
        assertEquals(6, proxied.size(), steps.toString());
        assertEquals(8, read.size(), steps.toString());
        assertEquals(steps.size(), proxied.size() + read.size(), steps.toString());
        proxied.forEach(step -> assertTrue(step.endsWith(" -> 502"), step));
        read.forEach(step -> assertTrue(step.endsWith(" -> 200"), step));
        assertTrue(proxied.stream().anyMatch(s -> s.contains("POST /v1.43/containers/create")), proxied.toString());
    }
}
