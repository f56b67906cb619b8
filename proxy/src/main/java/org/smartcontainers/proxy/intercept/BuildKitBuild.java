package org.smartcontainers.proxy.intercept;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.proxy.buildkit.ControlSolve;

/**
 * One BuildKit build over gRPC, known by its solve's ref: started by {@code Control/Solve} (whose
 * request gives the plan and takes the label), its steps told by {@code Control/Status}, ended by
 * the solve's trailers. Status may begin before the solve, so either can make it.
 */
final class BuildKitBuild {
    private static final Logger LOG = LoggerFactory.getLogger(BuildKitBuild.class);
    /** The image the exporter made: with Docker's own image store, its config digest is the image ID. */
    private static final List<String> IMAGE_ID_KEYS = List.of("containerimage.config.digest", "containerimage.digest");
    private static final List<String> DOCKER_ID_KEYS = List.of("containerimage.digest", "containerimage.config.digest");

    final String ref;
    final BuildKitSteps steps = new BuildKitSteps();
    private final Function<BuildKitBuild, CompletableFuture<?>> finisher;
    /** The run's record: made at once, or off the event loop when the plan's label was known already. */
    private CompletableFuture<ActivityRecord> record;
    private String label;
    private boolean relabelled;
    private CompletableFuture<BuildKitRecording.Sources> sources;
    private CompletableFuture<String> travellingLabel;
    private String sessionId;
    private String dockerfilePath;
    /** Kept only to take them out of step names and errors: never recorded. */
    private BuildArgValues argValues = BuildArgValues.NONE;
    private Instant startedAt;
    private List<String> exportedNames = List.of();
    private Map<String, String> exporterResponse = Map.of();
    private Integer status;
    private String message;
    private boolean statusOpen;
    private final CompletableFuture<Void> statusEnd = new CompletableFuture<>();
    /** How long a solve's end waits for its status stream's: BuildKit ends it right after the solve. */
    private static final long STATUS_AFTER_SOLVE_MILLIS = 2_000;

    BuildKitBuild(String ref, Function<BuildKitBuild, CompletableFuture<?>> finisher) {
        this.ref = ref;
        this.finisher = finisher;
    }

    /**
     * The solve's request: the plan, and the label it gives (the same for a solve sent twice). A label
     * {@code plans} knows is used as it is, and the record made on {@code work}.
     */
    synchronized String start(ControlSolve.Request request, Agents agents, PlanLabels plans, Executor work) {
        if (record == null) {
            startedAt = Instant.now();
            Instant started = startedAt;
            List<String> tags = tags(request);
            exportedNames = List.copyOf(tags);
            PlanLabels.Inputs inputs = new PlanLabels.Inputs(agents, request.frontendAttrs(), tags);
            label = plans.known(inputs);
            if (label != null) {
                record = CompletableFuture.supplyAsync(
                        () -> ImageBuild.startBuildKit(request.frontendAttrs(), tags, started, agents), work);
            } else {
                ActivityRecord made = ImageBuild.startBuildKit(request.frontendAttrs(), tags, started, agents);
                label = made.label();
                plans.remember(inputs, label);
                record = CompletableFuture.completedFuture(made);
            }
            sessionId = request.session();
            dockerfilePath = request.frontendAttrs().getOrDefault("filename", "Dockerfile");
            argValues = BuildArgValues.ofFrontendAttributes(request.frontendAttrs());
        }
        return label;
    }

    /** The names its exporters give the image (their {@code name} attributes). */
    synchronized List<String> exportedNames() {
        return exportedNames;
    }

    synchronized BuildArgValues argValues() {
        return argValues;
    }

    /** The names the image is exported under: each exporter's {@code name}, a comma-separated list. */
    private static List<String> tags(ControlSolve.Request request) {
        List<String> tags = new ArrayList<>();
        for (ControlSolve.Exporter exporter : request.exporters()) {
            String names = exporter.attrs().getOrDefault("name", "");
            for (String name : names.split(",")) {
                if (!name.isBlank() && !tags.contains(name.trim())) {
                    tags.add(name.trim());
                }
            }
        }
        return tags;
    }

    synchronized boolean started() {
        return record != null;
    }

    /** The label the image gets: the solve's, or the one a gateway client's result was given ({@link #relabel}). */
    synchronized String label() {
        return label;
    }

    synchronized void relabel(String travelling) {
        label = travelling;
        relabelled = true;
    }

    /** Its result was given a label of its own ({@link #relabel}). */
    synchronized boolean relabelled() {
        return relabelled;
    }

    /** What the build read, looked up once (by {@code lookup}, the first time it is asked for). */
    synchronized CompletableFuture<BuildKitRecording.Sources> sources(
            Supplier<CompletableFuture<BuildKitRecording.Sources>> lookup) {
        if (sources == null) {
            sources = lookup.get();
        }
        return sources;
    }

    /** The label a gateway client's result gets, made once (by {@code make}, the first time it is asked for). */
    synchronized CompletableFuture<String> travellingLabel(Supplier<CompletableFuture<String>> make) {
        if (travellingLabel == null) {
            travellingLabel = make.get();
        }
        return travellingLabel;
    }

    synchronized void answered(Map<String, String> response) {
        exporterResponse = response;
    }

    /**
     * The solve ended ({@code grpcStatus} 0 is success): the record is written once the build's status
     * stream has ended too (HTTP/2 may put the solve's trailers before the last status updates, which
     * the tap still reads while it holds the answer), or after a short wait. Completes when the record
     * is committed; the client's view of the end waits for that.
     */
    CompletableFuture<?> solveEnded(int grpcStatus, String grpcMessage) {
        CompletableFuture<Void> statusDone;
        synchronized (this) {
            if (status != null) {
                return CompletableFuture.completedFuture(null);
            }
            status = grpcStatus;
            message = grpcMessage;
            statusDone = statusOpen ? statusEnd : CompletableFuture.completedFuture(null);
        }
        long ended = System.nanoTime();
        return statusDone.completeOnTimeout(null, STATUS_AFTER_SOLVE_MILLIS, TimeUnit.MILLISECONDS)
                .thenCompose(statusEnded -> {
                    LOG.debug("build {}: its solve ended; its status stream {} us later", ref, (System.nanoTime() - ended) / 1000);
                    return finisher.apply(this);
                });
    }

    /** A status stream follows this build. */
    synchronized void statusStarted() {
        statusOpen = true;
    }

    /** Its status stream ended (or was reset). */
    void statusEnded() {
        synchronized (this) {
            statusOpen = false;
        }
        statusEnd.complete(null);
    }

    /** The run's record (waiting for it if it is being made), or null when no solve started this build. */
    ActivityRecord record() {
        CompletableFuture<ActivityRecord> made;
        synchronized (this) {
            made = record;
        }
        return made == null ? null : made.join();
    }

    synchronized String sessionId() {
        return sessionId;
    }

    synchronized String dockerfilePath() {
        return dockerfilePath;
    }

    synchronized Instant startedAt() {
        return startedAt;
    }

    synchronized boolean succeeded() {
        return status != null && status == 0;
    }

    synchronized String message() {
        return message != null && !message.isEmpty() ? message : steps.firstError();
    }

    /**
     * The image ID the exporter reported (its config digest, which records name it by, where it says), or null (no
     * image exported, or a failure).
     */
    synchronized String imageId() {
        return exported(IMAGE_ID_KEYS);
    }

    /** The ID the daemon knows the image by: on a containerd store its manifest's (or index's) digest, not its config's. */
    synchronized String dockerImageId() {
        return exported(DOCKER_ID_KEYS);
    }

    private String exported(List<String> keys) {
        for (String key : keys) {
            String id = exporterResponse.get(key);
            if (id != null && id.startsWith("sha256:")) {
                return id;
            }
        }
        return null;
    }
}
