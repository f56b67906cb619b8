package org.smartcontainers.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The proxy part's results: one value per round for each metric and target. Each cell printed is the
 * median over rounds and, in brackets, the median over rounds of the ratio to direct measured in the
 * same round (paired, so a noisy round moves both sides).
 */
final class ResultTable {
    /** Direct within this share of the canned responder's rate may be held down by the generator, not the daemon. */
    private static final double GENERATOR_BOUND = 0.70;

    private final List<String> targets;
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** {@code targets}: the columns in order, {@link Targets#DIRECT} among them. */
    ResultTable(List<String> targets) {
        this.targets = targets;
    }

    void add(String target, String metric, double value) {
        values.computeIfAbsent(metric + "|" + target, k -> new ArrayList<>()).add(value);
    }

    /** The value added last, of the round in progress. */
    double last(String target, String metric) {
        List<Double> cell = values.get(metric + "|" + target);
        return cell.get(cell.size() - 1);
    }

    static String pingMetric(int concurrency, String measure) {
        return "ping c=" + concurrency + " " + measure;
    }

    void print(MemorySampler.Peaks proxyMemory) {
        List<String> metrics = values.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct().toList();
        StringBuilder header = new StringBuilder(String.format("%n%-18s", "median of rounds"));
        for (String target : targets) {
            header.append(String.format("%22s", target.equals(Targets.CANNED) ? "canned (gen. ceiling)" : target));
        }
        System.out.println(header);
        for (String metric : metrics) {
            row(metric, target -> {
                List<Double> cell = values.get(metric + "|" + target);
                if (cell == null) {
                    return "-"; // not measured for this target
                }
                // A relay's own cost (its CPU) has no direct counterpart: the value alone.
                boolean alone = target.equals(Targets.DIRECT) || !values.containsKey(metric + "|" + Targets.DIRECT);
                return alone ? String.format(Locale.ROOT, "%.1f", median(cell))
                        : String.format(Locale.ROOT, "%.1f (%.2fx)", median(cell), pairedRatio(target, metric, Targets.DIRECT));
            });
        }
        boolean pinged = values.containsKey(pingMetric(1, "req/s") + "|" + Targets.DIRECT);
        for (int concurrency : pinged ? PingLoad.CONCURRENCIES : new int[0]) {
            String p50 = pingMetric(concurrency, "p50 us");
            // The canned responder is no path to the daemon: what it would "add" is meaningless.
            row("added p50 c=" + concurrency, target -> target.equals(Targets.CANNED) ? "-"
                    : String.format(Locale.ROOT, "%.1f us", median(paired(target, p50, Targets.DIRECT, true))));
        }
        row("peak anon MiB", target -> target.equals(Targets.PROXY)
                ? String.format(Locale.ROOT, "%.1f", proxyMemory.anonKib() / 1024.0) : "-");
        row("peak RSS MiB", target -> target.equals(Targets.PROXY)
                ? String.format(Locale.ROOT, "%.1f", proxyMemory.rssKib() / 1024.0) : "-");
        System.out.printf(Locale.ROOT, "(peaks: over the whole proxy part, not medians. anon: the highest RssAnon sampled every"
                + " %d ms, during %s;%n RSS: the kernel's VmHWM, which counts mapped files too: their highest sample was %.1f MiB,"
                + " mostly the TDB2 store)%n", MemorySampler.PERIOD_MILLIS, proxyMemory.anonPhase(), proxyMemory.fileKib() / 1024.0);
        if (pinged) {
            printCeilings();
        }
    }

    /** The generator's ceiling (the canned responder) and the direct one, and whether the first may hold down the second. */
    private void printCeilings() {
        StringBuilder generator = new StringBuilder(String.format("%-48s", "generator ceiling: canned responder (own JVM)"));
        StringBuilder direct = new StringBuilder(String.format("%-48s", "direct ceiling: the daemon, no proxy"));
        StringBuilder shares = new StringBuilder(String.format("%-48s", "direct / generator ceiling (paired by round)"));
        List<String> bound = new ArrayList<>();
        for (int concurrency : PingLoad.CONCURRENCIES) {
            String rate = pingMetric(concurrency, "req/s");
            double share = pairedRatio(Targets.DIRECT, rate, Targets.CANNED);
            generator.append(String.format(Locale.ROOT, "  c=%-2d %9.0f req/s", concurrency,
                    median(values.get(rate + "|" + Targets.CANNED))));
            direct.append(String.format(Locale.ROOT, "  c=%-2d %9.0f req/s", concurrency,
                    median(values.get(rate + "|" + Targets.DIRECT))));
            shares.append(String.format(Locale.ROOT, "  c=%-2d %9.2fx     ", concurrency, share));
            if (share >= GENERATOR_BOUND) {
                bound.add(String.format(Locale.ROOT, "c=%d (%.2fx)", concurrency, share));
            }
        }
        System.out.println(generator);
        System.out.println(direct);
        System.out.println(shares.toString().stripTrailing());
        if (!bound.isEmpty()) {
            System.out.printf(Locale.ROOT, "WARNING: direct reaches %.0f%% or more of the generator's ceiling at %s: the"
                    + " generator may be the limit there, and ratios to direct then flatter every proxy%n",
                    GENERATOR_BOUND * 100, String.join(", ", bound));
        }
    }

    private void row(String label, Function<String, String> cell) {
        StringBuilder row = new StringBuilder(String.format("%-18s", label));
        for (String target : targets) {
            row.append(String.format("%22s", cell.apply(target)));
        }
        System.out.println(row);
    }

    private double pairedRatio(String target, String metric, String to) {
        return median(paired(target, metric, to, false));
    }

    /** Per round: the target's value over (or minus) the other's in the same round. */
    private List<Double> paired(String target, String metric, String to, boolean difference) {
        List<Double> mine = values.get(metric + "|" + target);
        List<Double> theirs = values.get(metric + "|" + to);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            out.add(difference ? mine.get(i) - theirs.get(i) : mine.get(i) / theirs.get(i));
        }
        return out;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
