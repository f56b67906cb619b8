package org.smartcontainers.provenance.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSetFactory;
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

    /**
     * Replaces each named graph with its model, or deletes it where the model is null, all or none,
     * durably. For what users may edit (metadata they attach), never for records, which are only added.
     */
    void put(Map<String, Model> graphs);

    /**
     * Runs a query in one read transaction (or request); {@code action} must not keep the execution.
     * A query still running after {@code timeout} is cancelled with {@link QueryTimeoutException}.
     */
    <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action);

    /** A query of our own (not a user's), given as text, with no timeout. */
    default <T> T query(String sparql, Function<QueryExecution, T> action) {
        Query query;
        try {
            query = QueryFactory.create(sparql);
        } catch (QueryParseException e) {
            throw new StoreException("bad query: " + e.getMessage(), e);
        }
        return query(query, NO_TIMEOUT, action);
    }

    /** Our own queries are small and must finish, so they get no timeout. */
    Duration NO_TIMEOUT = Duration.ZERO;

    /** A SELECT over the store, its results copied out so they outlive the transaction. */
    default ResultSetRewindable select(String sparql) {
        return query(sparql, exec -> ResultSetFactory.copyResults(exec.execSelect()));
    }

    default boolean ask(String sparql) {
        return query(sparql, QueryExecution::execAsk);
    }

    default Model construct(String sparql) {
        return query(sparql, QueryExecution::execConstruct);
    }

    /**
     * Tells {@code listener} the graphs of every later write, in order, as it is made ({@link #commit}; a
     * {@link #put}'s with a null model where it deleted one), so a reader can keep what it derived from the store
     * up to date. Returns what stops it (a reader that goes away, such as a closed HTTP server, must not stay
     * listening); null where this store cannot tell (a remote store other hosts write to): ask it each time.
     * The listener runs on the writer's thread: it must be quick and must not read the store.
     */
    default Runnable watch(Consumer<List<NamedGraph>> listener) {
        return null;
    }

    /** What this store is, for logs: a directory, {@code mem:} or a URL. */
    String describe();

    @Override
    void close();
}
