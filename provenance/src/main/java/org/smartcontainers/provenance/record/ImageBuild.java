package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;

/**
 * {@code POST /build} as PROV: the image generated from its base images and its context. Build-arg
 * values are never recorded (they often hold secrets), only their names.
 */
public final class ImageBuild {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageBuild() {
    }

    /**
     * What the request line shows (tags, Dockerfile path, target, platform, network, flags, build-arg
     * names, labels), on the build's plan: the label, the same for identical builds.
     */
    public static ActivityRecord start(Map<String, List<String>> query, Instant started, Agents agents) {
        ActivityRecord record = ActivityRecord.planned(Vocab.Docker.Build, Vocab.Docker.BuildPlan, started, agents);
        Resource plan = record.plan();
        query.getOrDefault("t", List.of()).forEach(tag -> plan.addProperty(Vocab.Docker.tag, tag));
        plan.addProperty(Vocab.Docker.dockerfile, dockerfilePath(query));
        QueryParameters.first(query, "target").ifPresent(v -> plan.addProperty(Vocab.Docker.buildTarget, v));
        QueryParameters.first(query, "platform").ifPresent(v -> plan.addProperty(Vocab.Docker.platform, v));
        QueryParameters.first(query, "networkmode").ifPresent(v -> plan.addProperty(Vocab.Docker.networkMode, v));
        plan.addLiteral(Vocab.Docker.noCache, flag(query, "nocache"));
        plan.addLiteral(Vocab.Docker.pull, flag(query, "pull"));
        for (String name : jsonKeys(QueryParameters.first(query, "buildargs").orElse(null))) {
            plan.addProperty(Vocab.Docker.buildArg, name);
        }
        ContainerCreate.Labels.describe(plan, json(QueryParameters.first(query, "labels").orElse(null)));
        boolean buildKit = QueryParameters.first(query, "version").orElse("1").equals("2");
        plan.addProperty(Vocab.Docker.builder, buildKit ? "buildkit" : "classic");
        return record;
    }

    /**
     * The base images the Dockerfile names ({@code FROM}), known before the request goes on: their
     * references and the images they resolved to, on the plan; the run used those images.
     */
    public static void baseImages(ActivityRecord record, List<String> references, List<String> imageIds) {
        Resource plan = record.plan();
        references.forEach(ref -> plan.addProperty(Vocab.Docker.baseImageReference, ref));
        for (String id : imageIds) {
            plan.addProperty(Vocab.Docker.baseImage, plan.getModel().createResource(Vocab.imageIri(id))); // described by the run
            record.activity().addProperty(Vocab.Prov.used, ContainerCreate.image(record.known(), id));
        }
    }

    /** The Dockerfile's digest, read before the request went on (classic builds): part of the plan. */
    public static void dockerfile(ActivityRecord record, String dockerfileSha256) {
        record.plan().addProperty(Vocab.Docker.dockerfileDigest, "sha256:" + dockerfileSha256);
    }

    /**
     * What a BuildKit build read, learned as it ran, on its plan (the label its image gets at the end of a
     * gateway build says it, as a classic build's does): the Dockerfile's digest when its bytes passed (null
     * when not), its base images' references and the images they resolved to.
     */
    public static void readPlanned(ActivityRecord record, String dockerfileSha256, List<String> references,
            List<String> imageIds) {
        record.amendPlan(plan -> {
            Model model = plan.getModel();
            if (dockerfileSha256 != null) {
                plan.addProperty(Vocab.Docker.dockerfileDigest, "sha256:" + dockerfileSha256);
            }
            references.forEach(ref -> plan.addProperty(Vocab.Docker.baseImageReference, ref));
            imageIds.forEach(id -> plan.addProperty(Vocab.Docker.baseImage, model.createResource(Vocab.imageIri(id))));
        });
    }

    /** What the whole context showed as it streamed past (classic builds), or as BuildKit read it. */
    public static void context(ActivityRecord record, String contextDigest, long contextSize) {
        Resource activity = record.activityLearned();
        activity.addProperty(Vocab.Docker.contextDigest, contextDigest);
        if (contextSize >= 0) {
            activity.addLiteral(Vocab.Docker.contextSize, contextSize);
        }
    }

    /**
     * The daemon reported the image; {@code baseImageIds} are the FROM images, resolved. When the image
     * existed before this run (every step cached), it was generated by the run that first made it: this
     * run records it as reused.
     */
    public static void built(ActivityRecord record, String imageId, List<String> baseImageIds, boolean existedBefore,
            Instant ended) {
        Model learned = record.learned();
        Resource image = ContainerCreate.image(learned, imageId);
        if (existedBefore) {
            record.activityLearned().addProperty(Vocab.Docker.reusedImage, image);
        } else {
            record.generated(image);
        }
        for (String base : baseImageIds) {
            image.addProperty(Vocab.Prov.wasDerivedFrom, learned.createResource(Vocab.imageIri(base)));
        }
        record.succeeded(ended);
    }

    /**
     * A BuildKit build, as its solve request shows it (the Dockerfile frontend's attributes, and the
     * exporter's image names): tags, Dockerfile path, target, platform, network, flags, build-arg
     * names (never values), labels, on the build's plan.
     */
    public static ActivityRecord startBuildKit(Map<String, String> frontendAttributes, List<String> tags,
            Instant started, Agents agents) {
        ActivityRecord record = ActivityRecord.planned(Vocab.Docker.Build, Vocab.Docker.BuildPlan, started, agents);
        Resource plan = record.plan();
        tags.forEach(tag -> plan.addProperty(Vocab.Docker.tag, tag));
        plan.addProperty(Vocab.Docker.dockerfile, frontendAttributes.getOrDefault("filename", "Dockerfile"));
        attribute(frontendAttributes, "target").ifPresent(v -> plan.addProperty(Vocab.Docker.buildTarget, v));
        attribute(frontendAttributes, "platform").ifPresent(v -> plan.addProperty(Vocab.Docker.platform, v));
        attribute(frontendAttributes, "force-network-mode").ifPresent(v -> plan.addProperty(Vocab.Docker.networkMode, v));
        plan.addLiteral(Vocab.Docker.noCache, frontendAttributes.containsKey("no-cache"));
        plan.addLiteral(Vocab.Docker.pull, "pull".equals(frontendAttributes.get("image-resolve-mode")));
        ObjectNode labels = JSON.createObjectNode();
        new TreeMap<>(frontendAttributes).forEach((key, value) -> {
            if (key.startsWith("build-arg:")) {
                plan.addProperty(Vocab.Docker.buildArg, key.substring("build-arg:".length()));
            } else if (key.startsWith("label:")) {
                labels.put(key.substring("label:".length()), value);
            }
        });
        ContainerCreate.Labels.describe(plan, labels);
        plan.addProperty(Vocab.Docker.builder, "buildkit");
        return record;
    }

    private static Optional<String> attribute(Map<String, String> attributes, String key) {
        String value = attributes.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * What BuildKit read, learned as the build ran (it is not in the request, so not on the plan): the
     * Dockerfile's digest, when its bytes crossed the proxy, and its base images ({@code FROM}),
     * resolved to the images the run used.
     */
    public static void dockerfileRead(ActivityRecord record, String dockerfileSha256, List<String> references,
            List<String> imageIds) {
        Resource run = record.activityLearned();
        if (dockerfileSha256 != null) {
            run.addProperty(Vocab.Docker.dockerfileDigest, "sha256:" + dockerfileSha256);
        }
        references.forEach(ref -> run.addProperty(Vocab.Docker.baseImageReference, ref));
        imageIds.forEach(id -> run.addProperty(Vocab.Prov.used, ContainerCreate.image(record.learned(), id)));
    }

    /**
     * The context as BuildKit's file sync listed it: a digest of its listing (each entry's path, mode,
     * size, modification time and link target, in the order sent) and the total size of its files.
     */
    public static void contextListing(ActivityRecord record, String listingDigest, long files, long bytes) {
        Resource run = record.activityLearned();
        run.addProperty(Vocab.Docker.contextListingDigest, listingDigest);
        run.addLiteral(Vocab.Docker.contextFiles, files);
        run.addLiteral(Vocab.Docker.contextSize, bytes);
    }

    /** What the proxy could not see of this run, said in the graph. */
    public static void note(ActivityRecord record, String note) {
        record.activityLearned().addProperty(Vocab.Sc.note, note);
    }

    /** One step of a BuildKit build (a vertex), part of the run: its name, cached or not, times, error. */
    public static void step(ActivityRecord record, String vertexDigest, String name, boolean cached, Instant started,
            Instant completed, String error) {
        Model learned = record.learned();
        Resource step = learned.createResource(record.iri() + "/step/" + Vocab.bareId(vertexDigest))
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, Vocab.Docker.BuildStep)
                .addProperty(Vocab.Docker.vertexDigest, vertexDigest)
                .addLiteral(Vocab.Docker.cached, cached);
        if (name != null) {
            step.addProperty(RDFS.label, name);
        }
        if (started != null) {
            step.addLiteral(Vocab.Prov.startedAtTime, ActivityRecord.dateTime(learned, started));
        }
        if (completed != null) {
            step.addLiteral(Vocab.Prov.endedAtTime, ActivityRecord.dateTime(learned, completed));
        }
        if (error != null && !error.isEmpty()) {
            step.addProperty(Vocab.Sc.errorMessage, error);
        }
        record.activityLearned().addProperty(Vocab.Docker.step, step);
    }

    /** The Dockerfile's path in the context: the {@code dockerfile} parameter, else {@code Dockerfile}. */
    public static String dockerfilePath(Map<String, List<String>> query) {
        return QueryParameters.first(query, "dockerfile").orElse("Dockerfile");
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        String value = QueryParameters.first(query, name).orElse("0");
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> jsonKeys(String text) {
        JsonNode node = json(text);
        if (node == null || !node.isObject()) {
            return List.of();
        }
        ArrayList<String> keys = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }
}
