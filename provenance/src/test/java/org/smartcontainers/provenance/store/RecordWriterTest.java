package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.tdb2.TDB2Factory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordWriterTest {

    /** A real store that also counts its transactions. */
    static class CountingStore implements ProvenanceStore {
        final ProvenanceStore inner;
        final AtomicInteger commits = new AtomicInteger();

        CountingStore(ProvenanceStore inner) {
            this.inner = inner;
        }

        @Override
        public void put(Map<String, Model> graphs) {
            inner.put(graphs);
        }

        @Override
        public void commit(List<NamedGraph> graphs) {
            commits.incrementAndGet();
            inner.commit(graphs);
        }

        @Override
        public <T> T query(Query query, Duration timeout,
                Function<QueryExecution, T> action) {
            return inner.query(query, timeout, action);
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void concurrentRecordsAreGroupCommitted() throws Exception {
        CountingStore store = new CountingStore(LocalStore.inMemory());
        List<CompletableFuture<RecordWriter.Outcome>> outcomes = new ArrayList<>();
        try (RecordWriter writer = new RecordWriter(store)) {
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Thread caller = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        CompletableFuture<RecordWriter.Outcome> done =
                                writer.submit(ProvenanceStoreContract.activity(thread + "-" + i));
                        synchronized (outcomes) {
                            outcomes.add(done);
                        }
                    }
                });
                caller.start();
                callers.add(caller);
            }
            for (Thread caller : callers) {
                caller.join();
            }
            for (CompletableFuture<RecordWriter.Outcome> done : outcomes) {
                assertEquals(RecordWriter.Outcome.COMMITTED, done.get());
            }
            assertEquals(2000, writer.committed());
        }
        assertEquals(2000, store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").size());
        assertTrue(store.commits.get() < 2000, "grouped into fewer transactions: " + store.commits.get());
        store.close();
    }

    @Test
    void aBrokenLocalStoreCountsFailuresAndAnswersEveryCaller() throws Exception {
        LocalStore store = LocalStore.onDisk(Files.createTempDirectory("sc-broken"));
        store.close(); // writing to a released database fails, as a full disk would
        try (RecordWriter writer = new RecordWriter(store)) {
            assertEquals(RecordWriter.Outcome.FAILED, writer.submit(ProvenanceStoreContract.activity("lost")).get());
            assertEquals(1, writer.failed());
        }
    }

    @Test
    void aStoreFailingInAWayItDoesNotDeclareStillCountsTheRecordsAsFailedAndTheWriterGoesOn() throws Exception {
        LocalStore inner = LocalStore.inMemory();
        AtomicInteger calls = new AtomicInteger();
        CountingStore store = new CountingStore(inner) {
            @Override
            public void commit(List<NamedGraph> graphs) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("a bug, not a StoreException");
                }
                super.commit(graphs);
            }
        };
        try (RecordWriter writer = new RecordWriter(store)) {
            assertEquals(RecordWriter.Outcome.FAILED, writer.submit(ProvenanceStoreContract.activity("lost")).get());
            assertEquals(1, writer.failed());
            assertEquals(RecordWriter.Outcome.COMMITTED, writer.submit(ProvenanceStoreContract.activity("kept")).get());
            assertEquals(1, writer.committed());
            assertEquals(1, writer.failed());
        }
        inner.close();
    }

    @Test
    void aRemoteStoreThatIsDownGetsTheRecordsLaterEvenAfterARestart(@TempDir Path dir)
            throws Exception {
        Dataset dataset = TDB2Factory.createDataset();
        FusekiServer fuseki = FusekiServer.create().loopback(true).port(0).add("/sc", dataset).build().start();
        int port = fuseki.getHttpPort();
        RemoteStore remote = new RemoteStore(URI.create("http://localhost:" + port + "/sc"));
        Path queue = dir.resolve("remote-queue.nq");
        try {
            try (RecordWriter writer = new RecordWriter(remote, queue)) {
                assertEquals(RecordWriter.Outcome.COMMITTED, writer.submit(ProvenanceStoreContract.activity("up")).get());
                fuseki.stop();
                assertEquals(RecordWriter.Outcome.QUEUED, writer.submit(ProvenanceStoreContract.activity("while-down")).get());
                assertEquals(1, writer.queuedForRetry());
            } // the daemon stops while the store is still down
            try (RecordWriter restarted = new RecordWriter(remote, queue)) {
                assertEquals(1, restarted.queuedForRetry(), "the queue survived on disk");
                fuseki = FusekiServer.create().loopback(true).port(port).add("/sc", dataset).build().start();
                for (int i = 0; i < 600 && restarted.queuedForRetry() > 0; i++) {
                    Thread.sleep(50);
                }
                assertEquals(0, restarted.queuedForRetry());
                assertTrue(remote.ask("ASK { GRAPH <urn:sc:graph:while-down> { ?s ?p ?o } }"));
                assertEquals(0, restarted.failed());
            }
            try (RecordWriter again = new RecordWriter(remote, queue)) {
                assertEquals(0, again.queuedForRetry(), "nothing sent twice");
            }
        } finally {
            fuseki.stop();
        }
    }
}
