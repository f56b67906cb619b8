package org.smartcontainers.web.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's worker threads, in two pools: users' SPARQL queries ({@code /sparql}), each of
 * which may run until its timeout, and everything else (pages, LDP, Hydra), whose reads are short. A
 * flood of slow queries (which any web page can send to a loopback server) fills the first and gets
 * 503s; the pages go on.
 */
record Workers(ExecutorService pages, ExecutorService queries) implements AutoCloseable {
    /** Queries waiting for a thread beyond this many are refused (503) rather than queued behind slow ones. */
    static final int QUERIES_QUEUED = 16;

    static Workers of(int threads) {
        return new Workers(pool("sc-http-", threads, 1024), pool("sc-sparql-", Math.max(1, threads / 2), QUERIES_QUEUED));
    }

    ExecutorService forPath(String path) {
        return path.equals("/sparql") ? queries : pages;
    }

    private static ExecutorService pool(String name, int threads, int queued) {
        AtomicInteger made = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued), runnable -> {
            Thread thread = new Thread(runnable, name + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        pages.shutdownNow();
        queries.shutdownNow();
    }
}
