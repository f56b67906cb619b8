package org.smartcontainers.provenance.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.RecordWriter;

/**
 * Where finished records go: the writer in front of the store. Takes over the store: closing it
 * drains the writer, then closes the store.
 */
public final class RecordKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordKeeper.class);
    /** A Docker call never waits longer than this for its record. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private final ProvenanceStore store;
    private final RecordWriter writer;

    /** @param retryQueue where records for a remote store that is down wait (a local file); null for a local store */
    public RecordKeeper(ProvenanceStore store, Path retryQueue) {
        this.store = store;
        this.writer = new RecordWriter(store, retryQueue);
    }

    /** Hands the record to the writer; the future completes when it is stored, or given up on. */
    public CompletableFuture<RecordWriter.Outcome> store(ActivityRecord record) {
        return writer.submit(record.toGraph())
                .completeOnTimeout(RecordWriter.Outcome.FAILED, COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS)
                .whenComplete((outcome, error) -> {
                    if (outcome != RecordWriter.Outcome.COMMITTED) {
                        LOG.warn("record {} not committed: {}", record.iri(), error != null ? error.toString() : outcome);
                    }
                });
    }

    /** A graph that is not an activity's record (an image's label), written as records are. */
    void submit(NamedGraph graph) {
        writer.submit(graph);
    }

    /** True when the store has a graph of this name. */
    boolean hasGraph(String name) {
        return store.ask("ASK { GRAPH <" + name + "> { ?s ?p ?o } }");
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
