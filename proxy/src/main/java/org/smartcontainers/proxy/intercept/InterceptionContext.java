package org.smartcontainers.proxy.intercept;

import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.record.LabelAncestry;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.recording.Recording;

/** What every interception is handed; it owns none of it (the daemon makes and closes each part). */
record InterceptionContext(DockerClient docker, ImageReferences images, Recording recording, InterceptionThreads threads,
        ContextDigest contextDigest) {

    /**
     * The images a build's {@code FROM} references name, each once and in order; the labels they carry are
     * read into the store. Asks the daemon, unless it remembers what a reference names ({@link ImageReferences}):
     * not on the event loop.
     */
    List<DockerClient.Image> baseImages(List<String> references) {
        List<DockerClient.Image> images = new ArrayList<>();
        for (String reference : references) {
            this.images.remembered(reference).or(() -> this.images.lookUp(reference)).ifPresent(image -> {
                if (images.stream().noneMatch(known -> known.id().equals(image.id()))) {
                    images.add(image);
                }
                recording.imageLabels().read(image);
            });
        }
        return images;
    }

    /** The histories of {@code images} for a label to carry ({@link LabelAncestry}). */
    static LabelAncestry ancestry(List<DockerClient.Image> images) {
        LabelAncestry ancestry = new LabelAncestry();
        images.forEach(image -> ancestry.add(image.recordedId(), image.created(), image.label(ProvenanceLabel.KEY)));
        return ancestry;
    }
}
