package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against a real Fuseki, started here on a loopback port with a TDB2 dataset. */
class RemoteStoreTest extends ProvenanceStoreContract {
    private FusekiServer fuseki;

    @Override
    protected ProvenanceStore newStore() {
        Dataset dataset = TDB2Factory.createDataset();
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        fuseki = FusekiServer.create().loopback(true).port(0).add("/sc", dataset).build().start();
        return new RemoteStore(URI.create("http://localhost:" + fuseki.getHttpPort() + "/sc"));
    }

    @AfterEach
    void stopFuseki() {
        fuseki.stop();
    }

    @Test
    void aStoreThatIsDownIsAStoreError() {
        store.commit(List.of(activity("before")));
        fuseki.stop();
        StoreException e = assertThrows(StoreException.class, () -> store.commit(List.of(activity("after"))));
        assertTrue(e.getMessage().startsWith("cannot write to the remote store http://localhost:"), e.getMessage());
    }

    @Test
    void itCannotTellItsWritesForOtherHostsWriteToIt() {
        assertNull(store.watch(graphs -> { }), "readers ask a remote store each time");
    }
}
