package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @Test
    void aBatchCutShortByACrashIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.nq");
        NamedGraph first = ProvenanceStoreContract.activity("one");
        try (Journal journal = new Journal(file)) {
            journal.append(List.of(first));
            journal.append(List.of(ProvenanceStoreContract.activity("two"), ProvenanceStoreContract.activity("three")));
        }
        Files.writeString(file, "<urn:s> <urn:p> <urn:o> <urn:sc:graph:torn> .\n", StandardOpenOption.APPEND);
        try (Journal journal = new Journal(file)) {
            List<List<NamedGraph>> batches = journal.committedBatches();
            assertEquals(2, batches.size());
            assertEquals(2, batches.get(1).size());
            assertTrue(batches.get(0).get(0).model().isIsomorphicWith(first.model()));
            journal.clear();
            assertEquals(0, journal.committedBatches().size());
        }
    }

    @Test
    void batchesAfterATornOneAreKeptAndZerosAheadAreNeverRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.nq");
        try (Journal journal = new Journal(file)) {
            journal.append(List.of(ProvenanceStoreContract.activity("before")));
            assertTrue(Files.size(file) > journal.size(), "zeros ahead of the batch");
        }
        // A crash in the middle of a batch (inside a character, even) leaves it torn over the zeros.
        byte[] torn = "<urn:s> <urn:p> \"\u00e9t\u00e9\" <urn:sc:graph:torn> .".getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long end;
            try (Journal journal = new Journal(file)) {
                end = journal.size();
            }
            channel.write(ByteBuffer.wrap(torn, 0, torn.length - 5), end);
        }
        try (Journal journal = new Journal(file)) {
            journal.append(List.of(ProvenanceStoreContract.activity("after")));
        }
        try (Journal journal = new Journal(file)) {
            List<List<NamedGraph>> batches = journal.committedBatches();
            assertEquals(List.of("urn:sc:graph:before", "urn:sc:graph:after"),
                    batches.stream().map(batch -> batch.get(0).name()).toList());
        }
    }

    @Test
    void aStoreReplaysItsJournalWhenOpened(@TempDir Path dir) throws Exception {
        try (Journal journal = new Journal(dir.resolve("sc-journal.nq"))) {
            journal.append(List.of(ProvenanceStoreContract.activity("left-by-a-crash")));
        }
        try (LocalStore store = LocalStore.onDisk(dir)) {
            assertTrue(store.ask("ASK { GRAPH <urn:sc:graph:left-by-a-crash> { ?s ?p ?o } }"));
        }
        assertEquals(0, Files.size(dir.resolve("sc-journal.nq")), "replayed, then cleared");
    }
}
