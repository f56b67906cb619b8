package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.smartcontainers.tests.support.DebianPackage;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.SystemdUnit;
import org.smartcontainers.tests.support.UnitProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * The Debian package this build made, installed with dpkg on this machine (as root, as CI runs), its service run by
 * its unit's own command line in front of the test daemon, used through docker and the docker CLI plugin, upgraded
 * and removed. It refuses to run where the package, or a store it would leave, is there already: it installs and
 * removes for real, and puts back what it found (docs/install.md, "The package's test").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageTest {
    private static final Path UNIT = Path.of("/usr/lib/systemd/system/smartcontainers.service");
    private static final Path USER_UNIT = Path.of("/usr/lib/systemd/user/smartcontainers.service");
    private static final Path DEFAULTS = Path.of("/etc/default/smartcontainers");
    private static final Path STORE = Path.of("/var/lib/smartcontainers");
    private static final Path CONFIG = Path.of("/etc/smartcontainers");
    private static final Path ARCHIVE = Path.of("/var/cache/smartcontainers/sc-client.jsa");
    private static final Path DAEMON_ARCHIVE = Path.of("/var/cache/smartcontainers/sc-daemon.jsa");
    private static final Path PLUGIN = Path.of("/usr/libexec/docker/cli-plugins/docker-provenance");
    private static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/smartcontainers.service");

    private String version;
    private Path deb;
    private Path scratch;
    private Path listen;
    private Map<String, String> dockerEnv;
    private final List<String> containers = new ArrayList<>();
    private UnitProcess service;
    /** Set just before dpkg -i: only then is the package, its store and its config the test's to remove. */
    private boolean installing;

    @BeforeAll
    void install() throws IOException {
        assertEquals("root", System.getProperty("user.name"), "dpkg -i needs root (CI runs the tests as root)");
        assertNull(DebianPackage.installed("Version"), "smartcontainers is installed on this machine already: this test"
                + " installs and removes it, so it runs only where it is not (dpkg --purge smartcontainers first)");
        for (Path left : List.of(STORE, CONFIG, DEFAULTS)) {
            assertFalse(Files.exists(left), left + " exists (a store or config of an earlier installation?): the test"
                    + " would use and delete it; move it away first");
        }
        version = Run.run(Map.of(), null, List.of(Paths.repo().resolve("bin/sc").toString(), "version", "--client"))
                .ok().out().split(" ")[1];
        deb = DebianPackage.built(version);
        scratch = Paths.scratch("scdeb");
        listen = scratch.resolve("sc.sock");
        // The docker CLI with a configuration of its own (no plugins, no contexts) and nothing from the environment
        // choosing its daemon: the plugin must come from the package's directory, the daemon from what the test says.
        Path dockerConfig = Files.createDirectory(scratch.resolve("docker-config"));
        dockerEnv = Map.of("DOCKER_CONFIG", dockerConfig.toString(), "DOCKER_HOST", "", "DOCKER_CONTEXT", "");
        installing = true;
        DebianPackage.dpkg("-i", deb.toString()).ok();
    }

    @AfterAll
    void removeWhatever() throws IOException {
        if (service != null) {
            service.close();
        }
        containers.forEach(name -> docker("-H", "unix://" + DockerSocket.path(), "rm", "-f", name));
        List<Path> made = new ArrayList<>();
        if (installing) {
            DebianPackage.dpkg("--purge", DebianPackage.NAME);
            made.addAll(List.of(STORE, CONFIG)); // purge keeps the store; the test made it
        }
        if (scratch != null) {
            made.add(scratch);
        }
        for (Path tree : made) {
            if (Files.exists(tree)) {
                try (Stream<Path> files = Files.walk(tree)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    @Order(1)
    void installsScOnPathTheJarsTheUnitsTheManPageAndThePluginInTheirSystemPlaces() throws IOException {
        assertEquals(version, DebianPackage.installed("Version"));
        Path sc = Path.of("/usr/bin/sc");
        assertTrue(Files.isSymbolicLink(sc) && Files.isExecutable(sc), "sc on PATH");
        assertEquals("sc " + version, sc("version", "--client").ok().out().replaceFirst(" \\(Java .*", ""));

        Path jar = Path.of("/usr/share/smartcontainers/sc-daemon.jar");
        try (JarFile daemon = new JarFile(jar.toFile())) {
            String classPath = daemon.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            for (String dependency : classPath.split(" ")) {
                assertTrue(Files.isRegularFile(jar.resolveSibling(dependency)), "the jar's Class-Path names " + dependency);
            }
        }
        for (Path unit : List.of(UNIT, USER_UNIT)) {
            assertTrue(Files.readString(unit).contains("ExecStart=/usr/bin/sc daemon"), unit.toString());
        }
        assertTrue(DebianPackage.installed("Conffiles").contains(DEFAULTS.toString()), "the admin's settings are a conffile");
        assertTrue(Files.isSymbolicLink(ENABLED), "the service is enabled as debhelper would: " + ENABLED);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(STORE)));
        assertTrue(Files.isDirectory(CONFIG));

        String manPage;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("/usr/share/man/man1/sc.1.gz")))) {
            manPage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(manPage.contains("\"SmartContainers " + version + "\""), "sc(1) names this version");
        List<String> commands = sc("--help").ok().stdout().lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).map(l -> l.strip().split(" ")[0]).toList();
        assertTrue(commands.size() >= 10, commands.toString());
        for (String command : commands) {
            assertTrue(manPage.contains(".B " + command) || manPage.contains(".BR " + command)
                    || manPage.contains(".BI " + command), "sc(1) describes sc " + command);
        }
        assertTrue(Files.isSymbolicLink(PLUGIN) && Files.isExecutable(PLUGIN), PLUGIN.toString());
        Path bash = Path.of("/usr/share/bash-completion/completions/sc");
        Run.run(Map.of(), null, List.of("bash", "-n", bash.toString())).ok();
        assertEquals(sc("completion", "bash").ok().stdout(), Files.readString(bash), "bash completion, as sc makes it");
        assertEquals(sc("completion", "zsh").ok().stdout(), Files.readString(Path.of("/usr/share/zsh/vendor-completions/_sc")));

        // The class-data archive postinst made for the installed JVM: the launcher passes it, the JVM maps it.
        assertTrue(Files.size(ARCHIVE) > 0, ARCHIVE.toString());
        Run.Result traced = Run.run(Map.of(), null, List.of("sh", "-x", "/usr/bin/sc", "version", "--client"));
        assertTrue(traced.ok().stderr().contains("-XX:SharedArchiveFile=" + ARCHIVE), traced.stderr());
        Run.Result mapped = Run.run(Map.of("JAVA_OPTS", "-Xshare:auto -XX:SharedArchiveFile=" + ARCHIVE + " -Xlog:cds=info"),
                null, List.of("/usr/bin/sc", "version", "--client"));
        assertTrue(mapped.ok().stdout().contains("Mapped dynamic region"), mapped.stdout());
        // The daemon's, made by a rehearsal of the daemon (the service is shown mapping it below).
        assertTrue(Files.size(DAEMON_ARCHIVE) > 0, DAEMON_ARCHIVE.toString());
        // A JVM package installed or upgraded (files under /usr/lib/jvm) makes them again.
        Files.delete(ARCHIVE);
        Files.delete(DAEMON_ARCHIVE);
        Run.run(Map.of(), null, List.of("dpkg-trigger", "--no-await", "/usr/lib/jvm")).ok();
        DebianPackage.dpkg("--triggers-only", DebianPackage.NAME).ok();
        assertTrue(Files.size(ARCHIVE) > 0, "the trigger remade " + ARCHIVE);
        assertTrue(Files.size(DAEMON_ARCHIVE) > 0, "the trigger remade " + DAEMON_ARCHIVE);
    }

    @Test
    @Order(2)
    void bothUnitsPassSystemdAnalyzeVerify() throws IOException {
        String analyze = onPath("systemd-analyze", "systemd (Debian's systemd package)");
        Run.run(Map.of(), null, List.of(analyze, "verify", UNIT.toString())).ok();
        Path runtime = Files.createDirectories(scratch.resolve("xdg-runtime"));
        Run.run(Map.of("XDG_RUNTIME_DIR", runtime.toString()), null,
                List.of(analyze, "--user", "verify", USER_UNIT.toString())).ok();
    }

    @Test
    @Order(3)
    void theUnitsCommandLineRunsTheDaemonThatDockerAndDockerProvenanceReachByContext() throws IOException {
        pointTheServiceAtTheTestDaemon();
        service = startService(scratch.resolve("service.log"));
        assertTrue(Files.readString(Path.of("/proc/" + service.pid() + "/maps")).contains(DAEMON_ARCHIVE.toString()),
                "the service's JVM maps the daemon's class-data archive");
        String daemon = sc("--host", listen.toString(), "version").ok().stdout();
        assertTrue(daemon.contains("daemon: SmartContainers " + version + " "), daemon);
        sc("--host", listen.toString(), "config", "set", "--name", "Package Tester").ok();
        assertTrue(Files.readString(CONFIG.resolve("config.json")).contains("Package Tester"), "config in /etc/smartcontainers");
        String container = createThroughTheService();
        assertEquals("yes", sc("--host", listen.toString(), "query", "ASK { ?software sc:version \"" + version + "\" }")
                .ok().out(), "the record names this version");

        String plugins = docker("info", "--format", "{{json .ClientInfo.Plugins}}").ok().stdout();
        assertTrue(plugins.contains("\"Name\":\"provenance\"") && plugins.contains("\"Path\":\"" + PLUGIN + "\""), plugins);
        assertObserved(docker("-H", "unix://" + listen, "provenance", "lineage", "--container", container));

        String made = Run.run(dockerEnv, null, List.of("/usr/bin/sc", "context", "--host", listen.toString(),
                "--docker-cli", Clients.docker())).ok().stdout();
        assertTrue(made.contains("docker context smartcontainers: unix://" + listen + " (created)"), made);
        assertTrue(docker("--context", "smartcontainers", "provenance", "version").ok().stdout()
                .contains("at " + listen), "--context picks the daemon");
        String used = Run.run(dockerEnv, null, List.of("/usr/bin/sc", "context", "--use", "--host", listen.toString(),
                "--docker-cli", Clients.docker())).ok().stdout();
        assertTrue(used.contains("(updated)") && used.contains("current context is now smartcontainers"), used);
        assertEquals("yes", docker("provenance", "query", "ASK { ?c prov:wasGeneratedBy ?a . ?a a docker:ContainerCreate }")
                .ok().out(), "the current context picks the daemon");
        // DOCKER_HOST wins over the current context, as for every docker command: here Docker's own socket.
        Map<String, String> toDocker = new HashMap<>(dockerEnv);
        toDocker.put("DOCKER_HOST", "unix://" + DockerSocket.path());
        Run.Result notOurs = Run.run(toDocker, null, List.of(Clients.docker(), "provenance", "version"));
        assertEquals(1, notOurs.exitCode(), notOurs.toString());
        assertTrue(notOurs.stderr().contains("is not the SmartContainers daemon"), notOurs.stderr());
        service.stop();
        service = null;
    }

    @Test
    @Order(4)
    void theUserUnitsCommandLineRunsTheDaemonOnXdgPathsInFrontOfTheDockerItsSettingsName() throws IOException {
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path runtime = Files.createDirectories(scratch.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path config = Files.createDirectories(home.resolve(".config/smartcontainers"));
        Files.writeString(config.resolve("daemon.env"), "SC_DOCKER=unix://" + DockerSocket.path() + "\n");
        SystemdUnit unit = SystemdUnit.read(USER_UNIT, Map.of('t', runtime.toString(), 'E', home.resolve(".config").toString(),
                'h', home.toString()));
        // A user's manager gives HOME and XDG_RUNTIME_DIR; XDG_DATA_HOME here because the test runs as root, whose
        // home Java would take for the store.
        Path data = home.resolve(".local/share");
        Path socket = runtime.resolve("sc.sock");
        try (UnitProcess user = UnitProcess.start(unit, Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString(),
                "XDG_DATA_HOME", data.toString()), socket, scratch.resolve("user.log"))) {
            String container = createThrough(socket);
            assertObserved(docker("-H", "unix://" + socket, "provenance", "lineage", "--container", container));
            sc("--host", socket.toString(), "config", "set", "--name", "One User").ok();
            assertTrue(Files.readString(config.resolve("config.json")).contains("One User"), "config in XDG_CONFIG_HOME");
            int status = user.stop();
            assertTrue(status == 0 || status == 143, "a stop the unit counts as clean (SuccessExitStatus=143): " + status);
        }
        try (Stream<Path> store = Files.list(data.resolve("smartcontainers"))) {
            assertTrue(store.anyMatch(p -> p.getFileName().toString().startsWith("Data-")), "the store in XDG_DATA_HOME");
        }
    }

    @Test
    @Order(5)
    void upgradingKeepsTheStoreAndSettingsAndRemovingAndPurgingKeepTheStore() throws IOException {
        pointTheServiceAtTheTestDaemon();
        service = startService(scratch.resolve("before-upgrade.log"));
        String container = createThroughTheService();
        sc("--host", listen.toString(), "config", "set", "--name", "Before Upgrade").ok();
        service.stop();

        String next = version + ".1";
        assertTrue(DebianPackage.newer(next, version), next + " sorts after " + version);
        DebianPackage.dpkg("-i", DebianPackage.withVersion(deb, next, Files.createDirectory(scratch.resolve("next")))
                .toString()).ok();
        assertEquals(next, DebianPackage.installed("Version"));
        assertTrue(Files.readString(DEFAULTS).contains("SC_LISTEN=" + listen), "the admin's settings survive an upgrade");
        service = startService(scratch.resolve("after-upgrade.log"));
        assertObserved(docker("-H", "unix://" + listen, "provenance", "lineage", "--container", container));
        assertTrue(sc("--host", listen.toString(), "config", "show").ok().stdout().contains("Before Upgrade"),
                "the config survives an upgrade");
        service.stop();
        service = null;

        DebianPackage.dpkg("-r", DebianPackage.NAME).ok();
        assertFalse(Files.exists(Path.of("/usr/bin/sc")) || Files.exists(PLUGIN), "remove takes the programs");
        assertTrue(holdsAStore(), "remove keeps the store");
        assertTrue(Files.exists(CONFIG.resolve("config.json")), "remove keeps the config");
        assertFalse(Files.exists(ARCHIVE) || Files.exists(DAEMON_ARCHIVE), "remove takes the class-data archives");
        DebianPackage.dpkg("--purge", DebianPackage.NAME).ok();
        assertNull(DebianPackage.installed("Version"));
        assertTrue(holdsAStore(), "purge keeps the store too");
        assertFalse(Files.exists(CONFIG) || Files.exists(DEFAULTS) || Files.exists(ARCHIVE.getParent()),
                "purge takes the config, the settings and the archive");
        for (Path unitLink : List.of(ENABLED, Path.of("/etc/systemd/system/smartcontainers.service"))) {
            assertFalse(Files.exists(unitLink, LinkOption.NOFOLLOW_LINKS), "purge leaves no enabling or masking: " + unitLink);
        }
    }

    /** The system unit's command; one at a time (a test that failed left its own running). */
    private UnitProcess startService(Path log) {
        if (service != null) {
            service.close();
        }
        return UnitProcess.start(UNIT, listen, log);
    }

    /** What an admin does: the Docker socket, the listening socket and an HTTP port in the environment file. */
    private void pointTheServiceAtTheTestDaemon() throws IOException {
        String settings = Files.readString(DEFAULTS);
        if (!settings.contains("SC_LISTEN=" + listen)) {
            Files.writeString(DEFAULTS, settings + "\nSC_DOCKER=unix://" + DockerSocket.path() + "\nSC_LISTEN=" + listen
                    + "\nSC_DAEMON_OPTS=\"--http 127.0.0.1:0 --log-level debug\"\n");
        }
    }

    private String createThroughTheService() {
        return createThrough(listen);
    }

    private String createThrough(Path socket) {
        String name = "sc-it-deb-" + containers.size() + "-" + Long.toHexString(System.nanoTime());
        containers.add(name);
        docker("-H", "unix://" + socket, "create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
        return name;
    }

    private static void assertObserved(Run.Result lineage) {
        String out = lineage.ok().stdout();
        assertTrue(out.contains("made by ContainerCreate") && out.contains("(observed)"), out);
    }

    private boolean holdsAStore() throws IOException {
        try (Stream<Path> files = Files.list(STORE)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("Data-"));
        }
    }

    private Run.Result sc(String... args) {
        return Run.run(Map.of(), null, Stream.concat(Stream.of("/usr/bin/sc"), Stream.of(args)).toList());
    }

    private Run.Result docker(String... args) {
        return Run.run(dockerEnv, null, Stream.concat(Stream.of(Clients.docker()), Stream.of(args)).toList());
    }

    private static String onPath(String program, String install) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("no " + program + " on PATH: install " + install);
    }
}
