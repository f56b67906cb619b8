package org.smartcontainers.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Images as {@link DockerClient#image} read them, by their whole ID. An image's ID is the digest of its config
 * (or, in a containerd store, of a manifest or index that names one config for this daemon's platform), and
 * everything read of it (labels, creation time, config digest) is in that config: it cannot change while the ID
 * stays. A rebuild that changes nothing, or the next create from the same image, need not ask again.
 */
final class SeenImages {
    private static final Pattern WHOLE_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
    private static final int KEPT = 1024;

    private final Map<String, DockerClient.Image> byId = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DockerClient.Image> eldest) {
            return size() > KEPT;
        }
    };

    /** The image if {@code reference} is a whole image ID (with or without {@code sha256:}) seen before; else null. */
    synchronized DockerClient.Image byId(String reference) {
        if (!WHOLE_ID.matcher(reference).matches()) {
            return null;
        }
        return byId.get(reference.startsWith("sha256:") ? reference : "sha256:" + reference);
    }

    synchronized void add(DockerClient.Image image) {
        if (WHOLE_ID.matcher(image.id()).matches() && image.id().startsWith("sha256:")) {
            byId.put(image.id(), image);
        }
    }
}
