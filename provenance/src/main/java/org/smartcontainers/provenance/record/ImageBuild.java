package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.smartcontainers.provenance.Vocab;

/**
 * {@code POST /build} as PROV: the image generated from its base images and its context. Build-arg
 * values are never recorded (they often hold secrets), only their names.
 */
public final class ImageBuild {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageBuild() {
    }

    /** What the request line shows: tags, Dockerfile path, target, platform, network, flags, build-arg names, labels. */
    public static ActivityRecord start(Map<String, List<String>> query, Instant started, Agents agents) {
        ActivityRecord record = new ActivityRecord(Vocab.Docker.Build, started, agents);
        Resource activity = record.activity();
        query.getOrDefault("t", List.of()).forEach(tag -> activity.addProperty(Vocab.Docker.tag, tag));
        activity.addProperty(Vocab.Docker.dockerfile, dockerfilePath(query));
        QueryParameters.first(query, "target").ifPresent(v -> activity.addProperty(Vocab.Docker.buildTarget, v));
        QueryParameters.first(query, "platform").ifPresent(v -> activity.addProperty(Vocab.Docker.platform, v));
        QueryParameters.first(query, "networkmode").ifPresent(v -> activity.addProperty(Vocab.Docker.networkMode, v));
        activity.addLiteral(Vocab.Docker.noCache, flag(query, "nocache"));
        activity.addLiteral(Vocab.Docker.pull, flag(query, "pull"));
        for (String name : jsonKeys(QueryParameters.first(query, "buildargs").orElse(null))) {
            activity.addProperty(Vocab.Docker.buildArg, name);
        }
        ContainerCreate.Labels.describe(activity, json(QueryParameters.first(query, "labels").orElse(null)));
        boolean buildKit = QueryParameters.first(query, "version").orElse("1").equals("2");
        activity.addProperty(Vocab.Docker.builder, buildKit ? "buildkit" : "classic");
        if (buildKit) {
            activity.addProperty(Vocab.Sc.note, "BuildKit build: the context and Dockerfile travel through the"
                    + " session, not the request, so they are not recorded");
        }
        return record;
    }

    /**
     * The base images the Dockerfile names ({@code FROM}), known before the request goes on, so
     * the label names them: their references, and the images they resolved to.
     */
    public static void baseImages(ActivityRecord record, List<String> references, List<String> imageIds) {
        Resource activity = record.activity();
        references.forEach(ref -> activity.addProperty(Vocab.Docker.baseImageReference, ref));
        imageIds.forEach(id -> activity.addProperty(Vocab.Prov.used, ContainerCreate.image(record.known(), id)));
    }

    /** What the whole context showed as it streamed past (classic builds). */
    public static void context(ActivityRecord record, String contextSha256, long contextSize, String dockerfileSha256) {
        Resource activity = record.activityLearned();
        activity.addProperty(Vocab.Docker.contextDigest, "sha256:" + contextSha256);
        activity.addLiteral(Vocab.Docker.contextSize, contextSize);
        if (dockerfileSha256 != null) {
            activity.addProperty(Vocab.Docker.dockerfileDigest, "sha256:" + dockerfileSha256);
        }
    }

    /** The daemon reported the new image; {@code baseImageIds} are the FROM images, resolved. */
    public static void built(ActivityRecord record, String imageId, List<String> baseImageIds, Instant ended) {
        Model learned = record.learned();
        Resource image = record.generated(ContainerCreate.image(learned, imageId));
        for (String base : baseImageIds) {
            image.addProperty(Vocab.Prov.wasDerivedFrom, learned.createResource(Vocab.imageIri(base)));
        }
        record.succeeded(ended);
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
