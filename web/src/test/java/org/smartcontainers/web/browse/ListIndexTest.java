package org.smartcontainers.web.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.resources.Kind;

/**
 * The kept order is the store's: after every few writes, each page the index serves is the page {@link ListOrder}
 * asks of the store, for builds, pulls, creates and runs whose members come back with earlier times, ties and
 * unknown times, with a window small enough that members move in and out of it.
 */
class ListIndexTest {
    private static final List<Kind> KINDS = List.of(Kind.IMAGES, Kind.CONTAINERS, Kind.ACTIVITIES);
    private static final int WINDOW = 25;
    private static final int PAGE = 10;

    private final LocalStore store = LocalStore.inMemory();
    private final Random random = new Random(7);
    private final List<String> images = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void servesTheStoresOrderAsWritesArrive() {
        writeRandomRecords(60);
        Map<Kind, ListIndex> indexes = new HashMap<>();
        KINDS.forEach(kind -> indexes.put(kind, ListIndex.watching(store, kind, WINDOW)));
        int served = 0;
        int checks = 0;
        for (int batch = 0; batch < 25; batch++, checks += KINDS.size()) {
            for (Kind kind : KINDS) {
                served += assertSameAsStore(kind, indexes.get(kind));
            }
            writeRandomRecords(1 + random.nextInt(8));
        }
        int rebuilds = KINDS.stream().mapToInt(kind -> indexes.get(kind).rebuilds()).sum();
        // The window is never left with less than half of it: every first page came from the index.
        assertTrue(served >= checks, "pages served from the index: " + served + " in " + checks + " checks");
        // One build each at first; the rest were kept up to date from the writes (a window emptied by moves may rebuild).
        assertTrue(rebuilds < 3 + 10, "rebuilds: " + rebuilds);
    }

    @Test
    void readsEverythingAgainWhenARecordIsDeleted() {
        writeRandomRecords(30);
        ListIndex index = ListIndex.watching(store, Kind.CONTAINERS, WINDOW);
        assertSameAsStore(Kind.CONTAINERS, index);
        String container = containers.get(0);
        List<String> graphs = new ArrayList<>();
        store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { <" + container + "> a ?type } }")
                .forEachRemaining(row -> graphs.add(row.getResource("g").getURI()));
        Map<String, Model> deletions = new HashMap<>();
        graphs.forEach(g -> deletions.put(g, null));
        store.put(deletions);

        assertSameAsStore(Kind.CONTAINERS, index);
        assertEquals(2, index.rebuilds());
    }

    @Test
    void aStoreThatCannotTellItsWritesGetsNoIndex() {
        ProvenanceStore remoteLike = new ForwardingStore(store);
        assertNull(ListIndex.watching(remoteLike, Kind.IMAGES, WINDOW));
        assertNotNull(ListIndex.watching(store, Kind.IMAGES, WINDOW));
        assertNull(ListIndex.watching(store, Kind.AGENTS, WINDOW), "agents are listed by IRI, from the store");
    }

    /** Every page of the kind: the index's (where it keeps it) is the store's. Returns how many the index served. */
    private int assertSameAsStore(Kind kind, ListIndex index) {
        ListOrder order = new ListOrder(store, kind);
        long total = order.count(ActivityFilter.NONE);
        int served = 0;
        for (long offset = 0; offset < total + PAGE; offset += PAGE) {
            ListIndex.Page page = index.page(offset, PAGE);
            assertEquals(total, page.total(), kind + " total");
            if (page.members() != null) {
                assertEquals(order.page(ActivityFilter.NONE, offset, PAGE), page.members(), kind + " page at " + offset);
                served++;
            } else {
                assertTrue(offset + PAGE > WINDOW, kind + ": a page within the window was not served at " + offset);
            }
        }
        return served;
    }

    private void writeRandomRecords(int count) {
        List<NamedGraph> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(switch (random.nextInt(4)) {
                case 0 -> making(images, Vocab.Docker.Image, Vocab.Docker.Build, Vocab.Prov.wasGeneratedBy, false);
                case 1 -> making(images, Vocab.Docker.Image, Vocab.Docker.ImagePull, Vocab.Prov.used, true);
                case 2 -> making(containers, Vocab.Docker.Container, Vocab.Docker.Create, Vocab.Prov.wasGeneratedBy, false);
                default -> run();
            });
            if (random.nextInt(3) == 0) {
                store.commit(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            store.commit(batch);
        }
    }

    /** An activity that makes (or, for a pull, uses) a member: a new one, or one already known (a time that may be earlier). */
    private NamedGraph making(List<String> known, Resource memberType, Resource activityType, Property link, boolean activityToMember) {
        String activity = Vocab.activityIri(UUID.randomUUID().toString());
        Model model = ModelFactory.createDefaultModel();
        Resource made = model.createResource(activity).addProperty(RDF.type, Vocab.Prov.Activity).addProperty(RDF.type, activityType);
        if (random.nextInt(6) > 0) {
            made.addProperty(Vocab.Prov.startedAtTime, time(model));
        }
        String member = !known.isEmpty() && random.nextInt(10) < 3 ? known.get(random.nextInt(known.size()))
                : memberType.equals(Vocab.Docker.Image) ? Vocab.imageIri(hex()) : Vocab.containerIri(hex());
        if (!known.contains(member)) {
            known.add(member);
        }
        Resource entity = model.createResource(member).addProperty(RDF.type, memberType);
        if (activityToMember) {
            made.addProperty(link, entity);
        } else {
            entity.addProperty(link, made);
        }
        return new NamedGraph(activity, model);
    }

    /** A run seen only ending. */
    private NamedGraph run() {
        String activity = Vocab.activityIri(UUID.randomUUID().toString());
        Model model = ModelFactory.createDefaultModel();
        model.createResource(activity).addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(Vocab.Prov.endedAtTime, time(model));
        return new NamedGraph(activity, model);
    }

    /** Few distinct seconds (ties), some with fractions. */
    private Literal time(Model model) {
        Instant at = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(random.nextInt(40));
        String lexical = random.nextBoolean() ? at.toString() : at.plusMillis(random.nextInt(3) * 250L).toString();
        return model.createTypedLiteral(lexical, XSDDatatype.XSDdateTime);
    }

    private String hex() {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            hex.append(String.format("%016x", random.nextLong()));
        }
        return hex.toString();
    }

    /** A store that answers as the local one but, like a remote one, cannot tell its writes. */
    private record ForwardingStore(ProvenanceStore store) implements ProvenanceStore {
        @Override
        public void commit(List<NamedGraph> graphs) {
            store.commit(graphs);
        }

        @Override
        public void put(Map<String, Model> graphs) {
            store.put(graphs);
        }

        @Override
        public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action) {
            return store.query(query, timeout, action);
        }

        @Override
        public String describe() {
            return store.describe();
        }

        @Override
        public void close() {
        }
    }
}
