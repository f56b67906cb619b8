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
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "scb");

        List<String> parts = List.of(System.getenv().getOrDefault("SC_BENCH_PARTS", "proxy,recorder,read").split(","));
        if (parts.contains("proxy")) {
            proxy(repo, docker, scratch, rounds, pingMillis, warmupMillis, streamBytes, image, base, createWarmup, createPairs);
        }
        if (parts.contains("recorder")) {
            recorder(scratch);
        }
        if (parts.contains("read")) {
            readSide(scratch);
        }
    }

    private static void proxy(Path repo, Path docker, Path scratch, int rounds, long pingMillis, long warmupMillis,
            long streamBytes, String image, String base, int createWarmup, int createPairs) throws Exception {
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
            CreateLoad.Pairs firstCreates = creates.pairs(direct, proxy, 100); // before anything else warms the JIT
            // Room for 500,000 pings/s, several times what the generator reaches against the canned responder.
            PingLoad pings = new PingLoad((int) Math.min(Integer.MAX_VALUE - 8, Math.max(pingMillis, warmupMillis) * 500));
            warmUp(pings, pinged, warmupMillis);
            ResultTable table = new ResultTable(names);
            for (int round = 1; round <= rounds; round++) {
                // Rotate the order each round so no target always runs first (or after the heaviest).
                List<String> order = new ArrayList<>(names);
                Collections.rotate(order, round - 1);
                for (String name : order) {
                    Path socket = pinged.get(name);
                    for (int concurrency : PingLoad.CONCURRENCIES) {
                        PingLoad.Result ping = pings.run(socket, concurrency, pingMillis);
                        table.add(name, ResultTable.pingMetric(concurrency, "req/s"), ping.requestsPerSecond());
                        table.add(name, ResultTable.pingMetric(concurrency, "p50 us"), ping.p50Micros());
                        table.add(name, ResultTable.pingMetric(concurrency, "p99 us"), ping.p99Micros());
                    }
                    if (streamBytes > 0 && daemonPaths.contains(name)) {
                        table.add(name, "save MB/s", StreamLoad.save(socket, image));
                        table.add(name, "build MB/s", StreamLoad.build(socket, base, streamBytes));
                    }
                }
                // The proxy's rates round by round: a first round well below the rest would mean it was still warming up.
                System.out.printf(Locale.ROOT, "round %d done; sc proxy: c=1 %.0f req/s, c=10 %.0f req/s%n", round,
                        table.last(Targets.PROXY, ResultTable.pingMetric(1, "req/s")),
                        table.last(Targets.PROXY, ResultTable.pingMetric(10, "req/s")));
            }
            creates.warm(proxy, createWarmup);
            CreateLoad.Pairs warmedCreates = creates.pairs(direct, proxy, createPairs);
            table.print(proxyMemory.peaks());
            printCreates("the first 100 after start", firstCreates);
            printCreates("warmed up (after " + createWarmup + " more)", warmedCreates);
        }
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

    /** The HTTP read side against Fuseki on the same data: lineage query, listing page, single resource. */
    private static void readSide(Path scratch) throws Exception {
        int builds = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_READ_BUILDS", "5000"));
        int containers = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_READ_CONTAINERS", "20000"));
        int samples = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_READ_SAMPLES", "200"));
        Map<String, Double> medians = ReadSideLoad.run(scratch, builds, containers, samples);
        System.out.printf("%n%-34s%14s%14s%10s%n", "read side, median of " + samples, "sc", "fuseki", "ratio");
        for (String[] measure : new String[][] {{"lineage", "lineage query (wasDerivedFrom+)"},
                {"listing", "container listing page (100)"}, {"resource", "single resource GET"}}) {
            double ours = medians.get(measure[0] + "|sc");
            double theirs = medians.get(measure[0] + "|fuseki");
            System.out.printf(Locale.ROOT, "%-34s%11.2f ms%11.2f ms%9.2fx%n", measure[1], ours / 1000, theirs / 1000, ours / theirs);
        }
    }
}
