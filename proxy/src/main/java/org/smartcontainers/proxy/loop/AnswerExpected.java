package org.smartcontainers.proxy.loop;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * The relay's word to its event loop that an answer is due in a moment: it has just sent a
 * request's last byte to the Docker daemon, or an answer's last byte to a client (which, keeping its
 * connection, often asks again at once). Until the moment passes the loop {@linkplain PollBeforeSleep polls} instead of
 * sleeping. Both sides run on the same loop thread, so this is a plain per-thread deadline.
 */
public final class AnswerExpected {
    /** No answer expected (a deadline that falls on this value is kept as the next nanosecond). */
    static final long NONE = 0;
    private static final FastThreadLocal<long[]> DEADLINE = new FastThreadLocal<>() {
        @Override
        protected long[] initialValue() {
            return new long[] {NONE};
        }
    };
    /** Zero where the loops do not poll: then the relay's word costs nothing. */
    private static volatile long windowNanos;

    private AnswerExpected() {
    }

    static void enable(long nanos) {
        windowNanos = nanos;
    }

    /** Called on an event loop after flushing the last byte of a request or of an answer. */
    public static void soon() {
        long window = windowNanos;
        if (window > 0) {
            long deadline = System.nanoTime() + window;
            DEADLINE.get()[0] = deadline == NONE ? 1 : deadline;
        }
    }

    /** Until when this loop thread expects an answer (in {@link System#nanoTime()}'s terms), or {@link #NONE}. */
    static long deadline() {
        return DEADLINE.get()[0];
    }

    /** The expectation is met or given up: the loop sleeps when next idle. */
    static void clear() {
        DEADLINE.get()[0] = NONE;
    }
}
