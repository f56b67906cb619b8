package org.smartcontainers.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one client of the Docker Engine API: blocking calls over a Unix socket (the Docker daemon's,
 * or our proxy's, which speaks the same API). Every call goes through {@link #exchange}. Called off
 * any event loop only.
 *
 * <p>Lookups ({@link #image}, {@link #container}) answer empty when the daemon does not know the
 * reference or cannot be reached: a record is made without the answer. Calls that must succeed
 * ({@link #inspectImage}, {@link #send} with {@link #require}) throw {@link DockerException} with
 * the daemon's own status and message, or 502 when it cannot be reached.
 */
public final class DockerClient {
    /**
     * The label SmartContainers puts on images and containers: the one label of an image or container a lookup
     * keeps (Docker bounds none, and others may be megabytes; nothing of ours reads them).
     */
    public static final String PROVENANCE_LABEL = "smartcontainer";
    private static final Set<String> LABELS_LOOKED_UP = Set.of(PROVENANCE_LABEL);
    private static final Logger LOG = LoggerFactory.getLogger(DockerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE_EVENTS = URLEncoder.encode("{\"type\":[\"image\"]}", StandardCharsets.UTF_8);
    private static final String CONTAINER_EVENTS = URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);
    private static final String CONTAINER_AND_IMAGE_EVENTS = URLEncoder.encode("{\"type\":[\"container\",\"image\"]}",
            StandardCharsets.UTF_8);
    private final Path socket;
    private final ImageIdentities images;
    private final SeenImages seenImages = new SeenImages();
    private volatile String version;
    private volatile Identity identity;
    private volatile boolean unnamedSinceLastWarning;

    public DockerClient(Path socket) {
        this.socket = socket;
        this.images = new ImageIdentities(this);
    }

    /** What names this daemon's images in records (their config digests), whichever store holds them. */
    public ImageIdentities imageIdentities() {
        return images;
    }

    /**
     * The ID records name an image by (its config digest) for the ID this daemon gives it; the daemon's own ID,
     * logged, when it cannot say (a containerd store whose content cannot be read).
     */
    public String recordedImageId(String dockerImageId) {
        return recordedImageId(dockerImageId, Optional::empty);
    }

    /**
     * As {@link #recordedImageId(String)}, asking {@code elsewhere} for the config digest when the daemon cannot say
     * (a store's record of an image already gone), before falling back to the daemon's own ID.
     */
    public String recordedImageId(String dockerImageId, Supplier<Optional<String>> elsewhere) {
        if (dockerImageId == null) {
            return null;
        }
        try {
            String config = images.of(dockerImageId).config();
            unnamedSinceLastWarning = false;
            return config;
        } catch (DockerException e) {
            Optional<String> found = elsewhere.get();
            if (found.isPresent()) {
                return found.get();
            }
            // Said once until an image is named again: a daemon down would otherwise say it of every image.
            if (!unnamedSinceLastWarning) {
                unnamedSinceLastWarning = true;
                LOG.warn("image {} is recorded by the daemon's ID (and so may be the next, until this clears): {}",
                        dockerImageId, e.getMessage());
            } else {
                LOG.debug("image {} is recorded by the daemon's ID: {}", dockerImageId, e.getMessage());
            }
            return dockerImageId;
        }
    }

    public Path socket() {
        return socket;
    }

    /** The seam every call goes through: one HTTP exchange; {@link IOException} when the socket cannot be reached. */
    public UnixHttp.Answer exchange(String method, String pathAndQuery, String contentType, byte[] body,
            String... headers) throws IOException {
        return UnixHttp.exchange(socket, method, pathAndQuery, contentType, body, headers);
    }

    /** An answer from the daemon: its status and its JSON body (a missing node when it had none). */
    public record Answer(int status, JsonNode json) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** Docker's error message, or the status when it gave none. */
        public String message() {
            return json.path("message").asText("the Docker daemon answered HTTP " + status);
        }
    }

    /**
     * One call with an optional JSON body, its answer read whole (a missing node when it is not JSON);
     * {@link IOException} when the daemon cannot be reached or the answer is larger than the proxy reads whole
     * ({@link BoundedJson#MAX_SIZE}).
     */
    public Answer call(String method, String pathAndQuery, JsonNode body) throws IOException {
        return call(method, pathAndQuery, body, null);
    }

    /** {@link #call}, each {@code Labels} object of the answer keeping only {@code labelsKept} (null: all). */
    private Answer call(String method, String pathAndQuery, JsonNode body, Set<String> labelsKept) throws IOException {
        try (UnixHttp.Streamed answer = UnixHttp.open(socket, method, pathAndQuery, body == null ? null : "application/json",
                body == null ? null : JSON.writeValueAsBytes(body))) {
            JsonNode json;
            try {
                json = BoundedJson.read(answer.body(), labelsKept);
            } catch (BoundedJson.TooLarge tooLarge) {
                throw tooLarge;
            } catch (JsonProcessingException notJson) {
                json = JSON.missingNode();
            }
            return new Answer(answer.status(), json);
        }
    }

    /** {@link #call}, with a daemon that cannot be reached as a {@link DockerException} (502). */
    public Answer send(String method, String pathAndQuery, JsonNode body) {
        try {
            return call(method, pathAndQuery, body);
        } catch (BoundedJson.TooLarge e) {
            throw new DockerException(502, method + " " + pathAndQuery + ": " + e.getMessage());
        } catch (IOException e) {
            throw new DockerException(502, "Cannot connect to the Docker daemon at unix://" + socket
                    + " (through the SmartContainers proxy): " + e.getMessage());
        }
    }

    /** The answer's JSON when the daemon said yes; its own status and message as a {@link DockerException} otherwise. */
    public static JsonNode require(Answer answer) {
        if (!answer.ok()) {
            throw new DockerException(answer.status(), answer.message());
        }
        return answer.json();
    }

    // ---- lookups: empty when unknown or unreachable ----

    /** The image ID ({@code sha256:…}) a reference names, if the daemon knows it. */
    public Optional<String> imageId(String reference) {
        return image(reference).map(Image::id);
    }

    /** The image a reference names: its ID, its labels and when it was made. */
    public Optional<Image> image(String reference) {
        Optional<Image> found = get("/images/" + DockerApiPath.encodeSegment(reference) + "/json")
                .filter(json -> json.hasNonNull("Id"))
                .map(json -> new Image(json.get("Id").asText(), labels(json.path("Config").path("Labels")),
                        instant(json.path("Created").asText("")), recordedImageId(json.get("Id").asText())));
        // Not kept while its config digest is unknown (recorded by the daemon's ID for now): asked again next time.
        found.filter(image -> images.remembered(image.id()) != null).ifPresent(seenImages::add);
        return found;
    }

    /**
     * {@link #image} for an image's whole ID, answered without a call when this client has seen that image: all it
     * says comes from the config the ID names. It may since have been removed: for what a record says of an image
     * a call just made or used, not for whether it is still there.
     */
    public Optional<Image> imageById(String wholeId) {
        Image seen = seenImages.byId(wholeId);
        return seen != null ? Optional.of(seen) : image(wholeId);
    }

    /** When the daemon says the image was made ({@code Created}), if it knows the image. */
    public Optional<Instant> imageCreated(String reference) {
        return image(reference).map(Image::created);
    }

    private static Instant instant(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> values = new TreeMap<>();
        labels.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    /**
     * An image as a record needs it: the daemon's ID for it, its labels, when it was made (null if unknown), and the
     * ID records name it by ({@link #recordedImageId}: its config digest; the same as {@code id} on the classic store).
     */
    public record Image(String id, Map<String, String> labels, Instant created, String recordedId) {
        public Image {
            labels = Map.copyOf(labels);
            recordedId = recordedId == null ? id : recordedId;
        }

        public Image(String id, Map<String, String> labels, Instant created) {
            this(id, labels, created, id);
        }

        public Image(String id, Map<String, String> labels) {
            this(id, labels, null, id);
        }

        /** The value of one label, or null. */
        public String label(String key) {
            return labels.get(key);
        }
    }

    /** A container's full ID and its image's ID. */
    public Optional<Container> container(String reference) {
        return get("/containers/" + DockerApiPath.encodeSegment(reference) + "/json")
                .map(json -> new Container(json.path("Id").asText(null), json.path("Image").asText(null)));
    }

    public record Container(String id, String imageId) {
    }

    /** One entry of {@code docker diff}: a path of the container's filesystem and how it changed. */
    public record Change(String path, Kind kind) {
        /** Docker's {@code Kind}: 0 modified, 1 added, 2 deleted. */
        public enum Kind { MODIFIED, ADDED, DELETED }
    }

    /**
     * {@code docker diff}: what changed in a container's filesystem since it was made from its image, each change
     * handed to {@code each} as the answer streams (there may be millions); false when the daemon cannot say (no
     * such container, a driver that cannot diff, unreachable), and {@code each} may then have seen some.
     */
    public boolean containerChanges(String reference, Consumer<Change> each) {
        try (UnixHttp.Streamed answer = UnixHttp.open(socket, "GET",
                "/containers/" + DockerApiPath.encodeSegment(reference) + "/changes", null, null)) {
            if (answer.status() != 200) {
                return false;
            }
            ChangeListing.read(answer.body(), each);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- listings: DockerException when the daemon cannot say ----

    /**
     * Every image that carries the label {@code key} ({@code docker images --filter label=KEY}), with that label;
     * less those whose label the listing did not read ({@link LabelledListing#MAX_HELD_CHARS}).
     */
    public List<Image> imagesLabelled(String key) {
        List<Image> images = new ArrayList<>();
        for (LabelledListing.Item item : listed("/images/json?filters=" + labelFilter(key), key)) {
            if (item.label() == null) {
                continue;
            }
            images.add(new Image(item.id(), onlyLabel(key, item.label()), Instant.ofEpochSecond(item.createdSeconds()),
                    recordedImageId(item.id())));
        }
        return images;
    }

    /** Every container, running or not, that carries the label {@code key}, with its image and that label (as above). */
    public List<LabelledContainer> containersLabelled(String key) {
        List<LabelledContainer> containers = new ArrayList<>();
        for (LabelledListing.Item item : listed("/containers/json?all=1&filters=" + labelFilter(key), key)) {
            if (item.label() == null) {
                continue;
            }
            containers.add(new LabelledContainer(item.id(), item.imageId(), onlyLabel(key, item.label()),
                    Instant.ofEpochSecond(item.createdSeconds())));
        }
        return containers;
    }

    /** A listing read as it streams, each item with the one label {@code key} (the others may be megabytes). */
    private List<LabelledListing.Item> listed(String pathAndQuery, String key) {
        try (UnixHttp.Streamed answer = UnixHttp.open(socket, "GET", pathAndQuery, null, null)) {
            if (answer.status() / 100 != 2) {
                throw new DockerException(answer.status(), errorMessage(answer));
            }
            return LabelledListing.read(answer.body(), key);
        } catch (IOException e) {
            throw new DockerException(502, "Cannot list from the Docker daemon at unix://" + socket
                    + " (through the SmartContainers proxy): " + e.getMessage());
        }
    }

    /** Docker's {@code {"message": …}} of an answer read as it streams, or its status. */
    private static String errorMessage(UnixHttp.Streamed answer) {
        String status = "the Docker daemon answered HTTP " + answer.status();
        try {
            JsonNode error = JSON.readTree(answer.body().readNBytes(1 << 20));
            return error == null ? status : error.path("message").asText(status);
        } catch (IOException unreadable) {
            return status;
        }
    }

    private static Map<String, String> onlyLabel(String key, String value) {
        return value == null ? Map.of() : Map.of(key, value);
    }

    /** A container as a listing shows it; {@code created} to the second, as Docker lists it. */
    public record LabelledContainer(String id, String imageId, Map<String, String> labels, Instant created) {
        public LabelledContainer {
            labels = Map.copyOf(labels);
        }

        /** The value of one label, or null. */
        public String label(String key) {
            return labels.get(key);
        }
    }

    private static String labelFilter(String key) {
        return URLEncoder.encode(JSON.createObjectNode().set("label", JSON.createArrayNode().add(key)).toString(),
                StandardCharsets.UTF_8);
    }

    // ---- calls that must succeed: DockerException otherwise ----

    /** {@code docker image inspect REF}; 404 in Docker's words when it has no such image. */
    public JsonNode inspectImage(String reference) {
        return require(send("GET", "/images/" + DockerApiPath.encodeSegment(reference) + "/json", null));
    }

    /** {@code docker container inspect REF}; 404 in Docker's words when it has no such container. */
    public JsonNode inspectContainer(String reference) {
        return require(send("GET", "/containers/" + DockerApiPath.encodeSegment(reference) + "/json", null));
    }

    /** {@code docker image history ID}. */
    public JsonNode history(String imageId) {
        return require(send("GET", "/images/" + DockerApiPath.encodeSegment(imageId) + "/history", null));
    }

    /** {@code docker container create}; the new container's ID. */
    public String createContainer(JsonNode config) {
        return require(send("POST", "/containers/create", config)).path("Id").asText();
    }

    /** {@code docker container rm --force --volumes}; a failure is ignored (it is clean-up). */
    public void removeContainer(String id) {
        send("DELETE", "/containers/" + DockerApiPath.encodeSegment(id) + "?force=1&v=1", null);
    }

    /** {@code docker tag ID REPO:TAG}. */
    public void tag(String imageId, String repository, String tag) {
        require(send("POST", "/images/" + DockerApiPath.encodeSegment(imageId) + "/tag?repo="
                + DockerApiPath.encodeSegment(repository) + "&tag=" + DockerApiPath.encodeSegment(tag), null));
    }

    // ---- the daemon itself ----

    /** The daemon's version, remembered once known. */
    public String dockerVersion() {
        String known = version;
        if (known == null) {
            known = refreshDockerVersion();
        }
        return known == null ? "unknown" : known;
    }

    /** Asks the daemon its version again (it may have been upgraded and restarted); null if it cannot say. */
    public String refreshDockerVersion() {
        String asked = get("/version").map(json -> json.path("Version").asText(null)).orElse(null);
        if (asked != null) {
            version = asked;
        }
        return asked;
    }

    /** True once {@link #dockerVersion} answers from memory. */
    public boolean dockerVersionKnown() {
        return version != null;
    }

    /**
     * Who the daemon is: its own ID ({@code docker info}'s {@code ID}: a UUID since Docker 23, a key
     * fingerprint before) and the name of its host ({@code Name}).
     */
    public record Identity(String id, String host) {
    }

    /** The daemon's identity, remembered once known; null while it cannot say. */
    public Identity identity() {
        Identity known = identity;
        return known != null ? known : refreshIdentity();
    }

    /** The daemon's ID ({@link #identity}), or null while it cannot say. What is a daemon's own (a named volume) is named by it. */
    public String engineId() {
        Identity known = identity();
        return known == null ? null : known.id();
    }

    /** Asks the daemon who it is again (a new data root is a new daemon); null if it cannot say. */
    public Identity refreshIdentity() {
        Identity asked = get("/info").filter(json -> !json.path("ID").asText("").isEmpty())
                .map(json -> new Identity(json.path("ID").asText(), json.path("Name").asText(""))).orElse(null);
        if (asked != null) {
            identity = asked;
        }
        return asked;
    }

    /** True once {@link #identity} answers from memory. */
    public boolean identityKnown() {
        return identity != null;
    }

    /** The daemon's {@code /version} object, as it gives it. */
    public Optional<JsonNode> versionObject() {
        return get("/version");
    }

    /** The daemon's stream of image events (tag, untag, pull, load, delete, …), from now on; it never ends by itself. */
    public UnixHttp.Streamed imageEvents() throws IOException {
        return UnixHttp.open(socket, "GET", "/events?filters=" + IMAGE_EVENTS, null, null);
    }

    /**
     * The daemon's stream of container events (exec events included), from {@code sinceNano} (inclusive, as
     * far back as the daemon remembers) on; it never ends by itself.
     */
    public UnixHttp.Streamed containerEvents(long sinceNano) throws IOException {
        return UnixHttp.open(socket, "GET", "/events?since=" + DockerEvent.since(sinceNano) + "&filters=" + CONTAINER_EVENTS,
                null, null);
    }

    /**
     * The daemon's stream of container and image events, from {@code sinceNano} (inclusive, as far back as the
     * daemon remembers) on; it never ends by itself.
     */
    public UnixHttp.Streamed containerAndImageEvents(long sinceNano) throws IOException {
        return UnixHttp.open(socket, "GET", "/events?since=" + DockerEvent.since(sinceNano) + "&filters="
                + CONTAINER_AND_IMAGE_EVENTS, null, null);
    }

    /** {@code GET /images/{ref}/json} as the daemon answers it ({@code Id}, {@code RepoTags}, {@code RepoDigests}…), if it knows the image. */
    public Optional<JsonNode> imageDetails(String reference) {
        return get("/images/" + DockerApiPath.encodeSegment(reference) + "/json");
    }

    /** The daemon's own ID (kept in its data root across restarts) asked afresh, if it answers; see {@link #identity}. */
    public Optional<String> askEngineId() {
        return Optional.ofNullable(refreshIdentity()).map(Identity::id);
    }

    /** {@code GET /exec/{id}/json}: an exec's process (entrypoint, arguments, user), while the daemon keeps it. */
    public Optional<JsonNode> exec(String execId) {
        return get("/exec/" + DockerApiPath.encodeSegment(execId) + "/json");
    }

    /** {@code GET /containers/{id}/json} as the daemon answers it, if it knows the container. */
    public Optional<JsonNode> containerDetails(String reference) {
        return get("/containers/" + DockerApiPath.encodeSegment(reference) + "/json");
    }

    /** A lookup: the answer when the daemon knows what is asked, with only our label of any {@code Labels}. */
    private Optional<JsonNode> get(String path) {
        try {
            Answer answer = call("GET", path, null, LABELS_LOOKED_UP);
            return answer.status() == 200 && !answer.json().isMissingNode() ? Optional.of(answer.json()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
