package org.smartcontainers.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listing of images or containers ({@code GET /images/json}, {@code /containers/json}) read as it streams,
 * keeping of each item its IDs, when it was made and one label: a listing holds every item's labels, and
 * Docker bounds none, so the others are skipped unread (ten containers with 8 MiB of labels each exhausted
 * the daemon's heap when the listing was read whole).
 */
final class LabelledListing {
    private static final Logger LOG = LoggerFactory.getLogger(LabelledListing.class);
    /** The longest label read (a longer one fails the listing: it cannot be skipped once read this far). */
    static final int MAX_LABEL_CHARS = 8 << 20;
    /**
     * The label text one listing holds, all items together: labels are anyone's text (an image pulled, or made
     * without the proxy), and twenty images with 7 MiB labels exhausted the daemon's heap at its start. Ours are
     * a few KiB; past the budget an item is listed without its label, and a warning says how many were.
     */
    static final long MAX_HELD_CHARS = 16 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_LABEL_CHARS).build())
            .build();

    /** One item: {@code imageId} is null for an image; {@code label} null when the item lacks it. */
    record Item(String id, String imageId, long createdSeconds, String label) {
    }

    private LabelledListing() {
    }

    static List<Item> read(InputStream body, String labelKey) throws IOException {
        List<Item> items = new ArrayList<>();
        long held = 0;
        int dropped = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the listing is not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Item item = item(parser, labelKey);
                if (item.label() != null && held + item.label().length() > MAX_HELD_CHARS) {
                    item = new Item(item.id(), item.imageId(), item.createdSeconds(), null);
                    dropped++;
                } else if (item.label() != null) {
                    held += item.label().length();
                }
                items.add(item);
            }
        }
        if (dropped > 0) {
            LOG.warn("{} {} labels were not read: the listing's labels hold more than {} characters", dropped, labelKey,
                    MAX_HELD_CHARS);
        }
        return items;
    }

    private static Item item(JsonParser parser, String labelKey) throws IOException {
        String id = "";
        String imageId = null;
        long created = 0;
        String label = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "Id" -> id = parser.getValueAsString("");
                case "ImageID" -> imageId = parser.getValueAsString();
                case "Created" -> created = parser.getValueAsLong();
                case "Labels" -> label = value == JsonToken.START_OBJECT
                        ? keptScalars(parser, Set.of(labelKey), new HashMap<>()).get(labelKey) : skip(parser);
                default -> parser.skipChildren();
            }
        }
        return new Item(id, imageId, created, label);
    }

    /**
     * Of the object the parser is at (its START_OBJECT read), the scalar values of {@code keys}, put in {@code into};
     * every other value is skipped, never read into memory (labels, which Docker does not bound).
     */
    static Map<String, String> keptScalars(JsonParser parser, Set<String> keys, Map<String, String> into)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (keys.contains(key) && parser.currentToken().isScalarValue()) {
                into.put(key, parser.getValueAsString());
            } else {
                parser.skipChildren();
            }
        }
        return into;
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }
}
