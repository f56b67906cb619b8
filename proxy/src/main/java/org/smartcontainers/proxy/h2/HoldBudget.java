package org.smartcontainers.proxy.h2;

import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of gRPC messages the taps may hold at once, across every connection. Held messages
 * live in direct memory; a failed direct allocation would fail whichever connection happened to read
 * next, so the holds may take half of what the JVM allows and the relay's own buffers keep the rest.
 */
final class HoldBudget {
    static final HoldBudget PROCESS = new HoldBudget(PlatformDependent.maxDirectMemory() / 2);

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    HoldBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit beside what is held; false, taking nothing, if not. */
    boolean take(long n) {
        long now;
        do {
            now = held.get();
            if (now + n > limit) {
                return false;
            }
        } while (!held.compareAndSet(now, now + n));
        return true;
    }

    void giveBack(long n) {
        held.addAndGet(-n);
    }

    long held() {
        return held.get();
    }

    long limit() {
        return limit;
    }
}
