package org.smartcontainers.proxy.buildkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;

/**
 * BuildKit's progress inside the classic API's {@code POST /build?version=2} stream: lines
 * {@code {"id":"moby.buildkit.trace","aux":"<base64>"}} whose aux is a Control/Status response.
 */
public final class BuildTrace {
    static final String TRACE_ID = "moby.buildkit.trace";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildTrace() {
    }

    /** The vertexes of one line of the stream; none when the line is not a trace. */
    public static List<ControlStatus.Vertex> vertexes(String line) {
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not a JSON progress line: " + e.getOriginalMessage(), e);
        }
        return message == null ? List.of() : vertexes(message);
    }

    /** The same for a line already parsed. */
    public static List<ControlStatus.Vertex> vertexes(JsonNode message) {
        if (!TRACE_ID.equals(message.path("id").asText(null))) {
            return List.of();
        }
        JsonNode aux = message.path("aux");
        if (!aux.isTextual()) {
            throw new InvalidMessageException(TRACE_ID + " without a base64 aux");
        }
        byte[] statusResponse;
        try {
            // Go's base64 decoding (encoding/json for []byte) passes over line breaks.
            statusResponse = Base64.getDecoder().decode(aux.asText().replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(TRACE_ID + " aux is not base64: " + e.getMessage(), e);
        }
        return ControlStatus.vertexes(statusResponse);
    }
}
