package org.smartcontainers.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * An answer of the Docker daemon read as it streams into a tree of bounded size. Docker bounds no
 * label, environment value or list, and the daemon's heap is small: what is read whole is at most
 * {@link #MAX_SIZE} characters of names and text, else {@link TooLarge}. Read for a lookup,
 * every {@code Labels} object keeps only the labels asked for, the others skipped unread, so an
 * image or container with megabytes of labels (made without the proxy) is still looked up.
 */
final class BoundedJson {
    /** In characters of names and text, each value counting {@link #NODE_SIZE} more: far above any inspect, far below the heap. */
    static final int MAX_SIZE = 8 << 20;
    private static final int NODE_SIZE = 32;

    /** The answer is larger than the proxy reads whole. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the Docker daemon's answer is larger than the " + MAX_SIZE + " characters the proxy reads whole");
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_SIZE).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final Set<String> labelsKept;
    private long size;

    private BoundedJson(JsonParser parser, Set<String> labelsKept) {
        this.parser = parser;
        this.labelsKept = labelsKept;
    }

    /** The whole answer; the missing node when it is empty. */
    static JsonNode read(InputStream body) throws IOException {
        return read(body, null);
    }

    /** @param labelsKept the labels each {@code Labels} object keeps, or null for all of them */
    static JsonNode read(InputStream body, Set<String> labelsKept) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return NODES.missingNode();
            }
            JsonNode value = new BoundedJson(parser, labelsKept).value();
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "the answer holds more than one JSON value");
            }
            return value;
        } catch (StreamConstraintsException longerThanAString) {
            throw new TooLarge();
        }
    }

    private JsonNode value() throws IOException {
        grow(NODE_SIZE);
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(false);
            case START_ARRAY -> array();
            case VALUE_STRING -> NODES.textNode(counted(parser.getText()));
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue()); // as Jackson reads a tree
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "unexpected JSON token " + parser.currentToken());
        };
    }

    private ObjectNode object(boolean labels) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (labels && labelsKept != null && !labelsKept.contains(name)) {
                parser.skipChildren(); // a scalar is skipped by the next token, never read
                continue;
            }
            grow(name.length());
            object.set(name, token == JsonToken.START_OBJECT ? nested(name.equals("Labels")) : value());
        }
        return object;
    }

    private ObjectNode nested(boolean labels) throws IOException {
        grow(NODE_SIZE);
        return object(labels);
    }

    private ArrayNode array() throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value());
        }
        return array;
    }

    private String counted(String text) throws IOException {
        grow(text.length());
        return text;
    }

    private void grow(int by) throws TooLarge {
        size += by;
        if (size > MAX_SIZE) {
            throw new TooLarge();
        }
    }
}
