package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docker diff}'s answer as it streams: each change handed on, nothing of the listing held. */
class ChangeListingTest {
    private static List<DockerClient.Change> read(String json) throws IOException {
        List<DockerClient.Change> changes = new ArrayList<>();
        ChangeListing.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), changes::add);
        return changes;
    }

    @Test
    void eachChangeInTheDaemonsOrderWithDockersKinds() throws IOException {
        assertEquals(List.of(new DockerClient.Change("/etc", DockerClient.Change.Kind.MODIFIED),
                        new DockerClient.Change("/etc/x", DockerClient.Change.Kind.ADDED),
                        new DockerClient.Change("/tmp", DockerClient.Change.Kind.DELETED)),
                read("[{\"Path\":\"/etc\",\"Kind\":0},{\"Kind\":1,\"Path\":\"/etc/x\",\"More\":{\"a\":[1]}},{\"Path\":\"/tmp\",\"Kind\":2}]"));
        assertEquals(List.of(), read("null"), "Docker's answer when nothing changed");
        assertEquals(List.of(), read("[{\"Path\":\"/a\",\"Kind\":7},{\"Path\":1,\"Kind\":0},{\"Kind\":0}]"),
                "what is not a change is passed over");
    }

    @Test
    void whatIsNotAListingIsAnError() {
        assertThrows(IOException.class, () -> read("{\"message\":\"no\"}"));
        assertThrows(IOException.class, () -> read("[1]"));
        assertThrows(IOException.class, () -> read("[{\"Path\":\"/a\",\"Kind\":0}"));
    }

    @Test
    void millionsOfChangesAreHandedOnWithoutTheListingBeingHeld() throws IOException {
        int count = 2_000_000; // about 80 MiB of JSON, more than the daemon's heap
        byte[] entry = "{\"Path\":\"/data/some/directory/file\",\"Kind\":1},".getBytes(StandardCharsets.UTF_8);
        InputStream body = new InputStream() {
            private long at = -1;
            private final long end = (long) count * entry.length;

            @Override
            public int read() {
                if (at < 0) {
                    at++;
                    return '[';
                }
                if (at < end - 1) {
                    return entry[(int) (at++ % entry.length)];
                }
                return at++ == end - 1 ? ']' : -1; // the last entry's comma becomes the closing bracket
            }
        };
        long[] seen = new long[1];
        ChangeListing.read(body, change -> seen[0]++);
        assertEquals(count, seen[0]);
    }
}
