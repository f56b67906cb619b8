package org.smartcontainers.web.browse;

import io.netty.util.collection.LongObjectHashMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.SparqlText;
import org.smartcontainers.web.resources.Kind;

/**
 * The unfiltered order of one kind's members ({@link ListOrder}'s), kept between requests, so a list page
 * costs its own members' summaries rather than a pass over every member: built by one query, then brought up
 * to date from what each later write stored. A write's graphs name the members whose time it may change (a
 * build's graph names the image it generated, a pull's the image it used): those alone are read again.
 *
 * <p>It holds every member's IRI as a 64-bit hash (the count) and the first {@link #WINDOW} members in order.
 * A page beyond those, a filtered list and a store that cannot tell its writes (a remote one other hosts
 * write to) are asked of the store each time. Records are only added, so a member's time only moves earlier
 * and no member leaves; a write that deletes a recorded graph makes the index read everything again.
 */
final class ListIndex {
    static final int WINDOW = 5000;
    /** Beyond this many IRIs named by unread writes, reading everything again is cheaper (and holds less). */
    private static final int MAX_PENDING = 20_000;
    private static final int CHUNK = 500;
    private static final String METADATA = "/metadata/";
    private static final Object PRESENT = Boolean.TRUE;

    /** Newest first, unknown times last, ties by IRI: as {@code ORDER BY DESC(?when) ?member}. */
    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::when, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Entry::iri);

    private record Entry(String iri, Instant when) {
    }

    /** A page of the order, and how many members there are in all. */
    record Page(List<String> members, long total) {
    }

    private final ProvenanceStore store;
    private final ListOrder order;
    private final int window;
    /** Stops the store telling this index its writes. */
    private Runnable unwatch;
    private int rebuilds;

    /** The IRIs writes named since the last read, null when everything must be read again. */
    private final Object pendingLock = new Object();
    private Set<String> pending;

    /** Guarded by this. */
    private final LongObjectHashMap<Object> members = new LongObjectHashMap<>();
    private final TreeSet<Entry> first = new TreeSet<>(ORDER);
    private final Map<String, Entry> firstByIri = new HashMap<>();

    private ListIndex(ProvenanceStore store, Kind kind, int window) {
        this.store = store;
        this.order = new ListOrder(store, kind);
        this.window = window;
    }

    /** An index of {@code kind}'s members kept up to date from {@code store}'s writes, or null where it cannot be. */
    static ListIndex watching(ProvenanceStore store, Kind kind) {
        return watching(store, kind, WINDOW);
    }

    static ListIndex watching(ProvenanceStore store, Kind kind, int window) {
        if (kind == Kind.AGENTS) {
            return null; // listed by IRI, and few
        }
        ListIndex index = new ListIndex(store, kind, window);
        index.unwatch = store.watch(index::written);
        return index.unwatch != null ? index : null;
    }

    /** No longer kept up to date: its server is closed. */
    void close() {
        unwatch.run();
    }

    /** How many times it read everything (for tests: the rest came from writes). */
    synchronized int rebuilds() {
        return rebuilds;
    }

    /** On the writer's thread: notes the IRIs the write names (quick; the store is read at the next page). */
    private void written(List<NamedGraph> graphs) {
        synchronized (pendingLock) {
            if (pending == null) {
                return;
            }
            for (NamedGraph graph : graphs) {
                if (graph.name().contains(METADATA)) {
                    continue; // what users attach neither makes members nor times them
                }
                if (graph.model() == null) {
                    pending = null; // a record deleted: members may have gone
                    return;
                }
                graph.model().getGraph().find().forEach(this::collect);
            }
            if (pending.size() > MAX_PENDING) {
                pending = null;
            }
        }
    }

    private void collect(Triple triple) {
        if (triple.getSubject().isURI()) {
            pending.add(triple.getSubject().getURI());
        }
        Node object = triple.getObject();
        if (object.isURI() && !triple.getPredicate().equals(RDF.type.asNode())) {
            pending.add(object.getURI());
        }
    }

    /** The members from {@code offset}, in order, or null when they lie beyond those kept. */
    synchronized Page page(long offset, int size) {
        catchUp();
        long total = members.size();
        if (offset + size > first.size() && first.size() < total) {
            return new Page(null, total);
        }
        List<String> page = new ArrayList<>(size);
        Iterator<Entry> entries = first.iterator();
        for (long skipped = 0; skipped < offset && entries.hasNext(); skipped++) {
            entries.next();
        }
        while (page.size() < size && entries.hasNext()) {
            page.add(entries.next().iri());
        }
        return new Page(page, total);
    }

    private void catchUp() {
        Set<String> named;
        synchronized (pendingLock) {
            named = pending;
            pending = new HashSet<>(); // writes from here on are read again later: reading a member twice is harmless
        }
        if (named == null) {
            rebuild();
            return;
        }
        update(named);
        if (first.size() < Math.min(window / 2, members.size())) {
            rebuild(); // many kept members moved out of the window: find its new end
        }
    }

    private void rebuild() {
        rebuilds++;
        members.clear();
        first.clear();
        firstByIri.clear();
        store.query(order.timesQuery("") + " ORDER BY DESC(?when) ?member", exec -> {
            exec.execSelect().forEachRemaining(row -> {
                Entry entry = entry(row);
                members.put(hash(entry.iri()), PRESENT);
                if (first.size() < window) {
                    first.add(entry);
                    firstByIri.put(entry.iri(), entry);
                }
            });
            return null;
        });
    }

    /** Reads again the members among the IRIs writes named. */
    private void update(Set<String> named) {
        List<String> iris = new ArrayList<>(named);
        for (int from = 0; from < iris.size(); from += CHUNK) {
            StringBuilder values = new StringBuilder("VALUES ?member {");
            iris.subList(from, Math.min(iris.size(), from + CHUNK))
                    .forEach(iri -> values.append(' ').append(SparqlText.iri(iri)));
            store.select(order.timesQuery(values + " } ")).forEachRemaining(row -> place(entry(row)));
        }
    }

    /** Puts a member read again where it now belongs among those kept, if it belongs there. */
    private void place(Entry entry) {
        boolean everyMemberKept = first.size() == members.size(); // before this one is counted
        members.put(hash(entry.iri()), PRESENT);
        Entry before = firstByIri.remove(entry.iri());
        if (before != null) {
            first.remove(before);
        }
        // Beyond the last kept, only a list that keeps every member knows where it goes.
        if (everyMemberKept || (!first.isEmpty() && ORDER.compare(entry, first.last()) < 0)) {
            first.add(entry);
            firstByIri.put(entry.iri(), entry);
            if (first.size() > window) {
                firstByIri.remove(first.pollLast().iri());
            }
        }
    }

    private static Entry entry(QuerySolution row) {
        String iri = row.getResource("member").getURI();
        if (!row.contains("when") || !row.get("when").isLiteral()) {
            return new Entry(iri, null);
        }
        try {
            return new Entry(iri, Instant.parse(row.getLiteral("when").getLexicalForm()));
        } catch (DateTimeParseException e) {
            return new Entry(iri, null); // not a time the records write
        }
    }

    /** FNV-1a over the IRI's UTF-8: 64 bits keep collisions unlikely for millions of members. */
    private static long hash(String iri) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : iri.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
