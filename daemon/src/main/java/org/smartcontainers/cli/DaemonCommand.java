package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.io.FileUtils;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigDirectory;
import org.smartcontainers.daemon.Daemon;
import org.smartcontainers.daemon.DaemonSettings;
import org.smartcontainers.daemon.NettyBuffers;
import org.smartcontainers.daemon.Rehearsal;
import org.smartcontainers.provenance.StoreLocation;
import org.smartcontainers.proxy.ListenSocket;
import org.smartcontainers.proxy.ProxySettings;
import org.smartcontainers.proxy.intercept.ContextDigest;
import org.smartcontainers.web.HttpAddress;

@Parameters(commandDescription = "Run the SmartContainers daemon: a Docker API proxy on its own Unix socket")
final class DaemonCommand {
    @Parameter(names = "--listen", description = "The proxy's socket; point DOCKER_HOST at unix://PATH."
            + " Default: /var/run/sc.sock as root, else $XDG_RUNTIME_DIR/sc.sock", order = 0)
    String listen;

    @Parameter(names = "--docker", description = "The Docker daemon's socket, PATH or unix://PATH."
            + " Default: DOCKER_HOST when it names a unix socket, else /var/run/docker.sock", order = 1)
    String docker;

    @Parameter(names = "--store", description = "Provenance store: a TDB2 directory, mem:, or an http(s):// SPARQL"
            + " store URL. Default: $XDG_DATA_HOME/smartcontainers or ~/.local/share/smartcontainers", order = 2)
    String store;

    @Parameter(names = "--http", description = "HOST:PORT of the LDP/SPARQL HTTP server (port 0: any free port),"
            + " or off. Default: 127.0.0.1:8750 (loopback)", order = 3)
    String http;

    @Parameter(names = "--http-name", description = "A host name the HTTP server answers to (repeatable), for a"
            + " wider --http bind; it always answers to localhost and to IP addresses, and refuses other names"
            + " (a web page cannot reach it through DNS rebinding)", order = 3)
    List<String> httpNames = new ArrayList<>();

    @Parameter(names = "--sparql-timeout", description = "Seconds a SPARQL query may run before it is cancelled",
            order = 3)
    int sparqlTimeoutSeconds = 10;

    @Parameter(names = "--context-digest", description = "What a classic build's context is digested by: listing"
            + " (its tar headers: paths, modes, sizes, times; next to no cost, as BuildKit builds record) or whole"
            + " (SHA-256 of every byte; about half a second of a core per GiB)", order = 3)
    String contextDigest = "listing";

    @Parameter(names = "--config-dir", description = "Configuration directory. Default: $SC_HOME, else ~/.sc",
            order = 4)
    String configDir;

    @Parameter(names = "--socket-mode", description = "Octal permissions of the proxy's socket", order = 5)
    String socketMode = ProxySettings.DEFAULT_MODE;

    @Parameter(names = "--socket-group", description = "Group of the proxy's socket. Default, as root: the"
            + " Docker socket's group", order = 6)
    String socketGroup;

    @Parameter(names = "--shutdown-timeout", description = "Seconds that calls in flight get to finish on SIGTERM",
            order = 7)
    int shutdownSeconds = 10;

    @Parameter(names = "--io-threads", description = "Event-loop threads. Default: the number of cores", order = 8)
    int ioThreads = Runtime.getRuntime().availableProcessors();

    @Parameter(names = "--poll-micros", description = "Microseconds an idle event loop polls for an answer that is"
            + " due (a request just sent to Docker, an answer just sent to a client) before it sleeps; 0: never",
            order = 8)
    long pollMicros = ProxySettings.DEFAULT_POLL_MICROS;

    @Parameter(names = "--log-level", description = "error, warn, info, debug (one line per request) or trace",
            order = 9)
    String logLevel = "info";

    @Parameter(names = "--orcid", description = "The default person's ORCID iD, over the config file and SC_ORCID",
            order = 11)
    String orcid;

    @Parameter(names = "--agent-name", description = "The default person's name, over the config file and"
            + " SC_AGENT_NAME (likewise --agent-given-name, --agent-family-name, --agent-email, --agent-affiliation,"
            + " --agent-homepage)", order = 12)
    String agentName;

    @Parameter(names = "--agent-given-name", hidden = true)
    String agentGivenName;

    @Parameter(names = "--agent-family-name", hidden = true)
    String agentFamilyName;

    @Parameter(names = "--agent-email", hidden = true)
    String agentEmail;

    @Parameter(names = "--agent-affiliation", hidden = true)
    String agentAffiliation;

    @Parameter(names = "--agent-homepage", hidden = true)
    String agentHomepage;

    /** The build's and the package's: a daemon used once on a scratch directory, for its class-data archive. */
    @Parameter(names = "--rehearse", hidden = true)
    boolean rehearse;

    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help", order = 10)
    boolean help;

    private final Map<String, String> env;

    DaemonCommand(Map<String, String> env) {
        this.env = env;
    }

    int run() {
        NettyBuffers.configure();
        if (rehearse) {
            return rehearse(System.out);
        }
        Logging.configure(logLevel);
        DaemonSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("sc daemon: " + e.getMessage());
            return 2;
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(settings, env);
        } catch (Daemon.StartupException e) {
            System.err.println("sc daemon: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "sc-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * {@code sc daemon --rehearse} ({@link Rehearsal}): the daemon on a scratch directory with no Docker behind
     * it, every part started, used once and stopped; whatever was given for where it runs is replaced.
     */
    int rehearse(PrintStream out) {
        Logging.configure("error"); // Docker's absence is the point, not news
        Path scratch;
        try {
            scratch = Files.createTempDirectory("sc-rehearsal");
        } catch (IOException e) {
            System.err.println("sc daemon --rehearse: " + e.getMessage());
            return 1;
        }
        listen = scratch.resolve("sc.sock").toString();
        docker = scratch.resolve("no-docker.sock").toString();
        store = scratch.resolve("store").toString();
        configDir = scratch.resolve("config").toString();
        http = "127.0.0.1:0";
        try {
            DaemonSettings settings = settings();
            List<Rehearsal.Step> steps;
            try (Daemon daemon = Daemon.start(settings, Map.of())) {
                steps = Rehearsal.perform(daemon, settings);
            }
            steps.forEach(step -> out.println("sc daemon --rehearse: " + step));
            return 0;
        } catch (Daemon.StartupException | IOException | RuntimeException e) {
            System.err.println("sc daemon --rehearse: " + e);
            return 1;
        } finally {
            if (!FileUtils.deleteQuietly(scratch.toFile())) {
                System.err.println("sc daemon --rehearse: left " + scratch);
            }
        }
    }

    /** Every flag parsed and checked, once; {@link IllegalArgumentException} says which is wrong. */
    DaemonSettings settings() {
        Path home = Path.of(System.getProperty("user.home"));
        Path configDirectory = ConfigDirectory.resolve(configDir, env, home);
        Path upstream = upstreamSocket();
        HttpAddress httpAddress = "off".equalsIgnoreCase(http) ? null : HttpAddress.parse(http);
        StoreLocation storeLocation = StoreLocation.parse(store, env, home);
        if (sparqlTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--sparql-timeout must be at least 1 second");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("--io-threads must be at least 1");
        }
        if (pollMicros < 0 || pollMicros > 1000) {
            throw new IllegalArgumentException("--poll-micros must be from 0 to 1000");
        }
        Path listenPath = listen != null ? Path.of(stripUnix(listen)) : DaemonSocket.defaultPath(env, configDirectory);
        String group = socketGroup;
        if (group == null && DaemonSocket.isRoot() && Files.exists(upstream)) {
            group = ListenSocket.groupOf(upstream);
        }
        ProxySettings proxy = new ProxySettings(listenPath.toAbsolutePath(), upstream.toAbsolutePath(),
                ListenSocket.parseMode(socketMode), group, ioThreads, pollMicros);
        Agent flags = new Agent(agentName, agentGivenName, agentFamilyName, agentEmail, agentAffiliation, agentHomepage, orcid);
        return new DaemonSettings(proxy, storeLocation, httpAddress, List.copyOf(httpNames),
                Duration.ofSeconds(sparqlTimeoutSeconds), ContextDigest.parse(contextDigest),
                configDirectory, flags, Duration.ofSeconds(shutdownSeconds), StoreLocation.defaultDirectory(env, home),
                BuildInfo.version());
    }

    private Path upstreamSocket() {
        if (docker != null) {
            if (docker.contains("://") && !docker.startsWith("unix://")) {
                throw new IllegalArgumentException("--docker takes a Unix socket, PATH or unix://PATH, got " + docker);
            }
            return Path.of(stripUnix(docker));
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith("unix://")) {
            return Path.of(stripUnix(dockerHost));
        }
        return Path.of("/var/run/docker.sock");
    }

    static String stripUnix(String address) {
        return address.startsWith("unix://") ? address.substring("unix://".length()) : address;
    }

}
