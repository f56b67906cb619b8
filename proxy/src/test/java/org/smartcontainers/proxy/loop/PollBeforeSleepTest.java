package org.smartcontainers.proxy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each case on a thread of its own: the expectation is per thread, as it is per event loop. */
class PollBeforeSleepTest {
    private final AtomicInteger polling = new AtomicInteger();
    private final AtomicBoolean tasks = new AtomicBoolean();
    private final PollBeforeSleep strategy = new PollBeforeSleep(polling, 1, tasks::get);

    @BeforeEach
    void enable() {
        AnswerExpected.enable(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @AfterEach
    void disable() {
        AnswerExpected.enable(0);
    }

    /** Counts its polls; answers {@code ready} from the {@code readyAt}-th on (0: never). */
    private static final class Sockets implements IntSupplier {
        final int readyAt;
        final int ready;
        int polls;

        Sockets(int readyAt, int ready) {
            this.readyAt = readyAt;
            this.ready = ready;
        }

        @Override
        public int get() {
            polls++;
            return readyAt > 0 && polls >= readyAt ? ready : 0;
        }
    }

    private static <T> T onNewThread(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        return result.get(30, TimeUnit.SECONDS);
    }

    /** On a fresh loop thread: an answer is said to be due, then the strategy decides once. */
    private int decisionWhenDue(IntSupplier sockets, boolean hasTasks) throws Exception {
        return onNewThread(() -> {
            AnswerExpected.soon();
            return strategy.calculateStrategy(sockets, hasTasks);
        });
    }

    @Test
    void aLoopThatExpectsNothingSleepsWithoutPolling() throws Exception {
        Sockets sockets = new Sockets(1, 3);
        assertEquals(SelectStrategy.SELECT, (int) onNewThread(() -> strategy.calculateStrategy(sockets, false)));
        assertEquals(0, sockets.polls);
    }

    @Test
    void withTasksWaitingItLooksOnceAndRunsThem() throws Exception {
        Sockets sockets = new Sockets(0, 0);
        int strategy = decisionWhenDue(sockets, true);
        assertEquals(0, strategy);
        assertEquals(1, sockets.polls);
    }

    @Test
    void anAnswerDueIsPolledForUntilItComesThenTheLoopSleepsWhenNextIdle() throws Exception {
        Sockets sockets = new Sockets(3, 2);
        int[] strategies = onNewThread(() -> {
            AnswerExpected.soon();
            int first = strategy.calculateStrategy(sockets, false);
            int next = strategy.calculateStrategy(new Sockets(1, 1), false);
            return new int[] {first, next};
        });
        assertEquals(2, strategies[0], "the events the third poll found");
        assertEquals(3, sockets.polls);
        assertEquals(SelectStrategy.SELECT, strategies[1], "the expectation was met: nothing more is due");
        assertEquals(0, polling.get(), "no loop is left counted as polling");
    }

    @Test
    void anAnswerThatDoesNotComeInTimeLeavesTheLoopToSleep() throws Exception {
        AnswerExpected.enable(TimeUnit.MICROSECONDS.toNanos(300));
        Sockets sockets = new Sockets(0, 0);
        int strategy = decisionWhenDue(sockets, false);
        assertEquals(SelectStrategy.SELECT, strategy);
        assertTrue(sockets.polls >= 1, "polled before giving up");
        assertEquals(0, polling.get());
    }

    @Test
    void aTaskArrivingWhilePollingStopsThePoll() throws Exception {
        IntSupplier sockets = () -> {
            tasks.set(true); // as if another thread queued a task (Netty wakes no polling loop)
            return 0;
        };
        int strategy = decisionWhenDue(sockets, false);
        assertEquals(0, strategy, "no events: the loop goes on to run its tasks");
    }

    @Test
    void noMoreLoopsPollThanAllowed() throws Exception {
        polling.set(1);
        Sockets sockets = new Sockets(1, 1);
        int strategy = decisionWhenDue(sockets, false);
        assertEquals(SelectStrategy.SELECT, strategy);
        assertEquals(0, sockets.polls);
        assertEquals(1, polling.get());
    }

    @Test
    void theRelaysWordCostsNothingWhereLoopsDoNotPoll() throws Exception {
        AnswerExpected.enable(0);
        Sockets sockets = new Sockets(1, 1);
        int strategy = decisionWhenDue(sockets, false);
        assertEquals(SelectStrategy.SELECT, strategy);
        assertEquals(0, sockets.polls);
    }
}
