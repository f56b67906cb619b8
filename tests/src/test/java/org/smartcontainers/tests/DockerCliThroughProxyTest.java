package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.TarDigest;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * The docker CLI 28 through the proxy, each scenario also run directly against the daemon: the
 * two must print the same (IDs and generated names aside).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerCliThroughProxyTest {
    private static final String BASE = DockerSocket.BASE_IMAGE;
    private ProxyProcess proxy;
    private DockerCli direct;
    private DockerCli proxied;
    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    void startProxy() {
        proxy = ProxyProcess.start();
        direct = DockerCli.direct();
        proxied = DockerCli.through(proxy);
    }

    @AfterAll
    void stopProxy() {
        cleanups.forEach(Runnable::run);
        proxy.close();
        assertFalse(proxy.log().contains("ERROR"), "the proxy logged an error:\n" + proxy.log());
    }

    /** Runs the scenario both ways, asserts the same output, returns the proxied one. */
    private String sameBothWays(Function<DockerCli, String> scenario) {
        String viaDaemon = direct.normalize(scenario.apply(direct));
        String viaProxy = proxied.normalize(scenario.apply(proxied));
        assertEquals(viaDaemon, viaProxy, "output through the proxy differs from the direct output");
        return viaProxy;
    }

    private String container(DockerCli docker, String base, String... runArgs) {
        String name = docker.name(base);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(runArgs));
        docker.run(args.toArray(String[]::new)).ok();
        cleanups.add(() -> direct.run("rm", "-f", name));
        return name;
    }

    @Test
    void versionInfoAndImages() {
        String version = sameBothWays(d -> d.run("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}").ok().out());
        assertFalse(version.isBlank());
        sameBothWays(d -> d.run("info", "--format", "{{.ServerVersion}} {{.Driver}} {{.OSType}} {{.Images}}").ok().out());
        String images = sameBothWays(d -> d.run("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}", "sc-busybox").ok().out());
        assertTrue(images.startsWith("sc-busybox:latest"), images);
    }

    @Test
    void classicBuildWithRunAndCopy() throws IOException {
        Path context = Paths.scratch("ctx");
        Files.writeString(context.resolve("Dockerfile"),
                "FROM " + BASE + "\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt > /copy.txt && echo built-by-run\n");
        Files.writeString(context.resolve("hello.txt"), "world\n");
        String steps = sameBothWays(d -> {
            String tag = d.name("build") + ":t";
            cleanups.add(() -> direct.run("rmi", "-f", tag));
            String out = d.withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"))
                    .run("build", "--no-cache", "-t", tag, context.toString()).ok().stdout();
            assertEquals("world", d.run("run", "--rm", tag, "cat", "/copy.txt").ok().out());
            // Through the proxy the classic builder shows one more step: the provenance label it
            // applies from the labels parameter (by design, issue 3). Compare the steps the user wrote.
            return out.lines().filter(l -> l.startsWith("Step ") || l.startsWith("built-by-run")
                            || l.startsWith("Successfully tagged"))
                    .filter(l -> !l.contains(": LABEL smartcontainer="))
                    .map(l -> l.replaceFirst("^Step \\d+/\\d+ :", "Step :"))
                    .reduce("", (a, b) -> a + b + "\n");
        });
        assertTrue(steps.contains("Step : RUN cat /hello.txt"), steps);
        assertTrue(steps.contains("built-by-run"), steps);
    }

    @Test
    void createStartWaitLogsAndRm() {
        String out = sameBothWays(d -> {
            String name = d.name("lifecycle");
            d.run("create", "--name", name, BASE, "sh", "-c", "echo out; echo err >&2; exit 3").ok();
            d.run("start", name).ok();
            String exit = d.run("wait", name).ok().out();
            Run.Result logs = d.run("logs", name).ok();
            String removed = d.run("rm", name).ok().out();
            return exit + "|" + logs.out() + "|" + logs.stderr().strip() + "|" + removed;
        });
        assertEquals("3|out|err|sc-it-lifecycle", out);
    }

    @Test
    void runRemove() {
        assertEquals("hello", sameBothWays(d -> d.run("run", "--rm", BASE, "echo", "hello").ok().out()));
    }

    @Test
    void attachWithStdin() {
        // docker attach: output of a running container reaches the client as it is produced.
        assertEquals("late", sameBothWays(d -> {
            String name = container(d, "attach", BASE, "sh", "-c", "sleep 1; echo late");
            return d.run("attach", "--no-stdin", name).ok().out();
        }));
        // Attach with stdin, as run -i and start -a -i do it (a plain `docker attach` whose stdin
        // ends detaches at once, racing the container's answer even without the proxy).
        assertEquals("got hi", sameBothWays(d ->
                d.pipe("hi\n", "run", "--rm", "-i", BASE, "sh", "-c", "read line; echo got $line").ok().out()));
        assertEquals("started hi", sameBothWays(d -> {
            String name = d.name("start-ai");
            d.run("create", "-i", "--name", name, BASE, "sh", "-c", "read line; echo started $line").ok();
            cleanups.add(() -> direct.run("rm", "-f", name));
            return d.pipe("hi\n", "start", "-a", "-i", name).ok().out();
        }));
    }

    @Test
    void execWithPipedStdinAndWithTty() {
        String piped = sameBothWays(d -> {
            String name = container(d, "exec", BASE, "sleep", "300");
            String viaStdin = d.pipe("a\nb\n", "exec", "-i", name, "sh", "-c", "cat; echo end").ok().out();
            // -t needs a terminal: script(1) gives the CLI one.
            String viaTty = Run.run(d.env(), null, List.of(Clients.script(), "-qec",
                    d.binary() + " exec -t " + name + " sh -c 'tty; echo tty-ok'", "/dev/null")).ok().out();
            return viaStdin + "|" + viaTty.replaceAll("/dev/pts/\\d+", "/dev/pts/N").replace("\r", "");
        });
        assertEquals("a\nb\nend|/dev/pts/N\ntty-ok", piped);
    }

    @Test
    void logsFollowStreamsUntilTheContainerEnds() {
        assertEquals("one\ntwo", sameBothWays(d -> {
            String name = container(d, "follow", BASE, "sh", "-c", "echo one; sleep 1; echo two");
            return d.run("logs", "-f", name).ok().out();
        }));
    }

    @Test
    void eventsInABoundedWindowAndLive() throws IOException {
        long since = System.currentTimeMillis() / 1000 - 1;
        String name = direct.name("events");
        direct.run("create", "--name", name, BASE, "true").ok();
        direct.run("rm", name).ok();
        long until = System.currentTimeMillis() / 1000 + 1;
        String window = sameBothWays(d -> d.run("events", "--since", Long.toString(since), "--until",
                Long.toString(until), "--filter", "container=" + name, "--format", "{{.Action}}").ok().out());
        assertEquals("create\ndestroy", window);

        // Live: an event must reach the client while the stream is still open, not when it ends.
        String label = "sc-it-live=" + UUID.randomUUID();
        ProcessBuilder builder = new ProcessBuilder(Clients.docker(), "events", "--filter", "label=" + label,
                "--format", "{{.Action}}");
        builder.environment().putAll(proxy.env());
        Process stream = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the stream is destroyed at the end of the test
            }
        });
        reader.start();
        try {
            // No signal says when the daemon has subscribed us: create containers until one shows.
            String first = null;
            for (int attempt = 0; attempt < 60 && first == null; attempt++) {
                String created = direct.name("live");
                direct.run("create", "--label", label, "--name", created, BASE, "true").ok();
                cleanups.add(() -> direct.run("rm", "-f", created));
                first = lines.poll(1, TimeUnit.SECONDS);
            }
            assertEquals("create", first);
            assertTrue(stream.isAlive(), "the events stream must still be open");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            stream.destroy();
        }
    }

    @Test
    void stopAndKill() {
        String out = sameBothWays(d -> {
            String stopped = container(d, "stop", BASE, "sleep", "300");
            String killed = container(d, "kill", BASE, "sleep", "300");
            return d.run("stop", "-t", "1", stopped).ok().out() + "|"
                    + d.run("inspect", "-f", "{{.State.Running}}", stopped).ok().out() + "|"
                    + d.run("kill", killed).ok().out() + "|"
                    + d.run("wait", killed).ok().out();
        });
        assertEquals("sc-it-stop|false|sc-it-kill|137", out);
    }

    @Test
    void commitWithChanges() {
        String out = sameBothWays(d -> {
            String name = container(d, "commit", BASE, "sh", "-c", "echo made > /made.txt; sleep 300");
            // Committed once the file is there: the shell may not have written it when the container has started.
            d.run("exec", name, "sh", "-c", "while [ ! -s /made.txt ]; do sleep 0.05; done").ok();
            String image = d.name("committed") + ":v1";
            cleanups.add(() -> direct.run("rmi", "-f", image));
            d.run("commit", "--change", "ENV FOO=bar", "--change", "LABEL x=y", name, image).ok();
            return d.run("image", "inspect", "-f", "{{index .Config.Labels \"x\"}} {{.Config.Env}}", image).ok().out()
                    + "|" + d.run("run", "--rm", image, "cat", "/made.txt").ok().out();
        });
        assertTrue(out.startsWith("y [") && out.contains("FOO=bar") && out.endsWith("|made"), out);
    }

    @Test
    void savePipedToLoadIsByteIdentical() throws Exception {
        Path dir = Paths.scratch("save");
        // Docker 25 and later stamp some entries with the time of the save: compared with those times masked.
        assertEquals(TarDigest.ignoringTimes(saved(direct, dir)), TarDigest.ignoringTimes(saved(proxied, dir)),
                "docker save through the proxy changed bytes");
        String loaded = Run.run(proxied.env(), null, List.of("sh", "-c",
                Clients.docker() + " save " + BASE + " | " + Clients.docker() + " load")).ok().out();
        assertEquals("Loaded image: " + BASE, loaded);
    }

    private static Path saved(DockerCli d, Path dir) {
        Path out = dir.resolve(d.label() + ".tar");
        d.run("save", "-o", out.toString(), BASE).ok();
        return out;
    }

    @Test
    void copyBothWaysExportAndDiff() throws IOException {
        Path dir = Paths.scratch("cp");
        Path source = dir.resolve("in.txt");
        Files.writeString(source, "copied in\n");
        String out = sameBothWays(d -> {
            String name = container(d, "cp", BASE, "sleep", "300");
            d.run("cp", source.toString(), name + ":/in.txt").ok();
            Path back = dir.resolve("back-" + d.label() + ".txt");
            d.run("cp", name + ":/in.txt", back.toString()).ok();
            Path export = dir.resolve("export-" + d.label() + ".tar");
            d.run("export", "-o", export.toString(), name).ok();
            String listing = Run.run(Map.of(), null, List.of("tar", "tf", export.toString())).ok().stdout();
            try {
                return Files.readString(back).strip() + "|" + listing.lines().anyMatch(l -> l.equals("in.txt"))
                        + "|" + listing.lines().anyMatch(l -> l.equals("bin/busybox"))
                        + "|" + d.run("diff", name).ok().out();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("copied in|true|true|A /in.txt", out);
    }

    @Test
    void removeImage() {
        String out = sameBothWays(d -> {
            String tag = d.name("rmi") + ":gone";
            d.run("tag", BASE, tag).ok();
            return d.run("rmi", tag).ok().out();
        });
        assertEquals("Untagged: sc-it-rmi:gone", out);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
