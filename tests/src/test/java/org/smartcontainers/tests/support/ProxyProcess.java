package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartcontainers.testsupport.Run;

/** {@code bin/sc daemon} run as its own process, as a user runs it. */
public final class ProxyProcess implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final Path log;

    private ProxyProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** A proxy in front of the test daemon, on a fresh socket. */
    public static ProxyProcess start(String... extraArgs) {
        return start(DockerSocket.path(), "", extraArgs);
    }

    /** A proxy in front of the Docker 20.10 daemon ({@link DockerSocket#docker20()}), on a fresh socket. */
    public static ProxyProcess startInFrontOfDocker20(String... extraArgs) {
        return start(DockerSocket.docker20(), "", extraArgs);
    }

    public static ProxyProcess start(Path upstream, String javaOpts, String... extraArgs) {
        Path dir = Paths.scratch("scp");
        List<String> args = new ArrayList<>(List.of("--listen", dir.resolve("sc.sock").toString(),
                "--docker", upstream.toString(), "--log-level", "debug"));
        if (!List.of(extraArgs).contains("--store")) {
            args.addAll(List.of("--store", "mem:")); // a TDB2 directory admits one process: tests run several
        }
        args.addAll(List.of(extraArgs));
        ProxyProcess proxy = launch(dir, javaOpts, args);
        proxy.awaitListening();
        return proxy;
    }

    /** Starts {@code bin/sc daemon ARGS} without waiting for anything: for start-up failures. */
    public static ProxyProcess launch(Path dir, String javaOpts, List<String> daemonArgs) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString(), "daemon"));
        command.addAll(daemonArgs);
        if (!daemonArgs.contains("--http")) {
            command.addAll(List.of("--http", "127.0.0.1:0")); // tests run many daemons: any free port each
        }
        Path log = dir.resolve("proxy.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (javaOpts.isEmpty()) {
            builder.environment().remove("JAVA_OPTS"); // bin/sc's own defaults
        } else {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        builder.environment().remove("DOCKER_HOST");
        builder.environment().put("XDG_DATA_HOME", dir.toString()); // queues and default stores stay in the scratch directory
        builder.environment().put("SC_HOME", dir.resolve("config").toString()); // so does the config (the HTTP token)
        try {
            Path socket = dir.resolve("sc.sock");
            int at = daemonArgs.indexOf("--listen");
            if (at >= 0) {
                socket = Path.of(daemonArgs.get(at + 1));
            }
            return new ProxyProcess(builder.start(), socket, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        for (int i = 0; i < 3000 && process.isAlive(); i++) {
            // The socket accepts a moment before the readiness line is logged; wait for both so
            // that a test reading the log right after start sees everything logged at startup.
            if (Files.exists(socket) && accepts(socket) && log().contains("proxy listening")) {
                return;
            }
            sleep(10);
        }
        throw new AssertionError("proxy did not start listening on " + socket + ":\n" + log());
    }

    static boolean accepts(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path socket() {
        return socket;
    }

    /** The token that HTTP writes need, from the config directory the daemon was given. */
    public String httpToken() {
        try {
            return Files.readString(log.getParent().resolve("config").resolve("http-token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP server's base URL, as the daemon logged it, without the trailing slash. */
    public String httpUrl() {
        Matcher url = Pattern.compile("listening on (http://\\S+?)/?$",
                Pattern.MULTILINE).matcher(log());
        if (!url.find()) {
            throw new AssertionError("the daemon did not log its HTTP address:\n" + log());
        }
        return url.group(1);
    }

    /** {@code bin/sc ARGS}, a client command finding this daemon through SC_HOST as a user would. */
    public Run.Result sc(String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
        command.addAll(List.of(args));
        return Run.run(Map.of("SC_HOST", socket.toString()), null, command);
    }

    public String dockerHost() {
        return "unix://" + socket;
    }

    public Map<String, String> env() {
        return Map.of("DOCKER_HOST", dockerHost());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, as in a crash. */
    public int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
    public int terminate() {
        process.destroy();
        return awaitExit();
    }

    public int awaitExit() {
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("proxy did not exit:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
