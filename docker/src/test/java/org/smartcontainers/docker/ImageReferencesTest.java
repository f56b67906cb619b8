package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the image-reference memory forgets, event by event: a build tags its result on every rebuild, and that must
 * not cost the next build a lookup of its base image; anything that may move a name must. Against a fake socket
 * because a test cannot order a real daemon's events; {@code ProvenanceRecordingTest} follows real tags that move.
 */
class ImageReferencesTest {
    private static final String BASE = "sha256:" + "b".repeat(64);
    private static final String BUILT = "sha256:" + "c".repeat(64);
    private static final String MARK = "sha256:" + "d".repeat(64);

    @TempDir
    Path dir;
    private FakeDockerSocket daemon;
    private DockerClient docker;
    private ImageReferences references;

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDockerSocket(dir);
        daemon.image("base:1", BASE);
        daemon.image("built:latest", BUILT);
        daemon.image("mark:1", MARK);
        docker = new DockerClient(daemon.socket());
        references = new ImageReferences(docker);
        awaitTrue(() -> {
            references.lookUp("mark:1");
            return references.remembered("mark:1").isPresent();
        }, "the memory follows the event stream");
    }

    @AfterEach
    void stop() throws Exception {
        references.close();
        daemon.close();
    }

    @Test
    void aTagForgetsOnlyTheRepositoryItNames() {
        references.lookUp("base:1");
        references.lookUp("built:latest");
        daemon.event("tag", BUILT, "built:latest");
        awaitForgotten("built:latest");
        assertEquals(BASE, references.remembered("base:1").orElseThrow().id(), "a base's name stays through a build's tag");

        daemon.event("tag", BUILT, "docker.io/library/base:2");
        awaitForgotten("base:1"); // another tag of the same repository may be what a reference meant (a moved default)
    }

    @Test
    void anyOtherEventForgetsEverything() {
        references.lookUp("base:1");
        daemon.event("untag", BASE, null); // Docker does not say which name went
        awaitForgotten("base:1");
        references.lookUp("base:1");
        daemon.event("tag", BASE, null); // a tag without its name is not understood
        awaitForgotten("base:1");
    }

    @Test
    void aNameTheProxySawMoveIsForgottenInEverySpelling() {
        references.lookUp("base:1");
        references.lookUp("docker.io/library/base:1");
        references.lookUp("mark:1");
        references.nameMoved("base:latest");
        assertFalse(references.remembered("base:1").isPresent());
        assertFalse(references.remembered("docker.io/library/base:1").isPresent());
        assertTrue(references.remembered("mark:1").isPresent());
    }

    @Test
    void anImageAskedByItsWholeIdIsReadOnce() {
        daemon.image(BASE, BASE);
        DockerClient.Image first = docker.imageById(BASE).orElseThrow();
        DockerClient.Image again = docker.imageById(BASE.substring("sha256:".length())).orElseThrow();
        assertEquals(first, again);
        assertEquals(BASE, first.label(DockerClient.PROVENANCE_LABEL));
        assertEquals(null, first.label("other"), "a lookup keeps only our label");
        assertEquals(1, daemon.inspects(BASE), "asked once, then answered from what the ID names");
        docker.image(BASE);
        assertEquals(2, daemon.inspects(BASE), "image() still asks: it also says whether the image is there");
        assertTrue(docker.imageById("sha256:" + "e".repeat(64)).isEmpty(), "an image the daemon does not have");
    }

    /** Waits for the event to be read: a mark tagged after it is forgotten once the event before it was. */
    private void awaitForgotten(String reference) {
        references.lookUp("mark:1");
        daemon.event("tag", MARK, "mark:1");
        awaitTrue(() -> references.remembered("mark:1").isEmpty(), "the events were read");
        assertFalse(references.remembered(reference).isPresent(), reference + " forgotten");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
