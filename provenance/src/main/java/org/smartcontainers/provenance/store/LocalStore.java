package org.smartcontainers.provenance.store;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A TDB2 dataset in this process: on disk (the default store) or in memory ({@code mem:}, for
 * tests). The default graph is the union of the named graphs, so queries see everything.
 */
public final class LocalStore implements ProvenanceStore {
    private final Dataset dataset;
    private final String description;

    private LocalStore(Dataset dataset, String description) {
        this.dataset = dataset;
        this.description = description;
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
    }

    public static LocalStore onDisk(Path directory) {
        return new LocalStore(TDB2Factory.connectDataset(directory.toString()), directory.toString());
    }

    public static LocalStore inMemory() {
        return new LocalStore(TDB2Factory.createDataset(), "mem:");
    }

    @Override
    public void commit(List<NamedGraph> graphs) {
        try {
            Txn.executeWrite(dataset, () -> graphs.forEach(g -> dataset.addNamedModel(g.name(), g.model())));
        } catch (RuntimeException e) {
            throw new StoreException("cannot write to the store " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ResultSetRewindable select(String sparql) {
        return read(sparql, exec -> ResultSetFactory.copyResults(exec.execSelect()));
    }

    @Override
    public boolean ask(String sparql) {
        return read(sparql, QueryExecution::execAsk);
    }

    @Override
    public Model construct(String sparql) {
        return read(sparql, QueryExecution::execConstruct);
    }

    private <T> T read(String sparql, java.util.function.Function<QueryExecution, T> action) {
        try {
            return Txn.calculateRead(dataset, () -> {
                try (QueryExecution exec = QueryExecution.dataset(dataset).query(sparql).build()) {
                    return action.apply(exec);
                }
            });
        } catch (RuntimeException e) {
            throw new StoreException("query failed on " + description + ": " + e.getMessage(), e);
        }
    }

    /** Compacts a TDB2 database on disk (it grows with every transaction). */
    public void compact() {
        DatabaseMgr.compact(dataset.asDatasetGraph(), true);
    }

    @Override
    public String describe() {
        return description;
    }

    /** Releases the database: a later {@link #onDisk} of the same directory reads it from disk again. */
    @Override
    public void close() {
        dataset.close();
        TDBInternal.expel(dataset.asDatasetGraph());
    }
}
