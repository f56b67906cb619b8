package org.smartcontainers.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One message of Docker's event stream ({@code GET /events}), as Docker 20.10 and 26 write it:
 * {@code {"Type","Action","Actor":{"ID","Attributes"},"time","timeNano"}}. An exec's action carries its
 * command after a colon ({@code exec_create: sh -c exit 5}): {@link #action} is the part before it,
 * {@link #detail} the rest.
 *
 * <p>Read as it streams, never a message whole: a container's or an image's labels travel in its events'
 * attributes, and Docker sets no bound on them (a label may be megabytes). Only the attributes the recorders
 * read are kept; the others are skipped unread.
 *
 * @param actorId the container's full ID, for a container event
 * @param timeNano nanoseconds since the epoch: with the actor and action, what tells one event from another
 */
public record DockerEvent(String type, String action, String detail, String actorId, Map<String, String> attributes,
        long timeNano) {
    private static final JsonFactory JSON = new JsonFactory();
    /** The attributes kept: a container's name (and the one it had), an exec's ID, a container's end. */
    static final Set<String> KEPT_ATTRIBUTES = Set.of("name", "oldName", "execID", "exitCode", "signal");

    public DockerEvent {
        attributes = Map.copyOf(attributes);
    }

    /** The event one message holds; {@link IOException} when it is not one. */
    public static DockerEvent parse(String message) throws IOException {
        try (JsonParser parser = JSON.createParser(message)) {
            Stream stream = new Stream(parser);
            if (!stream.advance()) {
                throw new IOException("not an event: nothing");
            }
            if (stream.event() == null) {
                throw new IOException(stream.notAnEvent());
            }
            return stream.event();
        }
    }

    /** The messages of Docker's event stream ({@code GET /events}), one at a time. */
    public static Stream stream(InputStream body) throws IOException {
        return new Stream(JSON.createParser(body));
    }

    /** Docker's event stream, read one message at a time; {@link IOException} when it is not JSON. */
    public static final class Stream implements AutoCloseable {
        private final JsonParser parser;
        private DockerEvent event;
        private String notAnEvent;

        private Stream(JsonParser parser) {
            this.parser = parser;
        }

        /** Reads the next message; false at the stream's end. */
        public boolean advance() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            event = null;
            notAnEvent = null;
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                notAnEvent = "not an event: not a JSON object";
            } else {
                event = readObject();
            }
            return true;
        }

        /** The message read, or null when it was no event ({@link #notAnEvent} says why). */
        public DockerEvent event() {
            return event;
        }

        public String notAnEvent() {
            return notAnEvent;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }

        private DockerEvent readObject() throws IOException {
            String type = "";
            String action = null;
            String status = "";
            String id = "";
            long nano = 0;
            long seconds = 0;
            Map<String, String> attributes = new TreeMap<>();
            String actorId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "Type" -> type = text("");
                    case "Action" -> action = text(null);
                    case "status" -> status = text("");
                    case "id" -> id = text("");
                    case "timeNano" -> nano = parser.getValueAsLong();
                    case "time" -> seconds = parser.getValueAsLong();
                    case "Actor" -> actorId = readActor(attributes);
                    default -> parser.skipChildren();
                }
            }
            if (action == null) {
                action = status;
            }
            String detail = null;
            int colon = action.indexOf(':');
            if (colon >= 0) {
                detail = action.substring(colon + 1).strip();
                action = action.substring(0, colon);
            }
            if (nano <= 0) {
                nano = seconds * 1_000_000_000L;
            }
            String actor = actorId != null ? actorId : id;
            if (action.isEmpty() || actor.isEmpty() || nano <= 0) {
                notAnEvent = "not an event: no action, actor or time";
                return null;
            }
            return new DockerEvent(type, action, detail, actor, attributes, nano);
        }

        /** The actor's ID (null if it has none), its attributes kept into {@code attributes}. */
        private String readActor(Map<String, String> attributes) throws IOException {
            String id = null;
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("ID")) {
                    id = text(null);
                } else if (field.equals("Attributes") && value == JsonToken.START_OBJECT) {
                    LabelledListing.keptScalars(parser, KEPT_ATTRIBUTES, attributes);
                } else {
                    parser.skipChildren();
                }
            }
            return id;
        }

        /** The current value as text, when it is a scalar; else {@code otherwise}, the value skipped. */
        private String text(String otherwise) throws IOException {
            if (parser.currentToken().isScalarValue()) {
                return parser.getValueAsString(otherwise);
            }
            parser.skipChildren();
            return otherwise;
        }
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
