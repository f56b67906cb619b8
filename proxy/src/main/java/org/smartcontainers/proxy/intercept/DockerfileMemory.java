package org.smartcontainers.proxy.intercept;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Dockerfiles BuildKit's file sync carried, remembered by what their listing says of them.
 * BuildKit keeps a client's files between builds and asks only for those whose listing changed, so a
 * rebuild's sync lists an unchanged Dockerfile without sending it: this is how its record still
 * names the Dockerfile's digest and base images. Bounded; lost when the daemon restarts (the record
 * then says the Dockerfile was not read).
 */
final class DockerfileMemory {
    private static final int MAX_ENTRIES = 512;

    /** A file as a sync listed it: the client's session key, its path, and what BuildKit compares. */
    record Listed(String sharedKey, String path, long size, Instant modTime, long mode) {
    }

    /** A Dockerfile's content as read: its SHA-256 and text. */
    record Read(String sha256Hex, String text) {
    }

    private final Map<Listed, Read> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Listed, Read> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized void remember(Listed listed, Read read) {
        remembered.put(listed, read);
    }

    synchronized Read recall(Listed listed) {
        return remembered.get(listed);
    }
}
