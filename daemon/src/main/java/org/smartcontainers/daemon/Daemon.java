package org.smartcontainers.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigException;
import org.smartcontainers.config.ConfigFile;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.config.LegacyConfig;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.StoreLocation;
import org.smartcontainers.provenance.recording.Attribution;
import org.smartcontainers.provenance.recording.ContainerEvents;
import org.smartcontainers.provenance.recording.ImageDigests;
import org.smartcontainers.provenance.recording.ImageLabels;
import org.smartcontainers.provenance.recording.LabelRecovery;
import org.smartcontainers.provenance.recording.People;
import org.smartcontainers.provenance.recording.RecordKeeper;
import org.smartcontainers.provenance.recording.Recording;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.Stores;
import org.smartcontainers.proxy.ListenSocket;
import org.smartcontainers.proxy.ProxyServer;
import org.smartcontainers.proxy.intercept.InterceptionThreads;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.web.LdpServer;
import org.smartcontainers.web.api.ExtensionApi;
import org.smartcontainers.web.http.Access;
import org.smartcontainers.web.http.HttpToken;
import org.smartcontainers.web.metadata.DockerNames;
import org.smartcontainers.web.metadata.MetadataContainers;

/**
 * The running SmartContainers daemon: every part made here, in order, and closed in the reverse
 * order: the proxy first (calls in flight finish and are recorded), then the recovery of records
 * from labels (if still running), the HTTP side, then the following of Docker's container events and
 * recording (the last records reach the store), then the store.
 */
public final class Daemon implements AutoCloseable {
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final DaemonSettings settings;
    private ProxyServer proxy;
    private String httpUrl;

    /** What stopped the daemon from starting, said for the user; nothing it started is left running. */
    public static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }

    private Daemon(DaemonSettings settings) {
        this.settings = settings;
    }

    public static Daemon start(DaemonSettings settings, Map<String, String> env) throws StartupException {
        Daemon daemon = new Daemon(settings);
        try {
            daemon.assemble(env);
            return daemon;
        } catch (StartupException e) {
            daemon.close();
            throw e;
        } catch (RuntimeException e) {
            daemon.close();
            log().error("cannot start", e);
            throw new StartupException("cannot start: " + Failures.describe(e));
        }
    }

    private void assemble(Map<String, String> env) throws StartupException {
        Instant started = Instant.now(); // before the proxy listens: what was made earlier, it did not see
        ConfigStore config = openConfig(env);
        try {
            ListenSocket.checkUsable(settings.proxy().listen(), settings.proxy().upstream()); // before the store: clearer errors
        } catch (IOException e) {
            throw cannotListen(e);
        }
        ProvenanceStore store = openStore();
        DockerClient docker = new DockerClient(settings.proxy().upstream());
        RecordKeeper keeper;
        try {
            keeper = own(new RecordKeeper(store, retryQueue(store)));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        Recording recording = new Recording(new Attribution(settings.version(), docker, new People(config)),
                own(new ImageLabels(docker, keeper)), keeper);
        ImageDigests.record(docker, keeper); // on a containerd image store: what else names each image
        // Closed before the record keeper: an event being recorded reaches the store.
        own(new ContainerEvents(docker, recording)).start(started);
        ImageReferences images = own(new ImageReferences(docker));
        InterceptionThreads threads = own(new InterceptionThreads());
        DockerNames names = DockerNames.asking(docker);
        LdpServer http = settings.http() == null ? null : own(startHttp(store, names));
        httpUrl = http != null ? http.url() : null;
        MetadataContainers metadata = http != null ? http.metadata()
                : new MetadataContainers(store, new Access(UUID.randomUUID().toString()), names);
        ExtensionApi api = own(new ExtensionApi(settings.version(), docker, recording, config, store, metadata,
                settings.sparqlTimeout(), http != null ? http.url() : null));
        try {
            proxy = ProxyServer.startChecked(settings.proxy(),
                    Interceptors.recording(docker, images, recording, threads, settings.contextDigest(),
                            new ExtensionApiAnswers(api)));
        } catch (IOException e) {
            throw cannotListen(e);
        }
        // Off the start-up's path: the proxy serves already. Recovery asks Docker once, so waits for its socket.
        LabelRecovery recovery = own(new LabelRecovery(docker, keeper));
        own(DockerSocketWait.then(settings.proxy().upstream(), () -> recovery.start(started)));
    }

    /** Where the HTTP server listens ({@code http://HOST:PORT}, the port it was given when asked for any); null with --http off. */
    public String httpUrl() {
        return httpUrl;
    }

    /** A startup check says what is wrong itself; any other failure is named with the socket. */
    private StartupException cannotListen(IOException e) {
        return new StartupException(e instanceof ListenSocket.StartupException ? e.getMessage()
                : "cannot listen on " + settings.proxy().listen() + ": " + Failures.describe(e));
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.push(part);
        return part;
    }

    /** The config store, and a word about a legacy sc.config that could be imported. */
    private ConfigStore openConfig(Map<String, String> env) throws StartupException {
        Path directory = settings.configDirectory();
        ConfigStore config;
        try {
            config = ConfigStore.open(directory, env, settings.agentFlags());
        } catch (IOException | ConfigException e) {
            throw new StartupException(e.getMessage());
        }
        if (!Files.exists(directory.resolve(ConfigFile.NAME))) {
            LegacyConfig.find(directory, env, Path.of(System.getProperty("user.home"))).ifPresent(legacy -> log().info(
                    "found the original SmartContainers' config {}; import it with: sc config import-legacy", legacy));
        }
        Agent agent = config.effective().agent();
        log().info("records name {}", agent.isEmpty() ? "the local account of each caller (no agent configured: sc config set)"
                : (agent.name() != null ? agent.name() : "the configured agent") + (agent.orcid() != null ? " <" + agent.orcid() + ">" : ""));
        return config;
    }

    /** Opened here, closed by the {@link RecordKeeper} that takes it over. */
    private ProvenanceStore openStore() throws StartupException {
        try {
            ProvenanceStore store = Stores.open(settings.store());
            log().info("provenance store: {}", store.describe());
            return store;
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the provenance store " + settings.store() + ": " + Failures.describe(e));
        }
    }

    /** Records for a remote store that is down wait on local disk, beside the default store; null for a local store. */
    private Path retryQueue(ProvenanceStore store) {
        if (!(settings.store() instanceof StoreLocation.RemoteSparql)) {
            return null;
        }
        Path dataDir = settings.dataDirectory();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        return dataDir.resolve("remote-queue-" + Integer.toHexString(store.describe().hashCode()) + ".nq");
    }

    private LdpServer startHttp(ProvenanceStore store, DockerNames names) throws StartupException {
        Path configDirectory = settings.configDirectory();
        String token;
        try {
            token = HttpToken.load(configDirectory);
        } catch (IOException e) {
            throw new StartupException("cannot read or create the HTTP token in " + configDirectory + ": " + Failures.describe(e));
        }
        LdpServer http;
        try {
            http = LdpServer.start(settings.http(), settings.httpNames(), store, settings.sparqlTimeout(), token, names);
        } catch (RuntimeException e) { // Netty rethrows the bind failure unchecked
            throw new StartupException("cannot serve HTTP on " + settings.http() + ": " + Failures.describe(e)
                    + " (choose another with --http HOST:PORT, or --http off)");
        }
        log().info("HTTP server (LDP, SPARQL at /sparql) listening on {}/", http.url());
        return http;
    }

    /** Not a static field: logging is configured before the first logger exists. */
    private static Logger log() {
        return LoggerFactory.getLogger(Daemon.class);
    }

    /** Stops the proxy (calls in flight get the shutdown timeout), then everything else, newest first. */
    @Override
    public void close() {
        if (proxy != null) {
            proxy.stop(settings.shutdownTimeout());
        }
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                log().warn("stopping: {}", Failures.describe(e));
            }
        }
    }
}
