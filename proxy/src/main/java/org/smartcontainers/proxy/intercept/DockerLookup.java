package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.smartcontainers.provenance.record.ProvenanceLabel;

/**
 * Blocking questions to the daemon that a record needs answered (which image a reference names,
 * which image a container runs, the daemon's version). Called off the event loop only.
 */
public final class DockerLookup {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        return get("/images/" + encode(reference) + "/json")
                .filter(json -> json.hasNonNull("Id"))
                .map(json -> new Image(json.get("Id").asText(),
                        json.path("Config").path("Labels").path(ProvenanceLabel.KEY).asText(null)));
    }

    /** @param label the value of its {@code smartcontainer} label, or null */
    public record Image(String id, String label) {
    }

    /** A container's full ID and its image's ID. */
    public Optional<Container> container(String reference) {
        return get("/containers/" + encode(reference) + "/json")
                .map(json -> new Container(json.path("Id").asText(null), json.path("Image").asText(null)));
    }

    public record Container(String id, String imageId) {
    }

    /** The daemon's version, remembered once known. */
    public String dockerVersion() {
        String known = version;
        if (known == null) {
            known = get("/version").map(json -> json.path("Version").asText(null)).orElse(null);
            version = known;
        }
        return known == null ? "unknown" : known;
    }

    private Optional<JsonNode> get(String path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // HTTP/1.0: the daemon answers with a plain body that ends when it closes, never chunked.
            String request = "GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(channel);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] response = all.toByteArray();
            String status = new String(response, 0, Math.min(12, response.length), StandardCharsets.US_ASCII);
            int bodyStart = indexOfBlankLine(response);
            if (!status.matches("HTTP/1\\.[01] 200") || bodyStart < 0) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response, bodyStart, response.length - bodyStart));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int indexOfBlankLine(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String encode(String reference) {
        return URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
