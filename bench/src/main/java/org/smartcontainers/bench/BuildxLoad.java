package org.smartcontainers.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BuildKit builds as users run them: the docker CLI's {@code buildx build --load} (the CLI and its
 * plugins from the environment, {@code DOCKER_CONFIG} naming where buildx is), its control API on
 * {@code /grpc} and its files on {@code /session}, against whichever socket is measured.
 */
final class BuildxLoad {
    /** One path's cached rebuilds: medians in milliseconds of its time and of what it added to the direct build of each round. */
    record Cached(int rounds, double millis, double addedMillis) {
    }

    private final Path bigContext;
    private final Path bigFile;
    private final long bigBytes;
    private final Path smallContext;
    /** The name each path's cached rebuilds are tagged with. */
    private final Map<Path, String> smallTags = new LinkedHashMap<>();

    /** A context of one {@code bytes}-byte file (sparse zeros) and a tiny one, both built {@code FROM base}. */
    BuildxLoad(Path scratch, String base, long bytes) throws IOException {
        bigContext = Files.createDirectories(scratch.resolve("buildx-big"));
        bigFile = bigContext.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(bigFile.toFile(), "rw")) {
            file.setLength(bytes);
        }
        bigBytes = bytes;
        Files.writeString(bigContext.resolve("Dockerfile"), "FROM " + base + "\nCOPY big.bin /big.bin\n");
        smallContext = Files.createDirectories(scratch.resolve("buildx-small"));
        Files.writeString(smallContext.resolve("small.txt"), "a small file\n");
        Files.writeString(smallContext.resolve("Dockerfile"), "FROM " + base + "\nCOPY small.txt /small.txt\n");
    }

    /**
     * One uncached build of the big context, in MB/s of the context. Its file is touched first, so the
     * file sync sends all of it again (BuildKit keeps the last context and asks only for what changed),
     * and {@code --no-cache} copies it again; the image is removed afterwards, untimed.
     */
    double big(Path socket) throws IOException {
        Files.setLastModifiedTime(bigFile, FileTime.from(Instant.now()));
        long begin = System.nanoTime();
        docker(socket, "buildx", "build", "--load", "--no-cache", "-q", "-t", "sc-bench-buildx-1g:latest", bigContext.toString());
        long nanos = System.nanoTime() - begin;
        docker(socket, "image", "rm", "sc-bench-buildx-1g:latest");
        return bigBytes / 1e6 / (nanos / 1e9);
    }

    /**
     * One build of the small context, fully cached once it has been built before: its time in ms. Each path
     * tags its own name, as one person rebuilding through one path would: the image the proxy labels is not
     * the one the other paths make, and a shared name would move between them on every round, each move
     * costing the daemon an untag and its events.
     */
    double cached(Path socket) throws IOException {
        String tag = smallTags.computeIfAbsent(socket, s -> "sc-bench-buildx-small-" + (smallTags.size() + 1) + ":latest");
        long begin = System.nanoTime();
        docker(socket, "buildx", "build", "--load", "-q", "-t", tag, smallContext.toString());
        return (System.nanoTime() - begin) / 1e6;
    }

    /**
     * Cached rebuilds in rounds: one through each path ({@code paths}, direct among them), the order rotated each
     * round so none always runs first or right after the heaviest; each path's added time is its build's minus the
     * direct build's of the same round, taken at the median.
     */
    Map<String, Cached> cachedRounds(Map<String, Path> paths, int rounds) throws IOException {
        List<String> order = new ArrayList<>(paths.keySet());
        Map<String, double[]> millis = new LinkedHashMap<>();
        paths.keySet().forEach(name -> millis.put(name, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (String name : order) {
                millis.get(name)[round] = cached(paths.get(name));
            }
            Collections.rotate(order, 1);
        }
        double[] direct = millis.get(Targets.DIRECT);
        Map<String, Cached> results = new LinkedHashMap<>();
        millis.forEach((name, times) -> {
            double[] added = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                added[i] = times[i] - direct[i];
            }
            results.put(name, new Cached(rounds, median(times), median(added)));
        });
        return results;
    }

    /** {@code count} cached rebuilds through {@code socket}, untimed: the proxy's code for them compiled, as a running daemon's is. */
    void warm(Path socket, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            cached(socket);
        }
    }

    /** Leaves nothing of these builds in the daemon: the images and BuildKit's cache of them. */
    void clean(Path socket) throws IOException {
        for (String tag : smallTags.values()) {
            docker(socket, "image", "rm", "-f", tag);
        }
        docker(socket, "builder", "prune", "-af");
    }

    /** Whether the CLI can build with buildx through {@code socket} (HAProxy, say, may not relay BuildKit). */
    boolean works(Path socket) {
        try {
            cached(socket);
            return true;
        } catch (IOException e) {
            System.out.println("buildx through " + socket + " fails, left out: " + e.getMessage().lines().findFirst().orElse(""));
            return false;
        }
    }

    private static void docker(Path socket, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", "unix://" + socket);
        builder.environment().remove("DOCKER_CONTEXT");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " via " + socket + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
