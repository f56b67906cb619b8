package org.smartcontainers.provenance.store;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecutionHTTP;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.update.UpdateRequest;

/**
 * A remote SPARQL 1.1 store (Apache Jena Fuseki is the reference) at a dataset URL that answers
 * queries and updates, so the proxies of many hosts can share one store. A commit is one update
 * request: {@code INSERT DATA} of every graph, atomic on the server.
 */
public final class RemoteStore implements ProvenanceStore {
    private final URI dataset;

    public RemoteStore(URI dataset) {
        this.dataset = dataset;
    }

    @Override
    public void commit(List<NamedGraph> graphs) {
        QuadDataAcc quads = new QuadDataAcc();
        for (NamedGraph g : graphs) {
            var name = NodeFactory.createURI(g.name());
            g.model().getGraph().find().forEach(t -> quads.addQuad(Quad.create(name, t)));
        }
        try {
            UpdateExecutionHTTP.service(dataset.toString()).update(new UpdateRequest(new UpdateDataInsert(quads)))
                    .build().execute();
        } catch (RuntimeException e) {
            throw new StoreException("cannot write to the remote store " + dataset + ": " + e.getMessage(), e);
        }
    }

    /** One update request: DROP and INSERT DATA per graph, atomic on the server. */
    @Override
    public void put(Map<String, Model> graphs) {
        UpdateRequest request = new UpdateRequest();
        graphs.forEach((name, model) -> {
            var graph = NodeFactory.createURI(name);
            request.add(new UpdateDrop(graph, true));
            if (model != null && !model.isEmpty()) {
                QuadDataAcc quads = new QuadDataAcc();
                model.getGraph().find().forEach(t -> quads.addQuad(Quad.create(graph, t)));
                request.add(new UpdateDataInsert(quads));
            }
        });
        try {
            UpdateExecutionHTTP.service(dataset.toString()).update(request).build().execute();
        } catch (RuntimeException e) {
            throw new StoreException("cannot write to the remote store " + dataset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action) {
        var builder = QueryExecutionHTTP.service(dataset.toString()).query(query);
        if (!timeout.isZero()) {
            builder.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try (QueryExecution exec = builder.build()) {
            return action.apply(exec);
        } catch (RuntimeException e) {
            if (timedOut(e)) {
                throw new QueryTimeoutException("the query ran past its timeout of " + timeout.toMillis()
                        + " ms and was cancelled", e);
            }
            throw new StoreException("query failed on the remote store " + dataset + ": " + e.getMessage(), e);
        }
    }

    /** The HTTP client gave up waiting (the remote store may run the query on to its own limit). */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof QueryCancelledException || cause instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return dataset.toString();
    }

    @Override
    public void close() {
        // each request has its own HTTP exchange: nothing held open
    }
}
