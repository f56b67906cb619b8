package org.smartcontainers.proxy.intercept;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ImageLabelProvenance;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.StoreException;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.RecordWriter;

/** What every interception shares: the daemon lookups, the agents, the writer, a thread pool for slow work. */
public final class Recorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** A Docker call never waits longer than this for its record. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private static final Pattern OUR_ACTIVITY =
            Pattern.compile(Pattern.quote(Vocab.activityIri("")) + "[0-9a-f-]{36}");

    private final DockerLookup lookup;
    private final ImageReferences images;
    private final ProvenanceStore store;
    private final RecordWriter writer;
    private final String version;
    private final People people;
    private final ExecutorService work = Executors.newFixedThreadPool(4, daemonThreads("sc-recorder"));
    /**
     * Lookups that a {@link #work} task waits for run here, never on {@link #work} itself: a full
     * pool whose tasks each wait for a lookup queued behind them would wait forever.
     */
    private final ExecutorService lookups = Executors.newCachedThreadPool(daemonThreads("sc-docker-lookup"));
    /** One thread, so each build's context pieces are read in the order they passed. */
    private final ExecutorService contexts = Executors.newSingleThreadExecutor(daemonThreads("sc-build-context"));
    /** Labels of used images are read on their own thread, never in the way of a Docker call. */
    private final ExecutorService labels = Executors.newSingleThreadExecutor(daemonThreads("sc-image-labels"));
    /** Images whose label was read (or is being read) in this run; cleared when it grows large. */
    private final Set<String> labelsRead = ConcurrentHashMap.newKeySet();

    private static ThreadFactory daemonThreads(String name) {
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
    public Recorder(DockerLookup lookup, ProvenanceStore store, Path retryQueue, String smartcontainersVersion,
            People people) {
        this.lookup = lookup;
        this.images = new ImageReferences(lookup);
        this.people = people;
        this.store = store;
        this.writer = new RecordWriter(store, retryQueue);
        this.version = smartcontainersVersion;
    }

    DockerLookup lookup() {
        return lookup;
    }

    /** Which image a reference names (remembered while no image changes). */
    ImageReferences images() {
        return images;
    }

    /** An image-changing call passes through the proxy: what references name may change. */
    public void imagesMayChange() {
        images.mayHaveChanged();
    }

    ExecutorService work() {
        return work;
    }

    ExecutorService lookups() {
        return lookups;
    }

    ExecutorService contexts() {
        return contexts;
    }

    /** The software agents and the person the caller acts for, as the config says now. */
    public Agents agents(Caller caller) {
        People.Person person = people.of(caller);
        return new Agents(version, lookup.dockerVersion(), person.agent(), person.account());
    }

    /** True when {@link #agents} reads nothing: the daemon's version and the caller's account name are known. */
    boolean agentsKnown(Caller caller) {
        return lookup.dockerVersionKnown() && people.knows(caller);
    }

    /** A used image's {@code smartcontainer} label, if it has one, stored as that image's provenance. */
    void readImageLabel(DockerLookup.Image image) {
        if (image.label() != null && firstTimeFor(image.id())) {
            labels.execute(() -> storeLabel(image));
        }
    }

    /** The same, for an image known only by its ID (asks the daemon for its label, off the caller's thread). */
    void readImageLabelOf(String imageId) {
        if (firstTimeFor(imageId)) {
            labels.execute(() -> lookup.image(imageId).filter(image -> image.label() != null).ifPresent(this::storeLabel));
        }
    }

    private boolean firstTimeFor(String imageId) {
        if (labelsRead.size() > 10_000) {
            labelsRead.clear(); // forgetting only costs a store lookup
        }
        return labelsRead.add(Vocab.bareId(imageId));
    }

    private void storeLabel(DockerLookup.Image image) {
        try {
            NamedGraph graph = ImageLabelProvenance.read(image.id(), image.label());
            if (!alreadyStored(graph)) {
                writer.submit(graph);
            }
        } catch (IllegalArgumentException e) {
            LOG.info("the smartcontainer label of image {} is not provenance we can read: {}", image.id(), e.getMessage());
        } catch (StoreException e) {
            labelsRead.remove(Vocab.bareId(image.id()));
            LOG.warn("cannot read the label of image {} into the store: {}", image.id(), e.getMessage());
        }
    }

    /** Our own label's activity may be recorded already (it was made here); any label may be from an earlier run. */
    private boolean alreadyStored(NamedGraph graph) {
        List<String> names = new ArrayList<>(ImageLabelProvenance.activities(graph.model()));
        names.removeIf(name -> !OUR_ACTIVITY.matcher(name).matches()); // a label is anyone's text: no injection
        names.add(graph.name());
        return names.stream().anyMatch(name -> store.ask("ASK { GRAPH <" + name + "> { ?s ?p ?o } }"));
    }

    /** Hands the record to the writer; the future completes when it is stored, or given up on. */
    public CompletableFuture<?> store(ActivityRecord record) {
        return writer.submit(record.toGraph())
                .completeOnTimeout(RecordWriter.Outcome.FAILED, COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS)
                .whenComplete((outcome, error) -> {
                    if (outcome != RecordWriter.Outcome.COMMITTED) {
                        LOG.warn("record {} not committed: {}", record.iri(), error != null ? error.toString() : outcome);
                    }
                });
    }

    @Override
    public void close() {
        images.close();
        work.shutdown();
        lookups.shutdown();
        contexts.shutdown();
        labels.shutdown();
        writer.close();
        store.close();
    }
}
