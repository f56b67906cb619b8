package org.smartcontainers.provenance.store;

import java.util.List;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.rdf.model.Model;

/**
 * Where provenance lives: each recorded activity is a named graph. Implementations: a TDB2 dataset
 * on disk or in memory ({@link LocalStore}) and a remote SPARQL 1.1 store ({@link RemoteStore}),
 * chosen by one setting ({@link Stores#open}). Every access is one transaction (or one request).
 */
public interface ProvenanceStore extends AutoCloseable {

    /** Stores every graph under its name, durably, all or none. */
    void commit(List<NamedGraph> graphs);

    /** A SELECT over the store, its results copied out so they outlive the transaction. */
    ResultSetRewindable select(String sparql);

    boolean ask(String sparql);

    Model construct(String sparql);

    /** What this store is, for logs: a directory, {@code mem:} or a URL. */
    String describe();

    @Override
    void close();
}
