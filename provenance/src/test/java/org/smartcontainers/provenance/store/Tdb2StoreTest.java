package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
