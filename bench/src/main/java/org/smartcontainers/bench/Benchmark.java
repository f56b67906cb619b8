package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.FileUtils;

/**
 * {@code bench/run}: the same load directly against the daemon, through our proxy, and through socat
 * and HAProxy where installed, in interleaved rounds; prints medians and ratios against direct.
 */
public final class Benchmark {
    private static final long GIB = 1L << 30;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path docker = Path.of(System.getenv().getOrDefault("SC_BENCH_DOCKER_HOST",
                System.getenv().getOrDefault("SC_TEST_DOCKER_HOST", "unix:///var/run/docker.sock")).replaceFirst("^unix://", ""));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_ROUNDS", "5"));
        long pingMillis = Long.parseLong(System.getenv().getOrDefault("SC_BENCH_PING_MS", "3000"));
        long warmupMillis = Long.parseLong(System.getenv().getOrDefault("SC_BENCH_WARMUP_MS", "3000"));
        long streamBytes = Long.parseLong(System.getenv().getOrDefault("SC_BENCH_STREAM_BYTES", Long.toString(GIB)));
        String image = System.getenv().getOrDefault("SC_BENCH_IMAGE", "sc-bench-1g:latest");
        String base = System.getenv().getOrDefault("SC_BENCH_BASE", "sc-busybox:latest");
        int createWarmup = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_CREATE_WARMUP", "1000"));
        int createPairs = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_CREATE_PAIRS", "400"));
        // the proxy's store, the 1 GiB build contexts: gigabytes a run leaves nowhere
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "scb");
        try {
            List<String> parts = List.of(System.getenv().getOrDefault("SC_BENCH_PARTS", "proxy,buildkit,recorder,read,cli").split(","));
            if (parts.contains("proxy") || parts.contains("buildkit")) {
                long buildxBytes = parts.contains("buildkit")
                        ? Long.parseLong(System.getenv().getOrDefault("SC_BENCH_BUILDX_BYTES", Long.toString(GIB))) : -1;
                int buildxPairs = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_BUILDX_PAIRS", "30"));
                int buildxWarmup = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_BUILDX_WARMUP", "150"));
                proxy(repo, docker, scratch, parts.contains("proxy"), rounds, pingMillis, warmupMillis, streamBytes, image, base,
                        createWarmup, createPairs, buildxBytes, buildxPairs, buildxWarmup);
            }
            if (parts.contains("recorder")) {
                recorder(scratch);
            }
            if (parts.contains("read")) {
                readSide(scratch);
            }
            if (parts.contains("cli")) {
                clientStart(repo);
            }
        } finally {
            // Quietly, and again: a target still stopping removes its own files (its socket) while the tree is walked.
            if (!FileUtils.deleteQuietly(scratch.toFile()) && !FileUtils.deleteQuietly(scratch.toFile())) {
                System.err.println("bench: left " + scratch);
            }
        }
    }

    /**
     * How long an {@code sc} client command takes to start and end ({@code bin/sc version --client}, which asks
     * no daemon), with the build's class-data archive and without it (JAVA_OPTS set to the same options less
     * the archive), interleaved; medians of 21 each, after 3 of warm-up (the page cache).
     */
    private static void clientStart(Path repo) throws Exception {
        String sc = repo.resolve("bin/sc").toString();
        Map<String, String> without = Map.of("JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto");
        List<Double> archived = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double withArchive = secondsToRun(List.of(sc, "version", "--client"), Map.of());
            double withoutArchive = secondsToRun(List.of(sc, "version", "--client"), without);
            if (i >= 3) {
                archived.add(withArchive);
                plain.add(withoutArchive);
            }
        }
        System.out.printf(Locale.ROOT, "sc version --client (start to end): median %.3f s with the class-data archive,"
                + " %.3f s without (target: at most 0.2 s)%n", ResultTable.median(archived), ResultTable.median(plain));
    }

    private static double secondsToRun(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        long start = System.nanoTime();
        int status = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
        }
        return seconds;
    }

    /**
     * The proxy part ({@code pings}: the ping load, the classic streams and the creates) and the BuildKit
     * builds ({@code buildxBytes} of context, uncached, each round; then cached rebuilds in pairs; none when
     * negative), in the same interleaved rounds against the same targets.
     */
    private static void proxy(Path repo, Path docker, Path scratch, boolean pings, int rounds, long pingMillis,
            long warmupMillis, long streamBytes, String image, String base, int createWarmup, int createPairs,
            long buildxBytes, int buildxPairs, int buildxWarmup) throws Exception {
        try (Targets targets = new Targets(repo, docker, scratch);
                MemorySampler proxyMemory = new MemorySampler(targets.proxyPid())) {
            List<String> daemonPaths = new ArrayList<>(targets.sockets().keySet());
            Map<String, Path> pinged = new LinkedHashMap<>(targets.sockets());
            pinged.put(Targets.CANNED, targets.canned());
            List<String> names = new ArrayList<>(pinged.keySet());
            System.out.printf("targets: %s; %d rounds, ping %d ms each after %d ms of warm-up, streams %d MiB%n",
                    names, rounds, pingMillis, warmupMillis, streamBytes >> 20);
            Path direct = targets.sockets().get(Targets.DIRECT);
            Path proxy = targets.sockets().get(Targets.PROXY);
            CreateLoad creates = new CreateLoad(base);
            proxyMemory.phase("the first creates");
            CreateLoad.Pairs firstCreates = pings ? creates.pairs(direct, proxy, 100) : null; // before anything else warms the JIT
            // Room for 500,000 pings/s, several times what the generator reaches against the canned responder.
            PingLoad pingLoad = new PingLoad((int) Math.min(Integer.MAX_VALUE - 8, Math.max(pingMillis, warmupMillis) * 500));
            if (pings) {
                proxyMemory.phase("the pings' warm-up");
                warmUp(pingLoad, pinged, warmupMillis);
            } else {
                names.remove(Targets.CANNED);
            }
            BuildxLoad buildx = buildxBytes < 0 ? null : new BuildxLoad(scratch, base, buildxBytes);
            List<String> buildxPaths = new ArrayList<>();
            if (buildx != null) {
                proxyMemory.phase("the first buildx builds");
                // Warms every path (and the daemon's cache of the small context) before anything is timed.
                for (String name : daemonPaths) {
                    if (buildx.works(targets.sockets().get(name)) && buildx.works(targets.sockets().get(name))) {
                        buildxPaths.add(name);
                    }
                }
                if (!buildxPaths.contains(Targets.DIRECT) || !buildxPaths.contains(Targets.PROXY)) {
                    throw new IOException("buildx builds fail direct or through the proxy: is DOCKER_CONFIG's buildx there?");
                }
            }
            if (pings && streamBytes > 0) {
                proxyMemory.phase("the streams' warm-up");
                warmStreams(targets.sockets(), image, base, streamBytes, buildx, buildxPaths);
            }
            ResultTable table = new ResultTable(names);
            for (int round = 1; round <= rounds; round++) {
                // Rotate the order each round so no target always runs first (or after the heaviest).
                List<String> order = new ArrayList<>(names);
                Collections.rotate(order, round - 1);
                for (String name : order) {
                    Path socket = pinged.get(name);
                    if (pings) {
                        proxyMemory.phase("round " + round + ", pings to " + name);
                        for (int concurrency : PingLoad.CONCURRENCIES) {
                            PingLoad.Result ping = pingLoad.run(socket, concurrency, pingMillis);
                            table.add(name, ResultTable.pingMetric(concurrency, "req/s"), ping.requestsPerSecond());
                            table.add(name, ResultTable.pingMetric(concurrency, "p50 us"), ping.p50Micros());
                            table.add(name, ResultTable.pingMetric(concurrency, "p99 us"), ping.p99Micros());
                        }
                    }
                    if (pings && streamBytes > 0 && daemonPaths.contains(name)) {
                        proxyMemory.phase("round " + round + ", streams through " + name);
                        ProcessCpu relay = targets.relay(name);
                        double cpu = relay == null ? 0 : relay.millis();
                        StreamLoad.Moved saved = StreamLoad.save(socket, image);
                        cpu = perGiB(table, name, "save", relay, cpu, saved);
                        StreamLoad.Built built = StreamLoad.build(socket, base, streamBytes);
                        if (name.equals(Targets.PROXY) && !StreamLoad.labelled(direct, built.imageId())) {
                            throw new IOException("the build through the proxy was not recorded: no label on " + built.imageId());
                        }
                        perGiB(table, name, "build", relay, cpu, built.context());
                    }
                    if (buildxPaths.contains(name)) {
                        proxyMemory.phase("round " + round + ", a big buildx build through " + name);
                        table.add(name, "buildx MB/s", buildx.big(socket));
                    }
                }
                System.out.printf(Locale.ROOT, "round %d done%s%n", round, !pings ? "" : String.format(Locale.ROOT,
                        // The proxy's rates round by round: a first round well below the rest would mean it was still warming up.
                        "; sc proxy: c=1 %.0f req/s, c=10 %.0f req/s",
                        table.last(Targets.PROXY, ResultTable.pingMetric(1, "req/s")),
                        table.last(Targets.PROXY, ResultTable.pingMetric(10, "req/s"))));
            }
            CreateLoad.Pairs warmedCreates = null;
            if (pings) {
                proxyMemory.phase("the creates");
                creates.warm(proxy, createWarmup);
                warmedCreates = creates.pairs(direct, proxy, createPairs);
            }
            Map<String, Path> rebuilt = new LinkedHashMap<>();
            buildxPaths.forEach(name -> rebuilt.put(name, targets.sockets().get(name)));
            proxyMemory.phase("the cached rebuilds");
            Map<String, BuildxLoad.Cached> firstRebuilds = buildx == null ? null : buildx.cachedRounds(rebuilt, buildxPairs);
            Map<String, BuildxLoad.Cached> rebuilds = null;
            if (buildx != null) {
                buildx.warm(proxy, buildxWarmup);
                for (String name : buildxPaths) {
                    if (!name.equals(Targets.PROXY)) {
                        buildx.warm(rebuilt.get(name), buildxWarmup / 10);
                    }
                }
                rebuilds = buildx.cachedRounds(rebuilt, buildxPairs);
            }
            table.print(proxyMemory.peaks());
            if (pings) {
                printCreates("the first 100 after start", firstCreates);
                printCreates("warmed up (after " + createWarmup + " more)", warmedCreates);
            }
            if (rebuilds != null) {
                printRebuilds("the first after the builds above", firstRebuilds);
                printRebuilds("warmed up (after " + buildxWarmup + " more through sc)", rebuilds);
                buildx.clean(direct);
            }
        }
    }

    /**
     * A transfer's rate, and for a relay the CPU it spent per GiB moved (since {@code cpuBefore}); returns the
     * relay's CPU now, the start of the next transfer's.
     */
    private static double perGiB(ResultTable table, String name, String transfer, ProcessCpu relay, double cpuBefore,
            StreamLoad.Moved moved) throws IOException {
        table.add(name, transfer + " MB/s", moved.megabytesPerSecond());
        if (relay == null) {
            return 0;
        }
        double cpu = relay.millis();
        table.add(name, transfer + " CPU ms/GiB", (cpu - cpuBefore) / (moved.bytes() / (double) (1L << 30)));
        return cpu;
    }

    /**
     * Pings every target, unmeasured, at each concurrency before the rounds: a running daemon is warm,
     * and the proxy's first seconds (its JIT compiling) or a target's first connections would
     * otherwise land in round 1. The canned responder goes first, so the generator itself is warm for
     * everything measured. The rates are printed to show how cold each target started.
     */
    private static void warmUp(PingLoad pings, Map<String, Path> pinged, long millis) throws IOException {
        List<String> order = new ArrayList<>(pinged.keySet());
        order.remove(Targets.CANNED);
        order.add(0, Targets.CANNED);
        for (String name : order) {
            StringBuilder line = new StringBuilder(String.format("warm-up %-9s", name));
            for (int concurrency : PingLoad.CONCURRENCIES) {
                PingLoad.Result ping = pings.run(pinged.get(name), concurrency, millis);
                line.append(String.format(Locale.ROOT, "  c=%d %.0f req/s", concurrency, ping.requestsPerSecond()));
            }
            System.out.println(line);
        }
    }

    /**
     * Streams every daemon path, unmeasured, before the rounds: the proxy's code for them is compiled
     * only after a couple of GiB (its first classic build through a new daemon ran at half the rate of
     * its third), and a running daemon has long done that. Two saves and two builds each, and one
     * big buildx build where buildx works; the rates show how cold each path started.
     */
    private static void warmStreams(Map<String, Path> paths, String image, String base, long streamBytes,
            BuildxLoad buildx, List<String> buildxPaths) throws IOException {
        for (Map.Entry<String, Path> path : paths.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("warm-up %-9s", path.getKey()));
            for (int i = 0; i < 2; i++) {
                line.append(String.format(Locale.ROOT, "  save %.0f MB/s", StreamLoad.save(path.getValue(), image).megabytesPerSecond()));
            }
            for (int i = 0; i < 2; i++) {
                line.append(String.format(Locale.ROOT, "  build %.0f MB/s",
                        StreamLoad.build(path.getValue(), base, streamBytes).context().megabytesPerSecond()));
            }
            if (buildxPaths.contains(path.getKey())) {
                line.append(String.format(Locale.ROOT, "  buildx %.0f MB/s", buildx.big(path.getValue())));
            }
            System.out.println(line);
        }
    }

    private static void recorder(Path scratch) throws Exception {
        List<Double> throughput = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            throughput.add(RecorderThroughput.recordsPerSecond(scratch, 20_000, 8));
        }
        System.out.printf(Locale.ROOT, "recorder: %.0f durable records/s (median of 3 runs of 20,000 create records"
                + " from 8 threads into TDB2 on disk)%n", ResultTable.median(throughput));
    }

    private static void printCreates(String which, CreateLoad.Pairs pairs) {
        System.out.printf(Locale.ROOT, "intercepted create, %s: direct %.2f ms, through sc %.2f ms (medians);"
                + " %.2f ms added at the median of %d direct/sc pairs%n", which, pairs.directMicros() / 1000,
                pairs.proxyMicros() / 1000, pairs.addedMicros() / 1000, pairs.count());
    }

    private static void printRebuilds(String which, Map<String, BuildxLoad.Cached> rebuilds) {
        StringBuilder line = new StringBuilder("buildx build --load, fully cached rebuild of a small context, " + which + ":");
        rebuilds.forEach((name, cached) -> line.append(String.format(Locale.ROOT, name.equals(Targets.DIRECT)
                ? " %s %.1f ms;" : " %s %.1f ms (%+.1f ms);", name, cached.millis(), cached.addedMillis())));
        int rounds = rebuilds.values().iterator().next().rounds();
        System.out.println(line.append(String.format(Locale.ROOT,
                " medians of %d rounds, added: the median of each round's difference from direct", rounds)));
    }

    /** The HTTP read side against Fuseki on the same data: lineage query, listing page, single resource. */
    private static void readSide(Path scratch) throws Exception {
        int builds = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_READ_BUILDS", "5000"));
        int containers = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_READ_CONTAINERS", "20000"));
        int samples = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_READ_SAMPLES", "200"));
        Map<String, Double> medians = ReadSideLoad.run(scratch, builds, containers, samples);
        // Fuseki's time over ours: 1.0x or more is as fast as Fuseki or faster.
        System.out.printf("%n%-34s%14s%14s%20s%n", "read side, median of " + samples, "sc", "fuseki", "sc speed vs fuseki");
        for (String[] measure : new String[][] {{"lineage", "lineage query (wasDerivedFrom+)"},
                {"listing", "container list page 1-50 (HTML)"}, {"deep", "container list page 51-200"},
                {"fresh", "first page after a new record"},
                {"resource", "single resource GET"}}) {
            if (!medians.containsKey(measure[0] + "|sc")) {
                continue; // too few containers for pages beyond those kept
            }
            double ours = medians.get(measure[0] + "|sc");
            double theirs = medians.get(measure[0] + "|fuseki");
            System.out.printf(Locale.ROOT, "%-34s%11.2f ms%11.2f ms%19.2fx%n", measure[1], ours / 1000, theirs / 1000, theirs / ours);
        }
    }
}
