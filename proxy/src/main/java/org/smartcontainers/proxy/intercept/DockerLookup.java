package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.smartcontainers.ldp.http.Request;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.unixhttp.UnixHttp;

/**
 * Blocking questions to the daemon that a record needs answered (which image a reference names,
 * which image a container runs, the daemon's version). Called off the event loop only.
 */
public final class DockerLookup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE_EVENTS =
            URLEncoder.encode("{\"type\":[\"image\"]}", StandardCharsets.UTF_8);
    private final Path socket;
    private volatile String version;

    public DockerLookup(Path socket) {
        this.socket = socket;
    }

    /** The image ID ({@code sha256:…}) a reference names, if the daemon knows it. */
    public Optional<String> imageId(String reference) {
        return image(reference).map(Image::id);
    }

    /** The image a reference names: its ID and its {@code smartcontainer} label, if it has one. */
    public Optional<Image> image(String reference) {
        return get("/images/" + Request.encodeSegment(reference) + "/json")
                .filter(json -> json.hasNonNull("Id"))
                .map(json -> new Image(json.get("Id").asText(),
                        json.path("Config").path("Labels").path(ProvenanceLabel.KEY).asText(null)));
    }

    /** @param label the value of its {@code smartcontainer} label, or null */
    public record Image(String id, String label) {
    }

    /** A container's full ID and its image's ID. */
    public Optional<Container> container(String reference) {
        return get("/containers/" + Request.encodeSegment(reference) + "/json")
                .map(json -> new Container(json.path("Id").asText(null), json.path("Image").asText(null)));
    }

    public record Container(String id, String imageId) {
    }

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

    /** The daemon's {@code /version} object, as it gives it. */
    public Optional<JsonNode> versionObject() {
        return get("/version");
    }

    /** The daemon's stream of image events (tag, untag, pull, load, delete, …), from now on; it never ends by itself. */
    public UnixHttp.Streamed imageEvents() throws IOException {
        return UnixHttp.open(socket, "GET", "/events?filters=" + IMAGE_EVENTS, null, null);
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

    /** One call to the daemon with an optional JSON body; {@link IOException} when it cannot be reached. */
    public Answer call(String method, String pathAndQuery, JsonNode body) throws IOException {
        UnixHttp.Answer answer = UnixHttp.exchange(socket, method, pathAndQuery, body == null ? null : "application/json",
                body == null ? null : JSON.writeValueAsBytes(body));
        JsonNode json;
        try {
            json = answer.body().length == 0 ? JSON.missingNode() : JSON.readTree(answer.body());
        } catch (IOException notJson) {
            json = JSON.missingNode();
        }
        return new Answer(answer.status(), json == null ? JSON.missingNode() : json);
    }

    private Optional<JsonNode> get(String path) {
        try {
            Answer answer = call("GET", path, null);
            return answer.status() == 200 && !answer.json().isMissingNode() ? Optional.of(answer.json()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
