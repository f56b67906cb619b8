package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples a process's memory from {@code /proc/PID/status} on a background thread and keeps the peaks.
 * The kernel keeps the peak RSS itself (VmHWM) but not the peak of what it is made of: anonymous
 * memory (heap, direct buffers, thread stacks: what the process really costs) and mapped files
 * (mostly the TDB2 store, page cache the kernel can take back). So RssAnon is sampled; a spike shorter
 * than the period can slip between two samples. The benchmark names what it is doing ({@link #phase}), and
 * the anonymous peak keeps the name of the phase it came in.
 */
final class MemorySampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 100;

    /** In KiB: the highest RssAnon and RssFile sampled, and the kernel's own peak RSS (VmHWM); the phase of the first. */
    record Peaks(long anonKib, long fileKib, long rssKib, String anonPhase) {
    }

    private final Path status;
    private final Thread thread;
    private volatile Peaks peaks = new Peaks(-1, -1, -1, "");
    private volatile String phase = "start";

    MemorySampler(long pid) {
        this(Path.of("/proc/" + pid + "/status"));
    }

    /** Samples a file shaped as {@code /proc/PID/status}. */
    MemorySampler(Path status) {
        this.status = status;
        thread = new Thread(this::sampleEvery, "memory-sampler " + status);
        thread.setDaemon(true);
        thread.start();
    }

    /** What the benchmark does from now on, as the peak's phase will name it. */
    void phase(String now) {
        sample();
        phase = now;
    }

    /** The peaks so far, with a last sample taken now. */
    Peaks peaks() {
        sample();
        return peaks;
    }

    private void sampleEvery() {
        try {
            while (sample()) {
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException stopped) {
            // closed
        }
    }

    /** False once the process is gone. */
    private synchronized boolean sample() {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException gone) {
            return false;
        }
        Peaks last = peaks;
        long anon = kib(lines, "RssAnon:");
        peaks = new Peaks(Math.max(last.anonKib(), anon), Math.max(last.fileKib(), kib(lines, "RssFile:")),
                Math.max(last.rssKib(), kib(lines, "VmHWM:")), anon > last.anonKib() ? phase : last.anonPhase());
        return true;
    }

    private static long kib(List<String> lines, String field) {
        for (String line : lines) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
            }
        }
        return -1;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
