package org.smartcontainers.web.metadata;

import java.util.Optional;
import org.smartcontainers.docker.DockerClient;

/**
 * Docker's view of a reference (short ID, name, repo:tag) for what the store cannot know: the full ID records name it by
 * (an image's config digest, which on a containerd store differs from Docker's ID).
 */
public interface DockerNames {
    Optional<String> imageId(String reference);

    Optional<String> containerId(String reference);

    /** Asks the daemon behind {@code docker}. */
    static DockerNames asking(DockerClient docker) {
        return new DockerNames() {
            @Override
            public Optional<String> imageId(String reference) {
                return docker.image(reference).map(DockerClient.Image::recordedId);
            }

            @Override
            public Optional<String> containerId(String reference) {
                return docker.container(reference).map(DockerClient.Container::id);
            }
        };
    }

    /** Where there is no Docker daemon to ask: only full IDs are known. */
    DockerNames NONE = new DockerNames() {
        @Override
        public Optional<String> imageId(String reference) {
            return Optional.empty();
        }

        @Override
        public Optional<String> containerId(String reference) {
            return Optional.empty();
        }
    };
}
