package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.DockerException;
import org.smartcontainers.docker.ImageAttestations;
import org.smartcontainers.docker.ImageIdentities;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.BuildKitAttestations;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.proxy.buildkit.ControlSolve;
import org.smartcontainers.proxy.buildkit.FileSyncPacket;
import org.smartcontainers.proxy.h2.ConnectionWatcher;

/**
 * Records the builds BuildKit makes for clients that speak its gRPC API (buildx, compose): the
 * control connections ({@code /grpc}, or HTTP/2 with prior knowledge) carry the builds, the session
 * connections ({@code /session}) the client's files. Builds find their files by session ID.
 */
final class BuildKitRecording {
    private static final Logger LOG = LoggerFactory.getLogger(BuildKitRecording.class);
    /** How long a session's files stay after its connection closed, for the build that used them to end. */
    private static final long SESSION_AFTERLIFE_SECONDS = 60;

    private final InterceptionContext shared;
    private final Map<String, SessionFiles> sessions = new ConcurrentHashMap<>();
    private final Map<String, BuildKitBuild> builds = new ConcurrentHashMap<>();
    private final DockerfileMemory dockerfiles = new DockerfileMemory();
    private final PlanLabels plans = new PlanLabels();

    BuildKitRecording(InterceptionContext shared) {
        this.shared = shared;
    }

    /** A control connection: its solves are recorded and labelled. */
    ConnectionWatcher control(Caller caller) {
        return new ControlConnectionWatcher(this, caller);
    }

    /** A session connection: its file sync is read. Null when the client names no session. */
    ConnectionWatcher session(HttpRequest upgrade) {
        String id = upgrade.headers().get("X-Docker-Expose-Session-Uuid");
        if (id == null || id.isEmpty()) {
            return null;
        }
        SessionFiles files = new SessionFiles(upgrade.headers().get("X-Docker-Expose-Session-Sharedkey"));
        sessions.put(id, files);
        // Removed on the timer's own thread: the default executor on a two-core machine starts a thread per task.
        return new SessionConnectionWatcher(files, () -> CompletableFuture
                .delayedExecutor(SESSION_AFTERLIFE_SECONDS, TimeUnit.SECONDS, Runnable::run)
                .execute(() -> sessions.remove(id, files)));
    }

    InterceptionContext shared() {
        return shared;
    }

    /** Starts a build's record from its solve request; returns its label. */
    String start(BuildKitBuild build, ControlSolve.Request request, Agents agents) {
        return build.start(request, agents, plans, shared.threads().work);
    }

    /** The build of this ref if one was heard of, else null (nothing is made for it). */
    BuildKitBuild knownBuild(String ref) {
        return builds.get(ref);
    }

    /** The build of this ref, made when first heard of. */
    BuildKitBuild build(String ref) {
        return builds.computeIfAbsent(ref, r -> new BuildKitBuild(r, this::finish));
    }

    /** A status stream ended: a build whose solve this proxy never saw is forgotten. */
    void statusEnded(BuildKitBuild build) {
        build.statusEnded();
        if (!build.started()) {
            builds.remove(build.ref, build);
        }
    }

    /** Writes the record of a build that ended, off the event loop; completes when it is committed. */
    private CompletableFuture<?> finish(BuildKitBuild build) {
        builds.remove(build.ref, build);
        if (!build.started()) {
            return CompletableFuture.completedFuture(null);
        }
        long began = System.nanoTime();
        // Its names moved (the image is exported by now): a create right after the build must not be told the old image.
        build.exportedNames().forEach(shared.images()::nameMoved);
        String imageId = build.succeeded() ? build.imageId() : null;
        String dockerId = build.succeeded() ? build.dockerImageId() : null;
        // The image is asked for while the files are read: the build's end waits for both.
        CompletableFuture<Optional<DockerClient.Image>> inspected = dockerId == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> shared.docker().imageById(dockerId), shared.threads().lookups);
        CompletableFuture<Sources> read = sources(build);
        List<NamedGraph> attested = new ArrayList<>();
        return CompletableFuture.supplyAsync(() -> {
            ActivityRecord record = build.record();
            if (build.relabelled()) {
                plan(record, read.join()); // its result's label was known: the plan it names is made now
            }
            record.labelledWith(build.label()); // the solve's, or the one its result was given
            List<String> baseIds = recordFiles(record, read.join(), contextListing(build.sessionId()));
            BuildArgValues values = build.argValues();
            build.steps.recordInto(record, values);
            if (!build.succeeded()) {
                String message = values.redact(build.message());
                record.failed(Instant.now(), message != null ? message : "the build failed");
            } else if (imageId != null) {
                Optional<DockerClient.Image> image = inspected.join();
                boolean existedBefore = image.map(DockerClient.Image::created)
                        .map(created -> created.isBefore(build.startedAt())).orElse(false);
                image.ifPresent(made -> checkLabel(made, build, record));
                String recordedId = image.map(DockerClient.Image::recordedId).orElseGet(() -> shared.docker().recordedImageId(imageId));
                ImageBuild.built(record, recordedId, baseIds, existedBefore, Instant.now());
                attested.addAll(attestations(dockerId, record.iri()));
            } else {
                record.succeeded(Instant.now()); // exported elsewhere (a local directory, a cache): no image here
            }
            return record;
        }, shared.threads().work).thenCompose(record -> {
            long made = System.nanoTime();
            return shared.recording().keeper().store(record).thenApply(outcome -> {
                attested.forEach(shared.recording().keeper()::submit); // after the build it is about
                LOG.debug("build {}: its record made in {} us, stored in {} us", build.ref, (made - began) / 1000,
                        (System.nanoTime() - made) / 1000);
                return outcome;
            });
        });
    }

    /**
     * What BuildKit attested of the image (provenance, SBOM), where the daemon keeps it beside the image in its index
     * (the containerd image store): each statement a graph of its own, apart from our record. None elsewhere, or
     * when it cannot be read (logged: the build's record stands without it).
     */
    private List<NamedGraph> attestations(String dockerId, String buildIri) {
        try {
            if (dockerId == null || !shared.docker().imageIdentities().containerdStore()) {
                return List.of();
            }
            ImageIdentities.ImageIdentity identity = shared.docker().imageIdentities().of(dockerId);
            if (identity.index() == null) {
                return List.of();
            }
            List<ImageAttestations.Statement> statements = new ImageAttestations(shared.docker()).of(identity.index(), identity.manifest());
            List<NamedGraph> graphs = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                graphs.add(BuildKitAttestations.graph(buildIri, Vocab.imageIri(identity.config()), i, statements.get(i).predicateType(),
                        statements.get(i).statement(), shared.docker()::recordedImageId));
            }
            return graphs;
        } catch (DockerException e) {
            LOG.warn("what BuildKit attested of image {} is not read: {}", dockerId, e.getMessage());
            return List.of();
        }
    }

    /**
     * BuildKit puts the Dockerfile frontend's {@code label:} attributes on the image; a frontend that
     * ignores them (a custom {@code # syntax=} image) or a client that makes its own result could
     * leave another label there. Such an image is not what its label says: the record says so.
     */
    private static void checkLabel(DockerClient.Image image, BuildKitBuild build, ActivityRecord record) {
        String label = image.label(ProvenanceLabel.KEY);
        if (!build.label().equals(label)) {
            LOG.warn("image {} was built without the smartcontainer label the proxy set (its frontend or client"
                    + " did not apply it)", image.id());
            ImageBuild.note(record, "the image's smartcontainer label is not the one SmartContainers set: its"
                    + " frontend or client did not apply the label attributes, so the label does not describe this build");
        }
    }

    /**
     * What a build's frontend read: its Dockerfile (null when
     * its bytes did not pass: BuildKit kept them from an earlier build, and this proxy has not seen them since it
     * started), its base images' references (from the Dockerfile, else those BuildKit looked up) and the images
     * they name here.
     */
    record Sources(DockerfileMemory.Read dockerfile, List<String> references,
            List<DockerClient.Image> bases) {
    }

    /** The build's sources, looked up once, off the event loop. */
    CompletableFuture<Sources> sources(BuildKitBuild build) {
        return build.sources(() -> CompletableFuture.supplyAsync(
                () -> lookUp(build.sessionId(), build.dockerfilePath(), build.steps), shared.threads().lookups));
    }

    /** A {@code /build?version=2} build's sources, in its record (asks the daemon). Returns the base images' IDs. */
    List<String> readFiles(ActivityRecord record, String sessionId, String dockerfilePath, BuildKitSteps steps) {
        return recordFiles(record, lookUp(sessionId, dockerfilePath, steps), contextListing(sessionId));
    }

    private Sources lookUp(String sessionId, String dockerfilePath, BuildKitSteps steps) {
        SessionFiles files = session(sessionId);
        DockerfileMemory.Read dockerfile = files == null ? null : dockerfile(files, dockerfilePath);
        List<String> references = dockerfile != null ? Dockerfiles.baseImages(dockerfile.text())
                : steps.baseImageReferences();
        return new Sources(dockerfile, references, shared.baseImages(references));
    }

    private SessionFiles session(String sessionId) {
        return sessionId == null || sessionId.isEmpty() ? null : sessions.get(sessionId);
    }

    /**
     * The context as BuildKit last listed it, asked for when the build has ended: a gateway build's steps run
     * as its result is exported (after the frontend returned it), and the frontend's own read of the context
     * (its {@code .dockerignore}) is a listing of its own before that. Null when no session of it was seen.
     */
    private SessionFiles.Listing contextListing(String sessionId) {
        SessionFiles files = session(sessionId);
        return files == null ? null : files.listing("context");
    }

    /**
     * A gateway client's frontend solve succeeded: the frontend has read the Dockerfile through the session (its last
     * complete listing is here), so the label of the result the client returns next is made now, while the client
     * makes that call, not when it comes with the client's frames waiting for it. Without a listing (BuildKit kept
     * the Dockerfile, or the session passed elsewhere) the label is made when the result comes, as before.
     */
    void frontendSolved(BuildKitBuild build) {
        SessionFiles files = session(build.sessionId());
        if (build.started() && files != null && files.listing(SessionFiles.DOCKERFILE_DIR) != null) {
            travellingLabel(build);
        }
    }

    /**
     * The label of a gateway client's result (buildx hands it over with {@code LLBBridge/Return}, after the
     * Dockerfile was read): the plan, with the Dockerfile's digest when its bytes passed, carrying the base
     * images' histories, as a classic build's label does. Made once, off the event loop, on one thread: the
     * sources are looked up there too (when nothing asked for them before), since each hand-over to another
     * thread costs a wake-up that the client's waiting frames would feel.
     */
    CompletableFuture<String> travellingLabel(BuildKitBuild build) {
        long asked = System.nanoTime();
        String planLabel = build.label();
        return build.travellingLabel(() -> CompletableFuture.supplyAsync(() -> {
            Sources read = sourcesHere(build);
            long found = System.nanoTime();
            PlanLabels.Read key = new PlanLabels.Read(planLabel, read.dockerfile() == null ? null
                    : read.dockerfile().sha256Hex(), read.references(), baseIds(read));
            String label = plans.known(key);
            if (label == null) {
                ActivityRecord record = build.record();
                plan(record, read);
                label = record.label();
                plans.remember(key, label);
            }
            build.relabel(label);
            LOG.debug("build {}: its label made in {} us ({} us looking up what it read)", build.ref,
                    (System.nanoTime() - asked) / 1000, (found - asked) / 1000);
            return label;
        }, shared.threads().lookups));
    }

    /** The build's sources, looked up on the calling thread unless they were asked for already (then awaited). */
    private Sources sourcesHere(BuildKitBuild build) {
        CompletableFuture<Sources> mine = new CompletableFuture<>();
        CompletableFuture<Sources> asked = build.sources(() -> mine);
        if (asked == mine) {
            try {
                mine.complete(lookUp(build.sessionId(), build.dockerfilePath(), build.steps));
            } catch (Throwable e) { // whatever it was, a record waiting for these sources must not wait forever
                mine.completeExceptionally(e);
            }
        }
        return asked.join();
    }

    /** What the build read, on its plan, and its bases' histories, for its label to carry: once. */
    private static void plan(ActivityRecord record, Sources read) {
        if (record.carries()) {
            return;
        }
        ImageBuild.readPlanned(record, read.dockerfile() == null ? null : read.dockerfile().sha256Hex(),
                read.references(), baseIds(read));
        record.carry(InterceptionContext.ancestry(read.bases()));
    }

    private static List<String> baseIds(Sources read) {
        return read.bases().stream().map(DockerClient.Image::recordedId).toList();
    }

    /** What the build read, in its record. Returns the base images' IDs. */
    private static List<String> recordFiles(ActivityRecord record, Sources read, SessionFiles.Listing context) {
        if (context != null && context.digestHex() != null) {
            ImageBuild.contextListing(record, "sha256:" + context.digestHex(), context.files(), context.bytes());
        }
        List<String> ids = read.bases().stream().map(DockerClient.Image::recordedId).toList();
        ImageBuild.dockerfileRead(record, read.dockerfile() == null ? null : read.dockerfile().sha256Hex(),
                read.references(), ids);
        if (read.dockerfile() == null) {
            ImageBuild.note(record, "the Dockerfile's bytes did not pass the proxy (BuildKit kept them from an"
                    + " earlier build): its digest is not recorded, and the base images are those BuildKit looked up");
        }
        return ids;
    }

    private DockerfileMemory.Read dockerfile(SessionFiles files, String path) {
        SessionFiles.Listing listing = files.listing(SessionFiles.DOCKERFILE_DIR);
        if (listing == null) {
            return null;
        }
        String name = listing.stat(path) != null ? path : path.substring(path.lastIndexOf('/') + 1);
        FileSyncPacket.Stat stat = listing.stat(name);
        if (stat == null) {
            return null;
        }
        DockerfileMemory.Listed listed = new DockerfileMemory.Listed(files.sharedKey(), stat.path(), stat.size(),
                stat.modTime(), stat.mode());
        byte[] content = listing.content(name);
        if (content == null) {
            return dockerfiles.recall(listed);
        }
        DockerfileMemory.Read read = new DockerfileMemory.Read(Digests.sha256Hex(content), new String(content, StandardCharsets.UTF_8));
        dockerfiles.remember(listed, read);
        return read;
    }
}
