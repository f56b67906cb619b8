package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/** {@code bin/sc} as a user runs it. */
class LauncherTest {
    private static Run.Result sc(String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
        command.addAll(List.of(args));
        return Run.run(Map.of(), null, command);
    }

    @Test
    void versionAndHelp() {
        // The release alone, or the release and the commit it was built from (docs/install.md, "Versions").
        String version = sc("version", "--client").ok().out();
        assertTrue(version.matches("sc \\d+\\.\\d+\\.\\d+(\\+g(\\p{XDigit}{7,}|unknown)(\\.dirty)?)? \\(Java .*\\)"), version);
        assertFalse(version.contains("SNAPSHOT"), version);
        String help = sc("daemon", "--help").ok().stdout();
        for (String flag : List.of("--listen", "--docker", "--store", "--http", "--config-dir", "--socket-mode",
                "--socket-group", "--shutdown-timeout", "--log-level")) {
            assertTrue(help.contains(flag), flag + " is documented in sc daemon --help");
        }
        assertTrue(sc("version", "--help").ok().stdout().contains("Usage: version"));
    }

    @Test
    void clientCommandsStartFromTheBuildsClassDataArchiveAndNeverSayWhenTheyCannot() throws Exception {
        Path archive = Paths.repo().resolve("daemon/target/sc-client.jsa");
        assertTrue(Files.size(archive) > 0, "the build made the client commands' class-data archive");
        Run.Result logged = Run.run(Map.of("JAVA_OPTS", "-Xshare:auto -XX:SharedArchiveFile=" + archive + " -Xlog:cds=info"),
                null, List.of(Paths.repo().resolve("bin/sc").toString(), "version", "--client"));
        assertTrue(logged.ok().stdout().contains("Mapped dynamic region"), "this JVM can use it: " + logged.stdout());

        Path copy = Paths.scratch("sc-launcher");
        try {
            Files.write(copy.resolve("not-an-archive.jsa"), new byte[] {1, 2, 3});
            Run.Result unusable = Run.run(Map.of("JAVA_OPTS", "-XX:SharedArchiveFile=" + copy.resolve("not-an-archive.jsa")
                    + " -Xlog:cds=off -Xlog:cds+dynamic=off"), null,
                    List.of(Paths.repo().resolve("bin/sc").toString(), "version", "--client"));
            assertTrue(unusable.ok().out().startsWith("sc ") && unusable.stderr().isEmpty(),
                    "an archive the JVM cannot use is passed over in silence: " + unusable.stderr());
        } finally {
            Files.walk(copy).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theDaemonStartsFromTheBuildsClassDataArchive() throws Exception {
        Path archive = Paths.repo().resolve("daemon/target/sc-daemon.jsa");
        assertTrue(Files.size(archive) > 0, "the build's rehearsal made the daemon's class-data archive");
        try (ProxyProcess daemon = ProxyProcess.start()) {
            String maps = Files.readString(Path.of("/proc/" + daemon.pid() + "/maps"));
            assertTrue(maps.contains(archive.toRealPath().toString()), "the daemon's JVM maps " + archive);
            assertTrue(daemon.sc("version").ok().stdout().contains("daemon: SmartContainers"), "and serves");
        }
    }

    @Test
    void aLinkToItOnPathRunsItAndDockerFindsItsPluginLinkedIntoTheConfig() throws Exception {
        Path dir = Paths.scratch("sc-linked");
        try {
            Files.createSymbolicLink(dir.resolve("sc"), Paths.repo().resolve("bin/sc"));
            Run.Result linked = Run.run(Map.of("PATH", dir + ":" + System.getenv("PATH")), null,
                    List.of("sh", "-c", "sc version --client")); // the shell finds it on PATH, as a user's does
            assertTrue(linked.ok().out().startsWith("sc "), linked.toString());

            // From a clone, as docs/install.md says: the plugin linked into $DOCKER_CONFIG/cli-plugins runs bin/sc beside it.
            Path plugins = Files.createDirectories(dir.resolve("docker-config/cli-plugins"));
            Files.createSymbolicLink(plugins.resolve("docker-provenance"), Paths.repo().resolve("bin/docker-provenance"));
            Map<String, String> env = Map.of("DOCKER_CONFIG", dir.resolve("docker-config").toString(),
                    "DOCKER_HOST", "unix://" + dir.resolve("nothing-here.sock"), "DOCKER_CONTEXT", "");
            Run.Result client = Run.run(env, null, List.of(Clients.docker(), "provenance", "version", "--client"));
            assertEquals(linked.out(), client.ok().out());
            Run.Result daemon = Run.run(env, null, List.of(Clients.docker(), "provenance", "version"));
            assertEquals(1, daemon.exitCode());
            assertTrue(daemon.stderr().contains("not running at " + dir.resolve("nothing-here.sock")),
                    "the daemon is the one DOCKER_HOST names: " + daemon.stderr());
        } finally {
            Files.walk(dir).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void misuseSaysWhatIsWrong() {
        Run.Result unknown = sc("daemon", "--bogus");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("sc daemon: unknown option --bogus"), unknown.stderr());
        Run.Result badMode = sc("daemon", "--socket-mode", "rwx", "--listen", "/tmp/never.sock");
        assertEquals(2, badMode.exitCode());
        assertTrue(badMode.stderr().contains("socket mode must be octal"), badMode.stderr());
    }
}
