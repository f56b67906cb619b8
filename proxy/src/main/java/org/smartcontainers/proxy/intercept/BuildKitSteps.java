package org.smartcontainers.proxy.intercept;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.proxy.buildkit.ControlStatus.Vertex;

/**
 * The steps of one BuildKit build as its status updates tell them (the gRPC {@code Status} stream,
 * or the {@code moby.buildkit.trace} lines of {@code /build?version=2}): each vertex once, with the
 * latest of what was said about it.
 */
final class BuildKitSteps {
    /** BuildKit names the lookup of each base image so, for every build, cached or not. */
    private static final Pattern LOAD_METADATA = Pattern.compile("^\\[internal\\] load metadata for (\\S+)$");
    /** A build of more steps than this keeps the first ones: the record stays bounded. */
    private static final int MAX_STEPS = 10_000;

    private final Map<String, Vertex> byDigest = new LinkedHashMap<>();

    synchronized void update(List<Vertex> vertexes) {
        for (Vertex update : vertexes) {
            if (update.digest() == null || update.digest().isEmpty()) {
                continue;
            }
            Vertex before = byDigest.get(update.digest());
            if (before == null && byDigest.size() >= MAX_STEPS) {
                continue;
            }
            byDigest.put(update.digest(), before == null ? update : merged(before, update));
        }
    }

    /** Later updates of a vertex say more (completion, an error); none takes back what an earlier one said. */
    private static Vertex merged(Vertex before, Vertex update) {
        return new Vertex(update.digest(),
                update.inputs().isEmpty() ? before.inputs() : update.inputs(),
                present(update.name()) ? update.name() : before.name(),
                update.cached() || before.cached(),
                earliest(before.started(), update.started()),
                update.completed() != null ? update.completed() : before.completed(),
                present(update.error()) ? update.error() : before.error());
    }

    private static boolean present(String text) {
        return text != null && !text.isEmpty();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    synchronized boolean isEmpty() {
        return byDigest.isEmpty();
    }

    /** The images BuildKit looked up for {@code FROM}, as it names them ({@code docker.io/library/x:y}). */
    synchronized List<String> baseImageReferences() {
        List<String> references = new ArrayList<>();
        for (Vertex vertex : byDigest.values()) {
            Matcher load = LOAD_METADATA.matcher(vertex.name() == null ? "" : vertex.name());
            if (load.matches() && !references.contains(load.group(1))) {
                references.add(load.group(1));
            }
        }
        return references;
    }

    /** The first error a step reported, for a failed build whose own message says less. */
    synchronized String firstError() {
        return byDigest.values().stream().map(Vertex::error).filter(BuildKitSteps::present).findFirst().orElse(null);
    }

    /** Each step into the record, its name and error without the build's argument values. */
    synchronized void recordInto(ActivityRecord record, BuildArgValues values) {
        for (Vertex v : byDigest.values()) {
            Instant started = v.started();
            Instant completed = v.completed();
            if (started != null && completed != null && completed.isBefore(started)) {
                completed = started; // clocks of one daemon; never let a step end before it starts
            }
            ImageBuild.step(record, v.digest(), values.redact(v.name()), v.cached(), started, completed,
                    values.redact(v.error()));
        }
    }
}
