package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void referencesAreReadAsDockerNormalisesThem() {
        assertEquals(new ImageReference("docker.io", "library/busybox", "latest", null), ImageReference.parse("busybox"));
        assertEquals(new ImageReference("docker.io", "team/tool", "1.0", null), ImageReference.parse("docker.io/team/tool:1.0"));
        assertEquals(new ImageReference("localhost:5000", "x/y", "2", null), ImageReference.parse("localhost:5000/x/y:2"));
        assertEquals(new ImageReference("localhost", "x", "latest", null), ImageReference.parse("localhost/x"));
        ImageReference pinned = ImageReference.parse("registry.example:443/x@sha256:" + "a".repeat(64));
        assertEquals("registry.example:443", pinned.registry());
        assertNull(pinned.tag(), "a digest, no tag");
        assertEquals("sha256:" + "a".repeat(64), pinned.digest());
        assertNull(ImageReference.parse("busybox", false).tag(), "no default tag when asked for none");
    }

    @Test
    void theFamiliarFormIsWhatDockerShows() {
        assertEquals("busybox:latest", ImageReference.parse("docker.io/library/busybox").familiar());
        assertEquals("busybox", ImageReference.parse("index.docker.io/library/busybox", false).familiarName());
        assertEquals("team/tool:1", ImageReference.parse("docker.io/team/tool:1").familiar());
        assertEquals("localhost:5000/x:latest", ImageReference.parse("localhost:5000/x").familiar());
    }

    @Test
    void hexIsAnImageIdOrAPrefixOfOne() {
        assertTrue(ImageReference.isImageId("5381eadbe192"));
        assertTrue(ImageReference.isImageId("sha256:5381eadbe192"));
        assertFalse(ImageReference.isImageId("busybox"));
    }
}
