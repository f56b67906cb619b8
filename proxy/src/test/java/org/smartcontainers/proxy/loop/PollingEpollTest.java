package org.smartcontainers.proxy.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real epoll loops that poll: tasks from other threads still run, and an idle loop costs nothing. */
class PollingEpollTest {
    private EventLoopGroup group;

    private EventLoop loopPollingFor(long micros) {
        assertTrue(Epoll.isAvailable(), "the daemon's transport on Linux");
        group = new MultiThreadIoEventLoopGroup(1, PollingEpoll.factory(micros));
        return group.next();
    }

    @AfterEach
    void stop() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        AnswerExpected.enable(0);
    }

    @Test
    void aTaskQueuedWhileTheLoopPollsEndsThePoll() throws Exception {
        // An answer due for a minute: a loop that did not see the task would keep polling past the wait below.
        EventLoop loop = loopPollingFor(TimeUnit.MINUTES.toMicros(1));
        for (int round = 0; round < 5; round++) {
            loop.submit(AnswerExpected::soon).sync();
            Thread.sleep(5); // the loop is idle now, polling: Netty writes it no wakeup
            CountDownLatch ran = new CountDownLatch(1);
            loop.execute(ran::countDown);
            assertTrue(ran.await(30, TimeUnit.SECONDS), "round " + round + ": the task waited for the poll to end");
        }
    }

    @Test
    void anIdleLoopSleeps() throws Exception {
        long window = TimeUnit.MILLISECONDS.toMicros(50);
        EventLoop loop = loopPollingFor(window);
        long[] id = new long[1];
        loop.submit(() -> {
            id[0] = Thread.currentThread().getId();
            AnswerExpected.soon();
        }).sync();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread.sleep(2 * window / 1000); // the expected answer's moment passes
        long before = threads.getThreadCpuTime(id[0]);
        Thread.sleep(500);
        long spent = threads.getThreadCpuTime(id[0]) - before;
        assertTrue(spent < TimeUnit.MILLISECONDS.toNanos(100),
                "an idle loop spent " + spent / 1000 + " us of CPU in half a second: it did not sleep");
    }
}
