package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Tdb2StoreTest extends ProvenanceStoreContract {
    private Path directory;

    @Override
    protected ProvenanceStore newStore() throws Exception {
        directory = Files.createTempDirectory("sc-tdb2");
        return LocalStore.onDisk(directory);
    }

    @Test
    void recordsSurviveReopening() {
        store.commit(List.of(activity("durable")));
        store.close();
        store = LocalStore.onDisk(directory);
        assertTrue(store.ask("ASK { GRAPH <urn:sc:graph:durable> { ?s ?p ?o } }"));
    }

    @Test
    void aWatcherIsToldEachWriteUntilItStops() {
        List<String> told = new ArrayList<>();
        Runnable stop = store.watch(graphs -> graphs.forEach(graph -> told.add(graph.name())));
        assertNotNull(stop, "a local store tells its writes");
        store.commit(List.of(activity("seen")));
        stop.run();
        store.commit(List.of(activity("unseen")));
        assertEquals(List.of(activity("seen").name()), told);
    }
}
