package org.smartcontainers.proxy.loop;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * When {@linkplain AnswerExpected an answer is due}, an idle event loop polls its sockets until it
 * comes, a task arrives or the moment passes, instead of sleeping: a loop that did not sleep need
 * not be woken, and the wakeups are most of what a relay adds to a small Docker call. Otherwise,
 * and within a stream, it sleeps at once, as Netty's default does. Between polls it yields its core
 * to whatever else is runnable on it, and at most {@code maxPolling} loops poll at once.
 */
final class PollBeforeSleep implements SelectStrategy {
    private final AtomicInteger polling;
    private final int maxPolling;
    private final BooleanSupplier tasksWaiting;

    PollBeforeSleep(AtomicInteger polling, int maxPolling, BooleanSupplier tasksWaiting) {
        this.polling = polling;
        this.maxPolling = maxPolling;
        this.tasksWaiting = tasksWaiting;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectNow.get();
        }
        long deadline = AnswerExpected.deadline();
        if (deadline == AnswerExpected.NONE || System.nanoTime() - deadline >= 0 || !claim()) {
            return SELECT;
        }
        try {
            do {
                int ready = selectNow.get();
                if (ready > 0 || tasksWaiting.getAsBoolean()) {
                    return ready;
                }
                Thread.yield();
            } while (System.nanoTime() - deadline < 0);
            return SELECT;
        } finally {
            AnswerExpected.clear();
            polling.decrementAndGet();
        }
    }

    private boolean claim() {
        for (int now = polling.get(); now < maxPolling; now = polling.get()) {
            if (polling.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }
}
