package org.smartcontainers.web;

import java.util.Optional;

/** Docker's view of a reference (short ID, name, repo:tag) for what the store cannot know: the full ID. */
public interface DockerNames {
    Optional<String> imageId(String reference);

    Optional<String> containerId(String reference);

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
