package org.smartcontainers.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        long streamBytes = Long.parseLong(System.getenv().getOrDefault("SC_BENCH_STREAM_BYTES", Long.toString(GIB)));
        String image = System.getenv().getOrDefault("SC_BENCH_IMAGE", "sc-bench-1g:latest");
        String base = System.getenv().getOrDefault("SC_BENCH_BASE", "sc-busybox:latest");
        int createWarmup = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_CREATE_WARMUP", "1000"));
        int createPairs = Integer.parseInt(System.getenv().getOrDefault("SC_BENCH_CREATE_PAIRS", "400"));
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "scb");

        List<String> parts = List.of(System.getenv().getOrDefault("SC_BENCH_PARTS", "proxy,recorder,read").split(","));
        if (parts.contains("proxy")) {
            proxy(repo, docker, scratch, rounds, pingMillis, streamBytes, image, base, createWarmup, createPairs);
        }
        if (parts.contains("recorder")) {
            recorder(scratch);
        }
        if (parts.contains("read")) {
            readSide(scratch);
        }
    }

    private static void proxy(Path repo, Path docker, Path scratch, int rounds, long pingMillis, long streamBytes,
            String image, String base, int createWarmup, int createPairs) throws Exception {
        Map<String, List<Double>> results = new LinkedHashMap<>();
        try (Targets targets = new Targets(repo, docker, scratch)) {
            List<String> names = new ArrayList<>(targets.sockets().keySet());
            System.out.printf("targets: %s; %d rounds, ping %d ms each, streams %d MiB%n",
                    names, rounds, pingMillis, streamBytes >> 20);
            Path direct = targets.sockets().get(Targets.DIRECT);
            Path proxy = targets.sockets().get(Targets.PROXY);
            CreateLoad creates = new CreateLoad(base);
            CreateLoad.Pairs firstCreates = creates.pairs(direct, proxy, 100); // before anything else warms the JIT
            // Room for 500,000 pings/s, several times what the generator reaches on this kind of machine.
            PingLoad pings = new PingLoad((int) Math.min(Integer.MAX_VALUE - 8, pingMillis * 500));
            for (String name : names) {
                pings.run(targets.sockets().get(name), 10, 2000); // warm-up: JIT, connections, caches
            }
            for (int round = 1; round <= rounds; round++) {
                // Rotate the order each round so no target always runs first (or after the heaviest).
                List<String> order = new ArrayList<>(names);
                java.util.Collections.rotate(order, round - 1);
                for (String name : order) {
                    Path socket = targets.sockets().get(name);
                    for (int concurrency : new int[] {1, 10}) {
                        PingLoad.Result ping = pings.run(socket, concurrency, pingMillis);
                        add(results, name, "ping c=" + concurrency + " req/s", ping.requestsPerSecond());
                        add(results, name, "ping c=" + concurrency + " p50 us", ping.p50Micros());
                        add(results, name, "ping c=" + concurrency + " p99 us", ping.p99Micros());
                    }
                    if (streamBytes > 0) {
                        add(results, name, "save MB/s", StreamLoad.save(socket, image));
                        add(results, name, "build MB/s", StreamLoad.build(socket, base, streamBytes));
                    }
                }
                System.out.printf("round %d done%n", round);
            }
            creates.warm(proxy, createWarmup);
            CreateLoad.Pairs warmedCreates = creates.pairs(direct, proxy, createPairs);
            long pid = targets.proxyPid();
            long peakKib = statusKib(pid, "VmHWM");
            print(names, results);
            // Mapped files count in RSS: TDB2 maps its store files, whose pages are reclaimable page cache.
            System.out.printf(Locale.ROOT, "%nsc proxy peak RSS: %.0f MiB (at the end: %.0f MiB anonymous, %.0f MiB mapped"
                    + " files, most of them the TDB2 store)%n", peakKib / 1024.0, statusKib(pid, "RssAnon") / 1024.0,
                    statusKib(pid, "RssFile") / 1024.0);
            printCreates("the first 100 after start", firstCreates);
            printCreates("warmed up (after " + createWarmup + " more)", warmedCreates);
        }
    }

    private static void recorder(Path scratch) throws Exception {
        List<Double> throughput = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            throughput.add(RecorderThroughput.recordsPerSecond(scratch, 20_000, 8));
        }
        System.out.printf(Locale.ROOT, "recorder: %.0f durable records/s (median of 3 runs of 20,000 create records"
                + " from 8 threads into TDB2 on disk)%n", median(throughput));
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

    private static void add(Map<String, List<Double>> results, String target, String metric, double value) {
        results.computeIfAbsent(metric + "|" + target, k -> new ArrayList<>()).add(value);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Each cell: the median over rounds, and in brackets the median over rounds of the ratio to
     * direct measured in the same round (paired, so a noisy round moves both sides).
     */
    private static void print(List<String> names, Map<String, List<Double>> results) {
        List<String> metrics = results.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct().toList();
        StringBuilder header = new StringBuilder(String.format("%n%-18s", "median of rounds"));
        for (String name : names) {
            header.append(String.format("%22s", name));
        }
        System.out.println(header);
        for (String metric : metrics) {
            List<Double> direct = results.get(metric + "|" + Targets.DIRECT);
            StringBuilder row = new StringBuilder(String.format("%-18s", metric));
            for (String name : names) {
                List<Double> values = results.get(metric + "|" + name);
                if (values == null) {
                    row.append(String.format("%22s", "-")); // not measured for this target
                    continue;
                }
                row.append(name.equals(Targets.DIRECT)
                        ? String.format(Locale.ROOT, "%22.1f", median(values))
                        : String.format(Locale.ROOT, "%13.1f (%.2fx)", median(values), median(paired(values, direct, false))));
            }
            System.out.println(row);
        }
        for (String concurrency : Arrays.asList("1", "10")) {
            List<Double> direct = results.get("ping c=" + concurrency + " p50 us|" + Targets.DIRECT);
            StringBuilder row = new StringBuilder(String.format("%-18s", "added p50 c=" + concurrency));
            for (String name : names) {
                List<Double> values = results.get("ping c=" + concurrency + " p50 us|" + name);
                row.append(String.format(Locale.ROOT, "%19.1f us", median(paired(values, direct, true))));
            }
            System.out.println(row);
        }
    }

    /** Per round: value / direct, or value - direct. */
    private static List<Double> paired(List<Double> values, List<Double> direct, boolean difference) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(difference ? values.get(i) - direct.get(i) : values.get(i) / direct.get(i));
        }
        return out;
    }

    /** A field of /proc/PID/status in KiB (VmHWM: peak RSS; RssAnon, RssFile: what it is made of now). */
    private static long statusKib(long pid, String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1L);
    }
}
