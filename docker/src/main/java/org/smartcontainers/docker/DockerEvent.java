package org.smartcontainers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message of Docker's event stream ({@code GET /events}), as Docker 20.10 and 26 write it:
 * {@code {"Type","Action","Actor":{"ID","Attributes"},"time","timeNano"}}. An exec's action carries its
 * command after a colon ({@code exec_create: sh -c exit 5}): {@link #action} is the part before it,
 * {@link #detail} the rest.
 *
 * @param actorId the container's full ID, for a container event
 * @param timeNano nanoseconds since the epoch: with the actor and action, what tells one event from another
 */
public record DockerEvent(String type, String action, String detail, String actorId, Map<String, String> attributes,
        long timeNano) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DockerEvent {
        attributes = Map.copyOf(attributes);
    }

    /** The event as one line of the stream reads; {@link IOException} when it is not one. */
    public static DockerEvent parse(String line) throws IOException {
        JsonNode json = JSON.readTree(line);
        if (json == null || !json.isObject()) {
            throw new IOException("not an event: not a JSON object");
        }
        String action = json.path("Action").asText(json.path("status").asText(""));
        String detail = null;
        int colon = action.indexOf(':');
        if (colon >= 0) {
            detail = action.substring(colon + 1).strip();
            action = action.substring(0, colon);
        }
        JsonNode actor = json.path("Actor");
        Map<String, String> attributes = new TreeMap<>();
        actor.path("Attributes").fields().forEachRemaining(f -> attributes.put(f.getKey(), f.getValue().asText()));
        long nano = json.hasNonNull("timeNano") ? json.get("timeNano").asLong()
                : json.path("time").asLong() * 1_000_000_000L;
        String id = actor.path("ID").asText(json.path("id").asText(""));
        if (action.isEmpty() || id.isEmpty() || nano <= 0) {
            throw new IOException("not an event: no action, actor or time");
        }
        return new DockerEvent(json.path("Type").asText(""), action, detail, id, attributes, nano);
    }

    public Instant time() {
        return Instant.ofEpochSecond(0, timeNano);
    }

    /** An attribute of the actor (a container's {@code name}, {@code exitCode}, {@code signal}, {@code execID}), or null. */
    public String attribute(String key) {
        return attributes.get(key);
    }

    /** {@code since=} as Docker reads it: seconds and nanoseconds. */
    public static String since(long timeNano) {
        return Math.floorDiv(timeNano, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(timeNano, 1_000_000_000L));
    }
}
