package org.smartcontainers.provenance.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do; run against each implementation by a subclass. */
abstract class ProvenanceStoreContract {
    static final String PROV = "http://www.w3.org/ns/prov#";
    protected ProvenanceStore store;

    /** A fresh, empty store. */
    protected abstract ProvenanceStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static NamedGraph activity(String id) {
        Model model = ModelFactory.createDefaultModel();
        Resource activity = model.createResource("urn:sc:activity:" + id);
        activity.addProperty(RDF.type, model.createResource(PROV + "Activity"));
        activity.addProperty(model.createProperty(PROV, "wasAssociatedWith"), model.createResource("urn:sc:agent:test"));
        return new NamedGraph("urn:sc:graph:" + id, model);
    }

    @Test
    void eachGraphIsStoredUnderItsName() {
        String id = UUID.randomUUID().toString();
        store.commit(List.of(activity(id)));
        assertTrue(store.ask("ASK { GRAPH <urn:sc:graph:" + id + "> { <urn:sc:activity:" + id
                + "> a <" + PROV + "Activity> } }"));
    }

    @Test
    void putReplacesAndDeletesGraphsAllAtOnce() {
        store.commit(List.of(activity("kept")));
        store.put(Map.of("urn:sc:graph:m1", activity("m1").model(), "urn:sc:graph:m2", activity("m2").model()));
        store.put(Map.of("urn:sc:graph:m1", activity("m1b").model()));
        assertTrue(store.ask("ASK { GRAPH <urn:sc:graph:m1> { <urn:sc:activity:m1b> ?p ?o } }"));
        assertFalse(store.ask("ASK { GRAPH <urn:sc:graph:m1> { <urn:sc:activity:m1> ?p ?o } }"), "replaced, not merged");
        Map<String, Model> delete = new HashMap<>();
        delete.put("urn:sc:graph:m2", null);
        store.put(delete);
        assertFalse(store.ask("ASK { GRAPH <urn:sc:graph:m2> { ?s ?p ?o } }"));
        assertTrue(store.ask("ASK { GRAPH <urn:sc:graph:kept> { ?s ?p ?o } }"), "other graphs untouched");
    }

    /** The default graph is the union of all graphs, unless the query names its dataset. */
    @Test
    void fromNamesTheDefaultGraph() {
        store.commit(List.of(activity("f1"), activity("f2")));
        String count = "SELECT (COUNT(DISTINCT ?a) AS ?n) %s WHERE { ?a a <" + PROV + "Activity> }";
        assertEquals(2, store.select(String.format(count, "")).next().getLiteral("n").getInt());
        assertEquals(1, store.select(String.format(count, "FROM <urn:sc:graph:f1>")).next().getLiteral("n").getInt());
        assertEquals(0, store.select(String.format(count, "FROM NAMED <urn:sc:graph:f1>")).next().getLiteral("n").getInt(),
                "only named graphs given: the default graph is empty");
    }

    /** A user's query that runs away is cancelled; the store answers the next one. */
    @Test
    void aQueryPastItsTimeoutIsCancelled() {
        List<NamedGraph> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(activity("t" + i));
        }
        store.commit(batch);
        // 200^4 = 1.6e9 rows: far longer than the timeout, however fast the machine.
        var runaway = QueryFactory.create(
                "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?b a ?t . ?c a ?t . ?d a ?t }");
        assertThrows(QueryTimeoutException.class, () -> store.query(runaway, Duration.ofMillis(200),
                exec -> ResultSetFactory.copyResults(exec.execSelect())));
        assertTrue(store.ask("ASK { <urn:sc:activity:t1> ?p ?o }"), "the store still answers");
    }

    @Test
    void aBatchIsStoredWhole() {
        List<NamedGraph> batch = List.of(activity("a"), activity("b"), activity("c"));
        store.commit(batch);
        ResultSetRewindable graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g");
        assertEquals(3, graphs.size());
        assertEquals("urn:sc:graph:a", graphs.next().getResource("g").getURI());
    }

    @Test
    void theDefaultGraphIsTheUnionOfTheRecords() {
        store.commit(List.of(activity("x")));
        store.commit(List.of(activity("y")));
        ResultSetRewindable activities = store.select("SELECT ?a WHERE { ?a a <" + PROV + "Activity> }");
        assertEquals(2, activities.size());
    }

    @Test
    void constructGivesAModel() {
        store.commit(List.of(activity("m")));
        Model agents = store.construct("CONSTRUCT { ?a <" + PROV + "wasAssociatedWith> ?who } WHERE { ?a <"
                + PROV + "wasAssociatedWith> ?who }");
        assertEquals(1, agents.size());
    }

    @Test
    void aBrokenQueryIsAStoreErrorWithTheReason() {
        StoreException e = assertThrows(StoreException.class, () -> store.select("SELECT WHERE {"));
        assertFalse(e.getMessage().isBlank());
    }
}
