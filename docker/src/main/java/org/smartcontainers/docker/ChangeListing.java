package org.smartcontainers.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * {@code GET /containers/{id}/changes} read as it streams, each change handed on as it is read: a
 * container that wrote a million files lists them all (tens of MiB), which read whole exhausted the
 * daemon's heap.
 */
final class ChangeListing {
    private static final JsonFactory JSON = new JsonFactory();

    private ChangeListing() {
    }

    static void read(InputStream body, Consumer<DockerClient.Change> each) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return; // Docker answers null, not [], when nothing changed
            }
            if (first != JsonToken.START_ARRAY) {
                throw new IOException("the changes are not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                change(parser, each);
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("the changes are not a JSON array of objects");
            }
        }
    }

    private static void change(JsonParser parser, Consumer<DockerClient.Change> each) throws IOException {
        String path = null;
        int kind = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("Path") && value == JsonToken.VALUE_STRING) {
                path = parser.getText();
            } else if (field.equals("Kind") && value == JsonToken.VALUE_NUMBER_INT) {
                kind = parser.getIntValue();
            } else {
                parser.skipChildren();
            }
        }
        if (path != null && kind >= 0 && kind < DockerClient.Change.Kind.values().length) {
            each.accept(new DockerClient.Change(path, DockerClient.Change.Kind.values()[kind]));
        }
    }
}
