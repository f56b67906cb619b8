package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keep-alive {@code GET /_ping} from N connections, each sending its next request as soon as its last
 * is answered, all driven by one selector thread. Against a canned responder on two cores a thread
 * per blocking connection did as well at concurrency 1 but reached only 0.7-0.9x of this at 10: each
 * answer woke a thread, on the cores the measured server needs. The request is built once; each
 * connection reads through its own reused buffer; latencies go into one array allocated with the
 * load, so nothing is allocated per request.
 */
final class PingLoad {
    /** The concurrencies the benchmark pings at: one client alone, and ten at once. */
    static final int[] CONCURRENCIES = {1, 10};
    private static final byte[] REQUEST = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Without an answer for this long the target is stuck: fail rather than hang the benchmark. */
    private static final long STALL_NANOS = 10_000_000_000L;

    record Result(double requestsPerSecond, double p50Micros, double p99Micros) {
    }

    /** Nanoseconds per request of the run in progress; int holds 2 s, far beyond any ping. */
    private final int[] latencies;
    private int count;
    private long deadline;
    private long lastAnswer;

    /** {@code capacity}: the most requests one run may make; a run that would make more fails. */
    PingLoad(int capacity) {
        latencies = new int[capacity];
    }

    Result run(Path socket, int concurrency, long millis) throws IOException {
        List<Pinger> pingers = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < concurrency; i++) {
                Pinger pinger = new Pinger(HttpConnection.open(socket));
                pingers.add(pinger);
                pinger.connection.send(pinger.request); // one blocking ping opens the connection end to end
                pinger.connection.readResponse();
                pinger.connection.channel().configureBlocking(false);
                pinger.connection.channel().register(selector, SelectionKey.OP_READ, pinger);
            }
            count = 0;
            long begin = System.nanoTime();
            deadline = begin + millis * 1_000_000;
            lastAnswer = begin;
            for (Pinger pinger : pingers) {
                pinger.send(System.nanoTime());
            }
            Consumer<SelectionKey> onAnswer = key -> ((Pinger) key.attachment()).answered();
            int open = concurrency;
            while (open > 0) {
                selector.select(onAnswer, 1000);
                open = 0;
                for (Pinger pinger : pingers) {
                    if (pinger.failure != null) {
                        throw new IOException("ping load against " + socket + " failed: " + pinger.failure, pinger.failure);
                    }
                    open += pinger.waiting ? 1 : 0;
                }
                if (System.nanoTime() - lastAnswer > STALL_NANOS) {
                    throw new IOException("ping load against " + socket + ": no answer for " + STALL_NANOS / 1_000_000_000 + " s");
                }
            }
            long elapsed = lastAnswer - begin;
            int[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new Result(count / (elapsed / 1e9), percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3);
        } finally {
            for (Pinger pinger : pingers) {
                pinger.connection.close();
            }
        }
    }

    private static double percentile(int[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /** One connection of the load, with its own copy of the request and the time it was last sent. */
    private final class Pinger {
        final HttpConnection connection;
        final ByteBuffer request = ByteBuffer.allocateDirect(REQUEST.length).put(REQUEST).flip();
        long sentAt;
        boolean waiting;
        IOException failure;

        Pinger(HttpConnection connection) {
            this.connection = connection;
        }

        void send(long now) {
            try {
                sentAt = now;
                waiting = true;
                connection.send(request);
            } catch (IOException e) {
                fail(e);
            }
        }

        /** The selector saw data: record the latency once a whole answer is in, and send the next ping before the deadline. */
        void answered() {
            try {
                if (!connection.readAvailable()) {
                    return;
                }
                if (connection.status() != 200) {
                    throw new IOException("answered " + connection.status());
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            long now = System.nanoTime();
            lastAnswer = now;
            if (count == latencies.length) {
                fail(new IOException("more than " + latencies.length + " pings in one run: give the load more capacity"));
                return;
            }
            latencies[count++] = (int) Math.min(Integer.MAX_VALUE, now - sentAt);
            waiting = false;
            if (now < deadline) {
                send(now);
            }
        }

        private void fail(IOException e) {
            failure = e;
            waiting = false;
        }
    }
}
