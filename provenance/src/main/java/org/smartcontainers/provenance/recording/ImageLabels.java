package org.smartcontainers.provenance.recording;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.jena.rdf.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelAncestry;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.LabelProvenance.Labelled;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.StoreException;

/**
 * Reads the {@code smartcontainer} label of an image a call used into the store, as what that label
 * claims ({@link LabelReader}), once per image and run, on a thread of its own: never in the way of a
 * Docker call.
 */
public final class ImageLabels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageLabels.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final DockerClient docker;
    private final RecordKeeper keeper;
    private final LabelReader labels;
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
        this.labels = new LabelReader(keeper);
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
            String label = image.label(ProvenanceLabel.KEY);
            Labelled on = Labelled.image(image.recordedId());
            LabelProvenance.Parsed parsed = LabelProvenance.parseCarrying(label);
            Model said = parsed.said();
            if (image.created() != null) {
                LabelAncestry.madeAt(said, on.iri(), image.created()); // Docker's word, for when its making ended
            }
            if (!labels.alreadyStored(on, said)) {
                // Stored before the next label is read: what this one claims is held for the next.
                keeper.submit(labels.claims(on, label, said).graph()).join();
            }
            for (Map.Entry<String, Model> history : parsed.carried().entrySet()) {
                LabelReader.Read read = labels.carried(on, history.getKey(), history.getValue());
                if (read != null) {
                    keeper.submit(read.graph()).join();
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.info("the smartcontainer label of image {} is not provenance we can read: {}", image.id(), e.getMessage());
        } catch (StoreException e) {
            read.remove(Vocab.bareId(image.id()));
            LOG.warn("cannot read the label of image {} into the store: {}", image.id(), e.getMessage());
        }
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
