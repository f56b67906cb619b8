package org.smartcontainers.provenance.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.io.FileUtils;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.store.regex.RegexTimeLimit;

/**
 * A TDB2 dataset in this process: on disk (the default store) or throwaway ({@code mem:}, for
 * tests). The default graph is the union of the named graphs, so queries see everything.
 *
 * <p>On disk, a commit is durable once it is in the {@link Journal} (one fsync); a background
 * thread applies journalled batches to TDB2 in larger transactions (a TDB2 commit costs several
 * fsyncs), and every read first waits for it to catch up, so what was committed is always found.
 * Opening the store replays a journal left by a crash.
 */
public final class LocalStore implements ProvenanceStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    private static final long READ_WAIT_MILLIS = 10_000;
    private static final long JOURNAL_CLEAR_BYTES = 16L << 20;
    /**
     * How long the applier lets records gather before a TDB2 transaction (a reader does not wait for it: it wakes
     * the applier). Half a transaction's CPU is its commit, whatever its size: with builds a few hundred
     * milliseconds apart, 1 s took a cached rebuild's share of the applier from 5.4 to 2.2 ms.
     */
    private static final long APPLY_DELAY_MILLIS = 1000;
    private static final int APPLY_BATCH = 1000;

    private final Dataset dataset;
    private final String description;
    private final Journal journal;
    private final Object lock = new Object();
    private final ArrayDeque<List<NamedGraph>> unapplied = new ArrayDeque<>();
    private final List<Consumer<List<NamedGraph>>> watchers = new CopyOnWriteArrayList<>();
    private long journalled;
    private long applied;
    private boolean closing;
    private int readersWaiting;
    /** The last attempt to apply the journal failed: readers do not wait for the next. */
    private boolean failing;
    private Thread applier;
    private Path temporary;

    private LocalStore(Dataset dataset, String description, Journal journal) {
        this.dataset = dataset;
        this.description = description;
        this.journal = journal;
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
    }

    public static LocalStore onDisk(Path directory) {
        return onDisk(directory, directory.toString());
    }

    private static LocalStore onDisk(Path directory, String description) {
        Journal journal = new Journal(directory.resolve("sc-journal.nq"));
        LocalStore store = new LocalStore(TDB2Factory.connectDataset(directory.toString()), description, journal);
        store.replayJournal();
        store.applier = new Thread(store::applyJournalled, "sc-store-applier");
        store.applier.setDaemon(true);
        store.applier.start();
        return store;
    }

    /**
     * {@code mem:}: a throwaway store that nothing outlives. It is TDB2 in a temporary directory,
     * deleted on close, not TDB2's in-memory mode: that keeps every copy-on-write block of every
     * commit on the heap (a few hundred records filled 128 MiB).
     */
    public static LocalStore inMemory() {
        Path directory;
        try {
            directory = Files.createTempDirectory("sc-mem-store");
        } catch (IOException e) {
            throw new StoreException("cannot create a temporary store: " + e.getMessage(), e);
        }
        LocalStore store = onDisk(directory, "mem:");
        store.temporary = directory;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(directory.toFile()), "sc-mem-store-cleanup"));
        return store;
    }

    @Override
    public void commit(List<NamedGraph> graphs) {
        synchronized (lock) {
            try {
                journal.append(graphs);
            } catch (IOException | RuntimeException e) {
                throw new StoreException("cannot write to the store " + description + ": " + e, e);
            }
            unapplied.add(graphs);
            journalled++;
            if (unapplied.size() == 1 || unapplied.size() >= APPLY_BATCH) {
                lock.notifyAll(); // the applier waits for a first batch or a full one; waking it for others costs a core's time
            }
            // Under the lock, so watchers see writes in the order they were journalled.
            watchers.forEach(watcher -> watcher.accept(graphs));
        }
    }

    @Override
    public Runnable watch(Consumer<List<NamedGraph>> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    /** Straight into TDB2 (its own commit is durable), after the journal, so it cannot be overtaken by older records. */
    @Override
    public void put(Map<String, Model> graphs) {
        awaitApplied();
        try {
            Txn.executeWrite(dataset, () -> graphs.forEach((name, model) -> {
                dataset.removeNamedModel(name);
                if (model != null && !model.isEmpty()) {
                    dataset.addNamedModel(name, model);
                }
            }));
        } catch (RuntimeException e) {
            throw new StoreException("cannot write to the store " + description + ": " + e.getMessage(), e);
        }
        List<NamedGraph> written = new ArrayList<>();
        graphs.forEach((name, model) -> written.add(new NamedGraph(name, model == null || model.isEmpty() ? null : model)));
        synchronized (lock) {
            watchers.forEach(watcher -> watcher.accept(written));
        }
    }

    private void apply(List<NamedGraph> graphs) {
        try {
            Txn.executeWrite(dataset, () -> graphs.forEach(g -> {
                if (!dataset.containsNamedModel(g.name())) { // a replayed batch may be in already
                    dataset.addNamedModel(g.name(), g.model());
                }
            }));
        } catch (RuntimeException e) {
            throw new StoreException("cannot write to the store " + description + ": " + e.getMessage(), e);
        }
    }

    /** The applier: takes every journalled batch waiting, applies them in one transaction. */
    private void applyJournalled() {
        long pause = 100;
        while (true) {
            List<List<NamedGraph>> batches;
            synchronized (lock) {
                while (unapplied.isEmpty() && !closing) {
                    waitOn(lock, 0);
                }
                if (unapplied.isEmpty()) {
                    return;
                }
                // Let a burst gather (its TDB2 fsyncs would queue behind the journal's), unless
                // someone is reading, the store is closing, or enough is waiting.
                long until = System.currentTimeMillis() + APPLY_DELAY_MILLIS;
                while (readersWaiting == 0 && !closing && unapplied.size() < APPLY_BATCH
                        && System.currentTimeMillis() < until) {
                    waitOn(lock, Math.max(1, until - System.currentTimeMillis()));
                }
                batches = new ArrayList<>(unapplied);
            }
            try {
                apply(batches.stream().flatMap(List::stream).toList());
                pause = 100;
            } catch (RuntimeException | InternalError e) { // StoreException among them
                // InternalError: TDB2's mapped files fault when the disk is full. The thread must outlive it.
                LOG.error("store {}: cannot apply {} journalled batch(es): {}; they stay in the journal and are tried again"
                        + " (a restart replays them)", description, batches.size(), e.getMessage());
                synchronized (lock) {
                    failing = true;
                    lock.notifyAll(); // readers waiting for the batches read without them
                    waitOn(lock, pause);
                }
                pause = Math.min(pause * 2, 30_000);
                continue;
            }
            synchronized (lock) {
                failing = false;
                for (int i = 0; i < batches.size(); i++) {
                    unapplied.poll();
                }
                applied += batches.size();
                if (unapplied.isEmpty() && journalBytes() > JOURNAL_CLEAR_BYTES) {
                    clearJournal(); // not after every batch: its fsync would slow the commits queued behind it
                }
                lock.notifyAll();
            }
        }
    }

    private void replayJournal() {
        try {
            List<List<NamedGraph>> batches = journal.committedBatches();
            if (!batches.isEmpty()) {
                batches.forEach(this::apply);
                LOG.info("store {}: {} journalled batch(es) from an earlier run replayed", description, batches.size());
            }
            journal.clear();
        } catch (IOException e) {
            throw new StoreException("cannot replay the journal of " + description + ": " + e.getMessage(), e);
        }
    }

    private long journalBytes() {
        return journal.size();
    }

    private void clearJournal() {
        try {
            journal.clear();
        } catch (IOException e) {
            LOG.warn("cannot truncate the journal of {}: {}", description, e.toString());
        }
    }

    /** Reads see every commit made before them. */
    private void awaitApplied() {
        synchronized (lock) {
            long target = journalled;
            long deadline = System.currentTimeMillis() + READ_WAIT_MILLIS;
            readersWaiting++;
            lock.notifyAll();
            while (applied < target && !failing && System.currentTimeMillis() < deadline) {
                waitOn(lock, Math.max(1, deadline - System.currentTimeMillis()));
            }
            readersWaiting--;
            if (applied < target) {
                LOG.warn("store {}: reading before {} journalled batch(es) could be applied", description, target - applied);
            }
        }
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action) {
        awaitApplied();
        try {
            return Txn.calculateRead(dataset, () -> {
                // Users' queries reach the store: it never queries elsewhere on their behalf.
                var builder = QueryExecution.dataset(dataset).query(query).set(ARQ.httpServiceAllowed, false);
                if (query.hasDatasetDescription()) {
                    // FROM / FROM NAMED (or the protocol's graph parameters) name the graphs: no union.
                    builder.set(TDB2.symUnionDefaultGraph, false);
                }
                if (!timeout.isZero()) {
                    builder.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    RegexTimeLimit.applyTo(builder, timeout); // Jena's timeout does not reach into a regex
                }
                try (QueryExecution exec = builder.build()) {
                    return action.apply(exec);
                }
            });
        } catch (QueryCancelledException e) {
            throw new QueryTimeoutException("the query ran past its timeout of " + timeout.toMillis() + " ms and was cancelled", e);
        } catch (RuntimeException e) {
            throw new StoreException("query failed on " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** Applies what is journalled, then releases the database, so a later {@link #onDisk} reads it from disk. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            applier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (unapplied.isEmpty()) {
            clearJournal();
        }
        journal.close();
        dataset.close();
        TDBInternal.expel(dataset.asDatasetGraph());
        if (temporary != null) {
            FileUtils.deleteQuietly(temporary.toFile());
        }
    }

    private static void waitOn(Object monitor, long millis) {
        try {
            monitor.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
