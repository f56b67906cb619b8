package org.smartcontainers.proxy.loop;

import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Epoll event loops that {@linkplain PollBeforeSleep poll while an answer is due}. */
public final class PollingEpoll {
    private PollingEpoll() {
    }

    /** Loops that poll up to {@code pollMicros} for an expected answer (0: never), at most half the cores at once. */
    public static IoHandlerFactory factory(long pollMicros) {
        if (pollMicros <= 0) {
            return EpollIoHandler.newFactory();
        }
        AnswerExpected.enable(TimeUnit.MICROSECONDS.toNanos(pollMicros));
        int maxPolling = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger polling = new AtomicInteger();
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor loop) {
                // Netty writes no wakeup while its loop is awake, so a polling loop looks for tasks itself.
                BooleanSupplier tasksWaiting = loop instanceof SingleThreadEventExecutor executor
                        ? () -> executor.pendingTasks() > 0
                        : () -> false;
                return EpollIoHandler.newFactory(0, () -> new PollBeforeSleep(polling, maxPolling, tasksWaiting))
                        .newHandler(loop);
            }

            @Override
            public boolean isChangingThreadSupported() {
                return true;
            }
        };
    }
}
