package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a relay spent, from {@code /proc/PID/stat}: user and system time of all its threads, and of
 * the children it has reaped (socat forks one per connection). A ratio of throughputs on a shared two-core
 * machine moves with whatever else runs; the CPU a relay spends per GiB it moves does not, much.
 */
final class ProcessCpu {
    /** The kernel's unit for these fields (USER_HZ), 100 per second on Linux whatever the kernel's tick. */
    private static final double MILLIS_PER_TICK = 10;
    private static final long CHILDREN_WAIT_MILLIS = 2000;

    private final long pid;

    ProcessCpu(long pid) {
        this.pid = pid;
    }

    /**
     * Milliseconds of CPU so far. Waits (a while) until the relay has reaped the children its last connections
     * made, whose time it only then counts.
     */
    double millis() throws IOException {
        long deadline = System.currentTimeMillis() + CHILDREN_WAIT_MILLIS;
        while (hasChildren() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // After the command name, which may hold spaces and parentheses: state is field 3, utime 14 .. cstime 17.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks * MILLIS_PER_TICK;
    }

    private boolean hasChildren() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                Path children = task.resolve("children");
                if (Files.exists(children) && !Files.readString(children).isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }
}
