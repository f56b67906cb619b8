package org.smartcontainers.proxy.intercept;

import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.recording.Recording;

/** What every interception is handed; it owns none of it (the daemon makes and closes each part). */
record InterceptionContext(DockerClient docker, ImageReferences images, Recording recording, InterceptionThreads threads,
        ContextDigest contextDigest) {

    /**
     * The images a build's {@code FROM} references name, by ID, each once and in order; the labels they
     * carry are read into the store. Asks the daemon: not on the event loop.
     */
    List<String> baseImageIds(List<String> references) {
        List<String> ids = new ArrayList<>();
        for (String reference : references) {
            docker.image(reference).ifPresent(image -> {
                if (!ids.contains(image.id())) {
                    ids.add(image.id());
                }
                recording.imageLabels().read(image);
            });
        }
        return ids;
    }
}
