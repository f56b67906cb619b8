package org.smartcontainers.provenance.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.ResultSetRewindable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.LabelClaims;
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

    /**
     * A graph that is not an activity's record (an image's label, what BuildKit attested), written as records are; the
     * future completes when stored.
     */
    public CompletableFuture<RecordWriter.Outcome> submit(NamedGraph graph) {
        return writer.submit(graph).completeOnTimeout(RecordWriter.Outcome.FAILED, COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** True when the store has a graph of this name. */
    boolean hasGraph(String name) {
        return store.ask("ASK { GRAPH <" + safe(name) + "> { ?s ?p ?o } }");
    }

    /** A query of our own over the store (what the stream of container events needs to know of what it wrote). */
    ResultSetRewindable select(String sparql) {
        return store.select(sparql);
    }

    boolean ask(String sparql) {
        return store.ask(sparql);
    }

    /** True when a graph that was not read from a label says what made this image or container. */
    boolean observedGeneration(String resourceIri) {
        String r = "<" + safe(resourceIri) + ">";
        // Only a call that writes our label counts: an import (seen in Docker's events) made the image, but its label is whoever's.
        return store.ask("ASK { GRAPH ?g { { " + r + " <" + Vocab.Prov.wasGeneratedBy.getURI() + "> ?a } UNION { ?a <"
                + Vocab.Prov.generated.getURI() + "> " + r + " } UNION { ?a <" + Vocab.Docker.reusedImage.getURI() + "> " + r
                + " } ?a a ?labelling VALUES ?labelling { <" + Vocab.Docker.Build.getURI() + "> <" + Vocab.Docker.Commit.getURI()
                + "> <" + Vocab.Docker.Create.getURI() + "> } }"
                + " FILTER NOT EXISTS { GRAPH ?g { ?g a <" + Vocab.Sc.LabelClaims.getURI() + "> } } }");
    }

    /**
     * Of these IRIs, those the store has as the subject of a statement in a graph other than one read
     * from the label with this digest (the identical label, on another image, may say the same).
     */
    Set<String> heldBesides(Collection<String> iris, String labelDigest) {
        Set<String> held = new HashSet<>();
        List<String> all = List.copyOf(iris);
        for (int from = 0; from < all.size(); from += VALUES_BATCH) {
            StringBuilder values = new StringBuilder();
            all.subList(from, Math.min(all.size(), from + VALUES_BATCH)).forEach(iri -> values.append('<').append(safe(iri)).append("> "));
            store.select("SELECT DISTINCT ?s WHERE { VALUES ?s { " + values + "} GRAPH ?g { ?s ?p ?o }"
                    + " FILTER NOT EXISTS { GRAPH ?g { ?g <" + Vocab.Sc.labelDigest.getURI() + "> \"" + safe(labelDigest) + "\" } } }")
                    .forEachRemaining(row -> held.add(row.getResource("s").getURI()));
        }
        return held;
    }

    private static final int VALUES_BATCH = 200;

    /** Only IRIs (and digests) that cannot break out of their place in the query text reach it. */
    private static String safe(String text) {
        if (!LabelClaims.safeIri(text)) {
            throw new IllegalArgumentException("not an IRI that can be queried as it is: " + text);
        }
        return text;
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
