package org.smartcontainers.proxy.intercept;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** The threads interceptions do slow work on, never the event loop's. */
public final class InterceptionThreads implements AutoCloseable {
    /**
     * Preparing requests and finishing records. Their stacks are deep enough for a body nested as
     * deep as Go reads (10,000 levels), which Jackson reads and writes by recursion.
     */
    final ExecutorService work = Executors.newFixedThreadPool(4, daemonThreads("sc-recorder", DEEP_STACK));
    /**
     * Lookups that a {@link #work} task waits for run here, never on {@link #work} itself: a full
     * pool whose tasks each wait for a lookup queued behind them would wait forever. What is made
     * from a lookup's answer while a client waits (a BuildKit result's label) is made here too, on
     * the same thread, so these have {@link #work}'s deep stacks (labels are JSON).
     */
    final ExecutorService lookups = Executors.newCachedThreadPool(daemonThreads("sc-docker-lookup", DEEP_STACK));
    /** One thread, so each build's context pieces are read in the order they passed. */
    final ExecutorService contexts = Executors.newSingleThreadExecutor(daemonThreads("sc-build-context"));

    /** Bytes of stack for {@link #work}: 10,000 levels of JSON took more than the default 1 MiB. */
    private static final long DEEP_STACK = 64L << 20;

    private static ThreadFactory daemonThreads(String name) {
        return daemonThreads(name, 0);
    }

    /** @param stackSize 0 for the JVM's default */
    private static ThreadFactory daemonThreads(String name, long stackSize) {
        return runnable -> {
            Thread thread = new Thread(null, runnable, name, stackSize);
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
