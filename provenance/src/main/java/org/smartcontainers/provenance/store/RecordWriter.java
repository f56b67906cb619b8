package org.smartcontainers.provenance.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer (TDB2 has one): a thread that takes whatever records are waiting and
 * commits them together (group commit), so many Docker calls cost one durable transaction. Store
 * access never happens on a caller's thread, and never on a Netty event loop.
 *
 * <p>A failed commit never fails the Docker call: the future completes with {@link Outcome#FAILED}
 * (logged, counted), or, given a retry journal (the remote store), {@link Outcome#QUEUED}: the
 * records go to that journal on local disk and are tried again with a growing pause until the store
 * takes them, across restarts of the daemon too.
 */
public final class RecordWriter implements AutoCloseable {
    public enum Outcome { COMMITTED, QUEUED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    private static final int MAX_BATCH = 1000;
    private static final long MAX_RETRY_PAUSE_MILLIS = 30_000;

    private record Pending(NamedGraph graph, CompletableFuture<Outcome> done) {
    }

    private final ProvenanceStore store;
    private final boolean retryFailures;
    /** The retry queue on disk, or null (local stores fail fast: their failure is the disk's). */
    private final Journal retryJournal;
    private final BlockingQueue<Pending> incoming = new LinkedBlockingQueue<>();
    private final ArrayDeque<NamedGraph> retry = new ArrayDeque<>();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    private long retryPauseMillis = 100;
    private long nextRetryAt;

    /** A writer that counts failures and does not retry (local stores). */
    public RecordWriter(ProvenanceStore store) {
        this(store, null);
    }

    /** A writer that queues refused records in {@code retryQueue} (a file) and retries them. */
    public RecordWriter(ProvenanceStore store, Path retryQueue) {
        this.store = store;
        this.retryFailures = retryQueue != null;
        this.retryJournal = retryQueue == null ? null : new Journal(retryQueue);
        if (retryJournal != null) {
            try {
                retryJournal.committedBatches().forEach(retry::addAll);
            } catch (IOException e) {
                throw new StoreException("cannot read the retry queue " + retryQueue + ": " + e.getMessage(), e);
            }
            if (!retry.isEmpty()) {
                LOG.info("{} record(s) from an earlier run wait for store {}", retry.size(), store.describe());
            }
        }
        this.thread = new Thread(this::run, "sc-record-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one record; the future says what became of it once the writer is done with it. */
    public CompletableFuture<Outcome> submit(NamedGraph graph) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (closing) {
            done.complete(Outcome.FAILED);
            failed.incrementAndGet();
            LOG.warn("record {} arrived after shutdown began; not stored", graph.name());
            return done;
        }
        incoming.add(new Pending(graph, done));
        return done;
    }

    public long committed() {
        return committed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Records waiting in the retry queue for a store that is down. */
    public synchronized int queuedForRetry() {
        return retry.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!closing || !incoming.isEmpty()) {
            try {
                Pending first = incoming.poll(retry.isEmpty() ? 1000 : 50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    incoming.drainTo(batch, MAX_BATCH - 1);
                    commit(batch);
                    batch.clear();
                }
                retryIfDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("record writer: unexpected failure", e);
                List<Pending> unanswered = batch.stream().filter(p -> !p.done().isDone()).toList();
                failed.addAndGet(unanswered.size()); // counted first: a caller told FAILED finds it counted
                unanswered.forEach(p -> p.done().complete(Outcome.FAILED));
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<NamedGraph> graphs = batch.stream().map(Pending::graph).toList();
        try {
            store.commit(graphs);
            committed.addAndGet(batch.size());
            batch.forEach(p -> p.done().complete(Outcome.COMMITTED));
        } catch (StoreException e) {
            if (retryFailures) {
                LOG.warn("store {} refused {} record(s), queued for retry: {}", store.describe(), batch.size(), e.getMessage());
                synchronized (this) {
                    try {
                        retryJournal.append(graphs);
                    } catch (IOException journalFailure) {
                        LOG.error("cannot queue {} record(s) on disk; they wait in memory only: {}", graphs.size(),
                                journalFailure.toString());
                    }
                    retry.addAll(graphs);
                }
                scheduleRetry();
                batch.forEach(p -> p.done().complete(Outcome.QUEUED));
            } else {
                failed.addAndGet(batch.size());
                LOG.error("store {} failed, {} record(s) lost: {}", store.describe(), batch.size(), e.getMessage());
                batch.forEach(p -> p.done().complete(Outcome.FAILED));
            }
        }
    }

    private void retryIfDue() {
        List<NamedGraph> waiting;
        synchronized (this) {
            if (retry.isEmpty() || System.currentTimeMillis() < nextRetryAt) {
                return;
            }
            waiting = new ArrayList<>(retry);
        }
        try {
            store.commit(waiting);
            synchronized (this) {
                for (int i = 0; i < waiting.size(); i++) {
                    retry.poll();
                }
                if (retry.isEmpty()) {
                    clearRetryJournal();
                }
            }
            committed.addAndGet(waiting.size());
            retryPauseMillis = 100;
            LOG.info("store {} is back: {} queued record(s) stored", store.describe(), waiting.size());
        } catch (StoreException e) {
            scheduleRetry();
        }
    }

    private void clearRetryJournal() {
        try {
            retryJournal.clear();
        } catch (IOException e) {
            LOG.warn("cannot clear the retry queue: {}", e.toString());
        }
    }

    private void scheduleRetry() {
        nextRetryAt = System.currentTimeMillis() + retryPauseMillis;
        retryPauseMillis = Math.min(retryPauseMillis * 2, MAX_RETRY_PAUSE_MILLIS);
    }

    /** Commits what is queued, tries the retry queue once more, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nextRetryAt = 0;
        retryIfDue();
        int left = queuedForRetry();
        if (left > 0) {
            LOG.warn("{} record(s) could not reach store {} before shutdown; they stay queued on disk", left,
                    store.describe());
        }
        if (retryJournal != null) {
            retryJournal.close();
        }
    }
}
