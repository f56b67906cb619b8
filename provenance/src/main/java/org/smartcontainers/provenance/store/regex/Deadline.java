package org.smartcontainers.provenance.store.regex;

import java.time.Duration;

/** When a query's time is up, on {@link System#nanoTime}'s clock. */
record Deadline(long nanos) {
    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    boolean passed() {
        return System.nanoTime() - nanos >= 0;
    }
}
