package org.smartcontainers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What names an image whichever store holds it: its config digest. Docker's image ID is that digest on the classic
 * store, but the digest of the image's manifest, or of its index (several platforms), on the containerd store
 * (Docker 29's default), so one image has two IDs on two hosts. On a containerd store the manifest (or the index,
 * then the manifest of the image's own platform) is read from the daemon's content store, through BuildKit's
 * content service ({@link BuildKitContent}), and the config digest taken from it. Identities never change: each is
 * read once and remembered.
 */
public final class ImageIdentities {
    /** The image's config digest, and, where the store holds them, its manifest's and index's digests and its platform. */
    public record ImageIdentity(String config, String manifest, String index, String platform) {
    }

    private static final String CONTAINERD_SNAPSHOTTER = "io.containerd.snapshotter.v1";
    private static final Set<String> INDEXES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Set<String> MANIFESTS = Set.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final int REMEMBERED = 10_000;

    private final DockerClient docker;
    private final BuildKitContent content;
    private final Map<String, ImageIdentity> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImageIdentity> eldest) {
            return size() > REMEMBERED;
        }
    };
    private volatile Boolean containerdStore;
    private static final long INFO_RETRY_NANOS = 1_000_000_000L;
    /** The last time {@code /info} could not be had, and why: asked again a second later. */
    private record InfoFailure(DockerException why, long atNanos) {
    }

    private volatile InfoFailure lastInfoFailure;
    private final List<Consumer<ImageIdentity>> listeners = new CopyOnWriteArrayList<>();

    public ImageIdentities(DockerClient docker) {
        this.docker = docker;
        this.content = new BuildKitContent(docker.socket());
    }

    /**
     * The identity of the image Docker calls {@code imageId} ({@code sha256:…}, as its API gives IDs); a
     * {@link DockerException} when the daemon cannot say (it is down, or its store lacks the image's manifest).
     */
    public ImageIdentity of(String imageId) {
        ImageIdentity remembered = remembered(imageId);
        if (remembered != null) {
            return remembered;
        }
        ImageIdentity identity = containerdStore() ? fromContent(imageId) : new ImageIdentity(imageId, null, null, null);
        synchronized (known) {
            known.put(imageId, identity);
        }
        if (identity.manifest() != null) {
            listeners.forEach(listener -> listener.accept(identity));
        }
        return identity;
    }

    /** The identity of {@code imageId} if it was read before, else null: no call to the daemon. */
    public ImageIdentity remembered(String imageId) {
        synchronized (known) {
            return known.get(imageId);
        }
    }

    /** Tells {@code listener} each identity read from the content store (one with a manifest), as it is first read. */
    public void whenRead(Consumer<ImageIdentity> listener) {
        listeners.add(listener);
    }

    /**
     * Whether the daemon keeps its images in containerd ({@code docker info}: the containerd snapshotter). While the
     * daemon cannot say (it is down), it is asked again at most once a second.
     */
    public boolean containerdStore() {
        Boolean kept = containerdStore;
        if (kept == null) {
            InfoFailure failed = lastInfoFailure;
            if (failed != null && System.nanoTime() - failed.atNanos() < INFO_RETRY_NANOS) {
                throw failed.why();
            }
            JsonNode info;
            try {
                info = DockerClient.require(docker.send("GET", "/info", null));
            } catch (DockerException e) {
                lastInfoFailure = new InfoFailure(e, System.nanoTime());
                throw e;
            }
            boolean snapshotter = false;
            for (JsonNode status : info.path("DriverStatus")) {
                snapshotter |= status.path(0).asText().equals("driver-type") && status.path(1).asText().equals(CONTAINERD_SNAPSHOTTER);
            }
            containerdStore = kept = snapshotter;
        }
        return kept;
    }

    private ImageIdentity fromContent(String imageId) {
        JsonNode target = blob(imageId);
        // By shape as much as by media type: OCI makes mediaType optional, and a config has none.
        String mediaType = target.path("mediaType").asText("");
        if (MANIFESTS.contains(mediaType) || mediaType.isEmpty() && target.path("config").has("digest") && target.has("layers")) {
            return new ImageIdentity(config(target, imageId), imageId, null, platform(inspected(imageId)));
        }
        if (mediaType.isEmpty() && target.has("rootfs")) {
            return new ImageIdentity(imageId, null, null, null); // a config digest already (BuildKit reports one)
        }
        if (!INDEXES.contains(mediaType) && !(mediaType.isEmpty() && target.has("manifests"))) {
            throw new DockerException(502, "image " + imageId + " is neither a manifest nor an index (" + mediaType + ")");
        }
        // The platform Docker shows for the image is the one it runs here.
        String platform = platform(inspected(imageId));
        for (JsonNode manifest : target.path("manifests")) {
            JsonNode of = manifest.path("platform");
            boolean attestation = manifest.path("annotations").has("vnd.docker.reference.type");
            if (!attestation && platform.equals(platform(of.path("os"), of.path("architecture"), of.path("variant")))) {
                String digest = manifest.path("digest").asText();
                return new ImageIdentity(config(blob(digest), digest), digest, imageId, platform);
            }
        }
        throw new DockerException(502, "image " + imageId + " has no manifest for its platform " + platform);
    }

    /** The image as a lookup reads it (its other labels, which may be megabytes, unread). */
    private JsonNode inspected(String imageId) {
        return docker.imageDetails(imageId)
                .orElseThrow(() -> new DockerException(502, "image " + imageId + " could not be inspected"));
    }

    private JsonNode blob(String digest) {
        return content.json(digest);
    }

    private static String config(JsonNode manifest, String digest) {
        String config = manifest.path("config").path("digest").asText("");
        if (!config.matches("sha256:[0-9a-f]{64}")) {
            throw new DockerException(502, "manifest " + digest + " names no config digest");
        }
        return config;
    }

    /** The platform Docker's inspect gives the image. */
    private static String platform(JsonNode inspected) {
        return platform(inspected.path("Os"), inspected.path("Architecture"), inspected.path("Variant"));
    }

    /** {@code os/architecture[/variant]}, as Docker names a platform. */
    private static String platform(JsonNode os, JsonNode architecture, JsonNode variant) {
        String v = variant.asText("");
        return os.asText() + "/" + architecture.asText() + (v.isEmpty() ? "" : "/" + v);
    }
}
