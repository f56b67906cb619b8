package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smartcontainers.docker.Streams.text;
import static org.smartcontainers.docker.Streams.xs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daemon's answers read into trees of bounded size; a lookup keeps only the labels it reads. */
class BoundedJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void anAnswerReadWholeIsTheTreeJacksonReads() throws IOException {
        String inspect = "{\"Id\":\"sha256:ab\",\"Size\":12345678901,\"Created\":\"2026-11-28T10:00:00Z\",\"Config\":{\"Env\":[\"A=b\"],"
                + "\"Labels\":{\"a\":\"b\",\"smartcontainer\":\"{}\"},\"Healthcheck\":null,\"ArgsEscaped\":true},"
                + "\"RootFS\":{\"Layers\":[\"sha256:1\",\"sha256:2\"]},\"Ratio\":0.25,\"Big\":123456789012345678901234567890}";
        assertEquals(JSON.readTree(inspect), BoundedJson.read(text(inspect)));
        assertTrue(BoundedJson.read(text("")).isMissingNode());
    }

    @Test
    void aLookupKeepsOnlyTheLabelsItReadsAndSkipsTheOthersUnread() throws IOException {
        // A label of 1 GiB (Docker bounds none), far more than the test's heap could hold as a string.
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                text("{\"Id\":\"c1\",\"Config\":{\"Labels\":{\"huge\":\""), xs(1L << 30),
                text("\",\"smartcontainer\":\"ours\",\"other\":{\"nested\":[1]}},\"Image\":\"sha256:ab\"},"
                        + "\"Labels\":{\"also\":\"gone\"},\"Mounts\":[]}"))));
        JsonNode read = BoundedJson.read(body, Set.of("smartcontainer"));
        assertEquals(JSON.readTree("{\"Id\":\"c1\",\"Config\":{\"Labels\":{\"smartcontainer\":\"ours\"},\"Image\":\"sha256:ab\"},"
                + "\"Labels\":{},\"Mounts\":[]}"), read);
    }

    @Test
    void whatIsLargerThanTheProxyReadsWholeIsRefused() {
        InputStream longString = new SequenceInputStream(Collections.enumeration(List.of(
                text("{\"Labels\":{\"smartcontainer\":\""), xs(BoundedJson.MAX_SIZE + 1L), text("\"}}"))));
        assertThrows(BoundedJson.TooLarge.class, () -> BoundedJson.read(longString, Set.of("smartcontainer")));
        StringBuilder manyValues = new StringBuilder("[0");
        for (int i = 0; i < BoundedJson.MAX_SIZE / 32 + 1; i++) {
            manyValues.append(",0");
        }
        assertThrows(BoundedJson.TooLarge.class, () -> BoundedJson.read(text(manyValues.append(']').toString())),
                "a quarter of a million numbers: small as text, many times larger as a tree");
        StringBuilder manyStrings = new StringBuilder("{\"Env\":[");
        for (int i = 0; i < 9; i++) {
            manyStrings.append(i == 0 ? "" : ",").append('"').append("v".repeat(1 << 20)).append('"');
        }
        assertThrows(BoundedJson.TooLarge.class, () -> BoundedJson.read(text(manyStrings.append("]}").toString())));
    }

    @Test
    void whatIsNotJsonIsAParseErrorNotTooLarge() {
        for (String notJson : List.of("not json", "{\"a\":", "[1,2", "{} {}", "{\"a\":1]")) {
            IOException failure = assertThrows(IOException.class, () -> BoundedJson.read(text(notJson)), notJson);
            assertTrue(failure instanceof JsonProcessingException, notJson + ": " + failure);
            assertFalse(failure instanceof BoundedJson.TooLarge, notJson);
        }
    }
}
