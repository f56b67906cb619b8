package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigDirectory;
import org.smartcontainers.config.ConfigException;
import org.smartcontainers.config.ConfigFile;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.config.LegacyConfig;
import org.smartcontainers.web.http.Access;
import org.smartcontainers.web.metadata.MetadataContainers;
import org.smartcontainers.proxy.api.ExtensionApi;
import org.smartcontainers.proxy.intercept.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.web.DockerNames;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;
import org.smartcontainers.web.http.HttpToken;
import org.smartcontainers.provenance.StoreLocation;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.Stores;
import org.smartcontainers.proxy.intercept.DockerLookup;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.proxy.intercept.Recorder;
import org.smartcontainers.proxy.ListenSocket;
import org.smartcontainers.proxy.ProxyServer;
import org.smartcontainers.proxy.ProxySettings;

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

    @Parameter(names = "--sparql-timeout", description = "Seconds a SPARQL query may run before it is cancelled",
            order = 3)
    int sparqlTimeoutSeconds = 10;

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

    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help", order = 10)
    boolean help;

    private final Map<String, String> env;

    DaemonCommand(Map<String, String> env) {
        this.env = env;
    }

    int run() {
        Logging.configure(logLevel);
        ProxySettings settings;
        StoreLocation storeLocation;
        try {
            settings = settings();
            storeLocation = StoreLocation.parse(store, env, Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            System.err.println("sc daemon: " + e.getMessage());
            return 2;
        }
        if (sparqlTimeoutSeconds < 1) {
            System.err.println("sc daemon: --sparql-timeout must be at least 1 second");
            return 2;
        }
        ConfigStore config;
        try {
            config = openConfig();
        } catch (IOException | ConfigException e) {
            System.err.println("sc daemon: " + e.getMessage());
            return 2;
        }
        ProvenanceStore provenance;
        try {
            ListenSocket.checkUsable(settings.listen(), settings.upstream()); // before the store: clearer errors
            provenance = Stores.open(storeLocation);
        } catch (ListenSocket.StartupException e) {
            System.err.println("sc daemon: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("sc daemon: cannot open the provenance store " + storeLocation + ": " + e.getMessage());
            return 1;
        }
        log().info("provenance store: {}", provenance.describe());
        // One way to ask the daemon, for the records and for the HTTP server's name lookups.
        DockerLookup docker = new DockerLookup(settings.upstream());
        Recorder recorder;
        LdpServer ldp = null;
        ProxyServer server;
        try {
            recorder = openRecorder(storeLocation, provenance, docker, new People(config));
        } catch (RuntimeException e) {
            provenance.close();
            System.err.println("sc daemon: cannot open the provenance store " + storeLocation + ": " + e.getMessage());
            return 1;
        }
        ExtensionApi api = null;
        try {
            HttpAddress httpAddress = httpAddress();
            if (httpAddress != null) {
                ldp = startHttp(httpAddress, provenance, docker);
            }
            api = extensionApi(ldp, docker, recorder, config, provenance);
            server = ProxyServer.start(settings, new Interceptors(recorder, api));
        } catch (ListenSocket.StartupException | HttpStartupException e) {
            closeAll(ldp, recorder);
            System.err.println("sc daemon: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            closeAll(ldp, recorder);
            System.err.println("sc daemon: cannot start: " + e);
            return 1;
        }
        LdpServer http = ldp;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(Duration.ofSeconds(shutdownSeconds));
            closeAll(http, recorder); // after the proxy: records of the last calls are still written
            stopped.countDown();
        }, "sc-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The config store, and a word about a legacy sc.config that could be imported. */
    private ConfigStore openConfig() throws IOException {
        Path home = Path.of(System.getProperty("user.home"));
        Path directory = ConfigDirectory.resolve(configDir, env, home);
        Agent flags = new Agent(agentName, agentGivenName, agentFamilyName, agentEmail, agentAffiliation, agentHomepage, orcid);
        ConfigStore config = ConfigStore.open(directory, env, flags);
        if (!Files.exists(directory.resolve(ConfigFile.NAME))) {
            LegacyConfig.find(directory, env, home).ifPresent(legacy -> log().info(
                    "found the original SmartContainers' config {}; import it with: sc config import-legacy", legacy));
        }
        Agent agent = config.effective().agent();
        log().info("records name {}", agent.isEmpty() ? "the local account of each caller (no agent configured: sc config set)"
                : (agent.name() != null ? agent.name() : "the configured agent") + (agent.orcid() != null ? " <" + agent.orcid() + ">" : ""));
        return config;
    }

    private ExtensionApi extensionApi(LdpServer ldp, DockerLookup docker, Recorder recorder, ConfigStore config,
            ProvenanceStore provenance) {
        String httpBase = null;
        MetadataContainers metadata;
        if (ldp != null) {
            httpBase = ldp.url();
            metadata = ldp.metadata();
        } else {
            metadata = new MetadataContainers(provenance, new Access(java.util.UUID.randomUUID().toString()), dockerNames(docker));
        }
        return new ExtensionApi(BuildInfo.version(), docker, recorder, config, provenance, metadata,
                Duration.ofSeconds(sparqlTimeoutSeconds), httpBase);
    }

    private Recorder openRecorder(StoreLocation location, ProvenanceStore provenance, DockerLookup docker, People people) {
        Path retryQueue = null;
        if (location instanceof StoreLocation.RemoteSparql) {
            // Records for a remote store that is down wait on local disk, with the default store.
            Path dataDir = StoreLocation.defaultDirectory(env, Path.of(System.getProperty("user.home")));
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + dataDir, e);
            }
            retryQueue = dataDir.resolve("remote-queue-" + Integer.toHexString(provenance.describe().hashCode()) + ".nq");
        }
        return new Recorder(docker, provenance, retryQueue, BuildInfo.version(), people);
    }

    /** Not a static field: logging is configured by {@link #run}, before the first logger exists. */
    private static Logger log() {
        return LoggerFactory.getLogger(DaemonCommand.class);
    }

    /** Null for {@code --http off}. */
    private HttpAddress httpAddress() {
        return "off".equalsIgnoreCase(http) ? null : HttpAddress.parse(http);
    }

    private LdpServer startHttp(HttpAddress address, ProvenanceStore provenance, DockerLookup docker)
            throws HttpStartupException {
        Path configDirectory = ConfigDirectory.resolve(configDir, env, Path.of(System.getProperty("user.home")));
        String token;
        try {
            token = HttpToken.load(configDirectory);
        } catch (IOException e) {
            throw new HttpStartupException("cannot read or create the HTTP token in " + configDirectory + ": " + e);
        }
        LdpServer ldp;
        try {
            ldp = LdpServer.start(address, provenance, Duration.ofSeconds(sparqlTimeoutSeconds), token, dockerNames(docker));
        } catch (RuntimeException e) { // Netty rethrows the bind failure unchecked
            throw new HttpStartupException("cannot serve HTTP on " + address + ": " + e.getMessage()
                    + " (choose another with --http HOST:PORT, or --http off)");
        }
        log().info("HTTP server (LDP, SPARQL at /sparql) listening on {}/", ldp.url());
        return ldp;
    }

    private static DockerNames dockerNames(DockerLookup docker) {
        return new DockerNames() {
            @Override
            public Optional<String> imageId(String reference) {
                return docker.imageId(reference);
            }

            @Override
            public Optional<String> containerId(String reference) {
                return docker.container(reference).map(DockerLookup.Container::id);
            }
        };
    }

    /** The recorder closes the store it was given. */
    private static void closeAll(LdpServer ldp, Recorder recorder) {
        if (ldp != null) {
            ldp.close();
        }
        recorder.close();
    }

    private static final class HttpStartupException extends Exception {
        HttpStartupException(String message) {
            super(message);
        }
    }

    ProxySettings settings() {
        Path home = Path.of(System.getProperty("user.home"));
        Path configDirectory = ConfigDirectory.resolve(configDir, env, home);
        Path upstream = upstreamSocket();
        httpAddress(); // checked before anything starts

        StoreLocation.parse(store, env, home);
        Path listenPath = listen != null ? Path.of(stripUnix(listen)) : DaemonSocket.defaultPath(env, configDirectory);
        String group = socketGroup;
        if (group == null && DaemonSocket.isRoot() && Files.exists(upstream)) {
            group = ListenSocket.groupOf(upstream);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("--io-threads must be at least 1");
        }
        return new ProxySettings(listenPath.toAbsolutePath(), upstream.toAbsolutePath(),
                ListenSocket.parseMode(socketMode), group, ioThreads);
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
