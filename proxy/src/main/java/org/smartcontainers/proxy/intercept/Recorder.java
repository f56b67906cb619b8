package org.smartcontainers.proxy.intercept;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.RecordWriter;

/** What every interception shares: the daemon lookups, the agents, the writer, a thread pool for slow work. */
public final class Recorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** A Docker call never waits longer than this for its record. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private final DockerLookup lookup;
    private final ProvenanceStore store;
    private final RecordWriter writer;
    private final String version;
    private final ExecutorService work = Executors.newFixedThreadPool(4, daemonThreads("sc-recorder"));
    /** One thread, so each build's context pieces are read in the order they passed. */
    private final ExecutorService contexts = Executors.newSingleThreadExecutor(daemonThreads("sc-build-context"));

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Takes over the store: closing the recorder drains the writer, then closes the store.
     *
     * @param retryQueue where records for a remote store that is down wait (a local file); null for a local store
     */
    public Recorder(DockerLookup lookup, ProvenanceStore store, java.nio.file.Path retryQueue, String smartcontainersVersion) {
        this.lookup = lookup;
        this.store = store;
        this.writer = new RecordWriter(store, retryQueue);
        this.version = smartcontainersVersion;
    }

    DockerLookup lookup() {
        return lookup;
    }

    ExecutorService work() {
        return work;
    }

    ExecutorService contexts() {
        return contexts;
    }

    Agents agents() {
        return new Agents(version, lookup.dockerVersion());
    }

    /** Hands the record to the writer; the future completes when it is stored, or given up on. */
    CompletableFuture<?> store(ActivityRecord record) {
        return writer.submit(record.toGraph())
                .completeOnTimeout(RecordWriter.Outcome.FAILED, COMMIT_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((outcome, error) -> {
                    if (outcome != RecordWriter.Outcome.COMMITTED) {
                        LOG.warn("record {} not committed: {}", record.iri(), error != null ? error.toString() : outcome);
                    }
                });
    }

    @Override
    public void close() {
        work.shutdown();
        contexts.shutdown();
        writer.close();
        store.close();
    }
}
