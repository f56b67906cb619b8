package org.smartcontainers.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.recording.Attribution;
import org.smartcontainers.provenance.recording.ImageLabels;
import org.smartcontainers.provenance.recording.People;
import org.smartcontainers.provenance.recording.RecordKeeper;
import org.smartcontainers.provenance.recording.Recording;
import org.smartcontainers.provenance.store.LocalStore;

/**
 * Recording as the daemon assembles it, over a throwaway TDB2 store and a config directory of the
 * test's, asking a Docker socket that does not exist (lookups answer nothing; calls that need Docker
 * get its 502). For unit tests of what records calls; the real daemon is in the tests module.
 */
public final class ThrowawayRecording implements AutoCloseable {
    public static final String VERSION = "9.9";

    public final LocalStore store = LocalStore.inMemory();
    public final DockerClient docker;
    public final ConfigStore config;
    public final Recording recording;
    private final RecordKeeper keeper;
    private final ImageLabels labels;

    /** @param dir the test's own directory: the config lives there, and the Docker socket that is not */
    public ThrowawayRecording(Path dir) throws IOException {
        docker = new DockerClient(dir.resolve("no-docker.sock"));
        config = ConfigStore.open(dir.resolve("config"), Map.of(), Agent.NOBODY);
        keeper = new RecordKeeper(store, null);
        labels = new ImageLabels(docker, keeper);
        recording = new Recording(new Attribution(VERSION, docker, new People(config)), labels, keeper);
    }

    /** Stops reading labels, drains the records, closes the store. */
    @Override
    public void close() {
        labels.close();
        keeper.close();
    }
}
