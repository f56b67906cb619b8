package org.smartcontainers.tests.support;

import java.net.URI;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.smartcontainers.provenance.store.RemoteStore;

/**
 * A real Fuseki on loopback over an in-memory TDB2 dataset whose default graph is the union of
 * its named graphs: the store a daemon under test records into (by {@link #url}) while the test
 * queries it ({@link #store}).
 */
public final class FusekiStore implements AutoCloseable {
    private final FusekiServer fuseki;
    private final String url;
    private final RemoteStore store;

    private FusekiStore(FusekiServer fuseki) {
        this.fuseki = fuseki;
        this.url = "http://localhost:" + fuseki.getHttpPort() + "/sc";
        this.store = new RemoteStore(URI.create(url));
    }

    public static FusekiStore start() {
        Dataset dataset = TDB2Factory.createDataset();
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new FusekiStore(FusekiServer.create().loopback(true).port(0).add("/sc", dataset).build().start());
    }

    /** For {@code sc daemon --store}. */
    public String url() {
        return url;
    }

    public RemoteStore store() {
        return store;
    }

    @Override
    public void close() {
        fuseki.stop();
    }
}
