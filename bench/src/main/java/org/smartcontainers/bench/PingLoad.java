package org.smartcontainers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keep-alive {@code GET /_ping} from N connections, each sending its next request when the last is answered. */
final class PingLoad {
    private static final byte[] REQUEST = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    record Result(double requestsPerSecond, double p50Micros, double p99Micros) {
    }

    private PingLoad() {
    }

    static Result run(Path socket, int concurrency, long millis) throws Exception {
        List<long[]> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        long[] window = new long[2];
        CountDownLatch go = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int i = 0; i < concurrency; i++) {
            long[] latencies = new long[4_000_000];
            perThread.add(latencies);
            threads.add(new Thread(() -> {
                boolean counted = false;
                try (SocketChannel channel = Http.connect(socket)) {
                    InputStream in = Http.input(channel);
                    ping(channel, in); // warm the connection
                    ready.countDown();
                    counted = true;
                    go.await();
                    int n = 0;
                    long deadline = window[1];
                    while (n < latencies.length - 1) {
                        long begin = System.nanoTime();
                        if (begin >= deadline) {
                            break;
                        }
                        ping(channel, in);
                        latencies[++n] = System.nanoTime() - begin;
                    }
                    latencies[0] = n;
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (!counted) {
                        ready.countDown(); // a connection that failed must not leave the others waiting
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        ready.await();
        long begin = System.nanoTime();
        window[0] = begin;
        window[1] = begin + millis * 1_000_000;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IOException("ping load against " + socket + " failed: " + failure.get(), failure.get());
        }
        long elapsed = System.nanoTime() - begin;
        int total = perThread.stream().mapToInt(l -> (int) l[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (long[] latencies : perThread) {
            int n = (int) latencies[0];
            System.arraycopy(latencies, 1, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        return new Result(total / (elapsed / 1e9), percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3);
    }

    private static void ping(SocketChannel channel, InputStream in) throws IOException {
        channel.write(ByteBuffer.wrap(REQUEST));
        long length = Http.readHead(in);
        in.skipNBytes(length);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }
}
