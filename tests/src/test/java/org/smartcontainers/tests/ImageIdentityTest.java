package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageIdentities;
import org.smartcontainers.docker.ImageIdentities.ImageIdentity;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.testsupport.Run;

/**
 * One image, one identity, whichever store holds it: an image built on the classic store and loaded into a
 * containerd store has another ID there (its manifest's digest), and both daemons name it by its config digest;
 * a multi-platform image (an index) is named by the config of the platform the daemon runs.
 */
class ImageIdentityTest {
    private final DockerCli classic = DockerCli.direct();
    private final DockerCli containerd = DockerCli.directContainerd();
    private final ImageIdentities onClassic = new ImageIdentities(new DockerClient(DockerSocket.path()));
    private final ImageIdentities onContainerd = new ImageIdentities(new DockerClient(DockerSocket.containerdStore()));

    @Test
    void anImageSavedFromAClassicStoreAndLoadedIntoAContainerdStoreHasOneIdentity() throws Exception {
        String tag = classic.name("identity") + ":1";
        Path archive = Files.createTempFile("sc-identity", ".tar");
        try {
            classic.withBinary(classic.binary(), Map.of("DOCKER_BUILDKIT", "0"))
                    .pipe("FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo " + tag + " > /made\n", "build", "-q", "-t", tag, "-").ok();
            String classicId = classic.run("image", "inspect", "--format", "{{.Id}}", tag).ok().out();
            classic.run("save", "-o", archive.toString(), tag).ok();
            containerd.run("load", "-i", archive.toString()).ok();
            String containerdId = containerd.run("image", "inspect", "--format", "{{.Id}}", tag).ok().out();
            assertNotEquals(classicId, containerdId, "the two stores give the image two IDs");

            assertFalse(onClassic.containerdStore());
            assertTrue(onContainerd.containerdStore());
            assertEquals(new ImageIdentity(classicId, null, null, null), onClassic.of(classicId), "the classic ID is the config digest");
            ImageIdentity there = onContainerd.of(containerdId);
            assertEquals(classicId, there.config(), "the containerd store's image has the same config");
            assertEquals(containerdId, there.manifest());
            assertNull(there.index());
            assertEquals("linux/amd64", there.platform());
        } finally {
            Files.deleteIfExists(archive);
            classic.removeImages(tag);
            containerd.removeImages(tag);
        }
    }

    @Test
    void aMultiPlatformImageIsNamedByTheConfigOfThePlatformTheDaemonRuns() throws Exception {
        String tag = containerd.name("platforms") + ":1";
        Path context = Paths.scratch("sc-platforms");
        Path archive = context.resolve("saved.tar");
        try {
            Files.writeString(context.resolve("made"), tag + "\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY made /made\n");
            Files.writeString(context.resolve(".dockerignore"), "saved.tar\n");
            containerd.run("buildx", "build", "-q", "--platform", "linux/amd64,linux/arm64", "-t", tag, "--load", context.toString()).ok();
            String indexId = containerd.run("image", "inspect", "--format", "{{.Id}}", tag).ok().out();

            ImageIdentity identity = onContainerd.of(indexId);
            assertEquals(indexId, identity.index());
            assertEquals("linux/amd64", identity.platform());
            assertNotEquals(indexId, identity.manifest());
            assertTrue(identity.config().matches("sha256:[0-9a-f]{64}") && !identity.config().equals(identity.manifest()), identity.toString());
            // docker save names the config of the image this daemon runs in its manifest.json: the same one.
            containerd.run("save", "-o", archive.toString(), tag).ok();
            String saved = Run.run(Map.of(), null, List.of("tar", "-xOf", archive.toString(), "manifest.json")).ok().out();
            assertEquals("blobs/sha256/" + identity.config().substring("sha256:".length()),
                    new ObjectMapper().readTree(saved).path(0).path("Config").asText(), saved);
            assertEquals(identity, onContainerd.of(indexId), "remembered");
        } finally {
            Files.deleteIfExists(archive);
            containerd.removeImages(tag);
        }
    }
}
