package org.smartcontainers.provenance.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ImageLabelProvenance;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.StoreException;

/**
 * Reads the {@code smartcontainer} label of an image a call used into the store, once per image
 * and run, on a thread of its own: never in the way of a Docker call.
 */
public final class ImageLabels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageLabels.class);
    private static final Pattern OUR_ACTIVITY =
            Pattern.compile(Pattern.quote(Vocab.activityIri("")) + "[0-9a-f-]{36}");

    private static final long CLOSE_WAIT_SECONDS = 10;

    private final DockerClient docker;
    private final RecordKeeper keeper;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sc-image-labels");
        thread.setDaemon(true);
        return thread;
    });
    /** Images whose label was read (or is being read) in this run; cleared when it grows large. */
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    public ImageLabels(DockerClient docker, RecordKeeper keeper) {
        this.docker = docker;
        this.keeper = keeper;
    }

    /** A used image's label, if it has one, stored as that image's provenance. */
    public void read(DockerClient.Image image) {
        if (image.label(ProvenanceLabel.KEY) != null && firstTimeFor(image.id())) {
            reader.execute(() -> store(image));
        }
    }

    /** The same, for an image known only by its ID (its label is asked for off the caller's thread). */
    public void readOf(String imageId) {
        if (firstTimeFor(imageId)) {
            reader.execute(() -> docker.image(imageId)
                    .filter(image -> image.label(ProvenanceLabel.KEY) != null)
                    .ifPresent(this::store));
        }
    }

    private boolean firstTimeFor(String imageId) {
        if (read.size() > 10_000) {
            read.clear(); // forgetting only costs a store lookup
        }
        return read.add(Vocab.bareId(imageId));
    }

    private void store(DockerClient.Image image) {
        try {
            NamedGraph graph = ImageLabelProvenance.read(image.id(), image.label(ProvenanceLabel.KEY));
            if (!alreadyStored(graph)) {
                keeper.submit(graph);
            }
        } catch (IllegalArgumentException e) {
            LOG.info("the smartcontainer label of image {} is not provenance we can read: {}", image.id(), e.getMessage());
        } catch (StoreException e) {
            read.remove(Vocab.bareId(image.id()));
            LOG.warn("cannot read the label of image {} into the store: {}", image.id(), e.getMessage());
        }
    }

    /** Our own label's activity may be recorded already (it was made here); any label may be from an earlier run. */
    private boolean alreadyStored(NamedGraph graph) {
        List<String> names = new ArrayList<>(ImageLabelProvenance.activities(graph.model()));
        names.removeIf(name -> !OUR_ACTIVITY.matcher(name).matches()); // a label is anyone's text: no injection
        names.add(graph.name());
        return names.stream().anyMatch(keeper::hasGraph);
    }

    /** Labels already asked for are read and handed to the record keeper before this returns (bounded). */
    @Override
    public void close() {
        reader.shutdown();
        try {
            if (!reader.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("stopping: labels of used images still being read after {} s are not stored", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
