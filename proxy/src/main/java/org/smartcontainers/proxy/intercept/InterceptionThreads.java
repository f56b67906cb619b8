package org.smartcontainers.proxy.intercept;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** The threads interceptions do slow work on, never the event loop's. */
public final class InterceptionThreads implements AutoCloseable {
    /** Preparing requests and finishing records. */
    final ExecutorService work = Executors.newFixedThreadPool(4, daemonThreads("sc-recorder"));
    /**
     * Lookups that a {@link #work} task waits for run here, never on {@link #work} itself: a full
     * pool whose tasks each wait for a lookup queued behind them would wait forever.
     */
    final ExecutorService lookups = Executors.newCachedThreadPool(daemonThreads("sc-docker-lookup"));
    /** One thread, so each build's context pieces are read in the order they passed. */
    final ExecutorService contexts = Executors.newSingleThreadExecutor(daemonThreads("sc-build-context"));

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        work.shutdown();
        lookups.shutdown();
        contexts.shutdown();
    }
}
