package org.smartcontainers.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths to the daemon under test: direct, our proxy, and socat and HAProxy where installed; and
 * beside them the canned responder, which stands in for the daemon to measure the load generator.
 */
final class Targets implements AutoCloseable {
    static final String DIRECT = "direct";
    static final String PROXY = "sc proxy";
    static final String CANNED = "canned";
    private final Map<String, Path> sockets = new LinkedHashMap<>();
    /** The relays' processes (not direct's, not the canned responder's), by target name. */
    private final Map<String, ProcessCpu> relays = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final Process proxy;
    private final Path canned;

    Targets(Path repo, Path docker, Path scratch) throws IOException, InterruptedException {
        sockets.put(DIRECT, docker);
        Path proxySocket = scratch.resolve("sc.sock");
        proxy = start(scratch.resolve("sc.log"), repo.resolve("bin/sc").toString(), "daemon",
                "--listen", proxySocket.toString(), "--docker", docker.toString(), "--log-level", "warn",
                "--store", scratch.resolve("store").toString());
        await(proxySocket, proxy);
        sockets.put(PROXY, proxySocket);
        relays.put(PROXY, new ProcessCpu(proxy.pid()));
        if (onPath("socat")) {
            Path socat = scratch.resolve("socat.sock");
            Process relay = start(scratch.resolve("socat.log"), "socat",
                    "UNIX-LISTEN:" + socat + ",fork", "UNIX-CONNECT:" + docker);
            await(socat, relay);
            sockets.put("socat", socat);
            relays.put("socat", new ProcessCpu(relay.pid()));
        }
        if (onPath("haproxy")) {
            Path haproxy = scratch.resolve("haproxy.sock");
            Path config = scratch.resolve("haproxy.cfg");
            Files.writeString(config, """
                    global
                        maxconn 1000
                    defaults
                        mode http
                        option http-keep-alive
                        timeout connect 5s
                        timeout client 1h
                        timeout server 1h
                    frontend docker
                        bind unix@%s
                        default_backend daemon
                    backend daemon
                        server d unix@%s
                    """.formatted(haproxy, docker));
            Process relay = start(scratch.resolve("haproxy.log"), "haproxy", "-f", config.toString());
            await(haproxy, relay);
            sockets.put("haproxy", haproxy);
            relays.put("haproxy", new ProcessCpu(relay.pid()));
        }
        canned = scratch.resolve("canned.sock");
        // Its own small JVM: in the generator's, its JIT and GC would run on the generator's time, and the reverse.
        await(canned, start(scratch.resolve("canned.log"), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", codeSource(CannedPingServer.class).toString(),
                CannedPingServer.class.getName(), canned.toString()));
    }

    /** The paths to the daemon, direct first. */
    Map<String, Path> sockets() {
        return sockets;
    }

    /** The CPU meter of a relay's process; null for direct. */
    ProcessCpu relay(String name) {
        return relays.get(name);
    }

    /** The canned responder's socket: it answers pings only. */
    Path canned() {
        return canned;
    }

    long proxyPid() {
        return proxy.pid();
    }

    private Process start(Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DOCKER_HOST");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void await(Path socket, Process process) throws IOException, InterruptedException {
        for (int i = 0; i < 1500; i++) {
            if (!process.isAlive()) {
                throw new IOException("exited before listening on " + socket + ": " + process.info().commandLine().orElse(""));
            }
            if (Files.exists(socket)) {
                try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    probe.connect(UnixDomainSocketAddress.of(socket));
                    return;
                } catch (IOException notYet) {
                    // keep waiting
                }
            }
            Thread.sleep(20);
        }
        throw new IOException("nothing listens on " + socket);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
    }
}
