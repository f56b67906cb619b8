package org.smartcontainers.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ContainerCommit;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.DockerException;
import org.smartcontainers.provenance.recording.Recording;

/**
 * Gives an existing image a new {@code smartcontainer} label the only way Docker allows: a commit
 * of a temporary container made from it (then removed), as the original SmartContainers did. The
 * commit is recorded like any other, for the caller's person; its label holds its own provenance
 * and what the caller adds. The new image takes over the old one's tags.
 */
final class ImageRelabel {
    private final DockerClient docker;
    private final Recording recording;

    ImageRelabel(DockerClient docker, Recording recording) {
        this.docker = docker;
        this.recording = recording;
    }

    /** @param image the image's inspect; {@code extra}: triples the label holds besides the commit's provenance */
    record Result(String imageId, String activity, List<String> tags) {
    }

    /** @param reference how the caller named the image: a tag moves alone; an ID or digest moves every tag */
    Result commit(JsonNode image, String reference, Model extra, Caller caller) {
        String imageId = image.path("Id").asText();
        String temporary = createTemporary(image);
        try {
            return commitWithLabel(image, imageId, tagsToMove(image, reference), temporary, extra, caller);
        } finally {
            docker.removeContainer(temporary);
        }
    }

    private String createTemporary(JsonNode image) {
        ObjectNode create = ApiJson.object().put("Image", image.path("Id").asText());
        JsonNode config = image.path("Config");
        if (hasNoCommand(config)) {
            create.putArray("Cmd").add("/"); // never run; Docker wants a command to create a container
        }
        return docker.createContainer(create);
    }

    private static List<String> tagsToMove(JsonNode image, String reference) {
        List<String> tags = new ArrayList<>();
        image.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
        String named = reference.contains(":") && reference.lastIndexOf(':') > reference.lastIndexOf('/')
                ? reference : reference + ":latest";
        for (String tag : tags) {
            if (tag.equals(named) || tag.equals("docker.io/library/" + named) || tag.equals("library/" + named)) {
                return List.of(tag);
            }
        }
        return tags;
    }

    private Result commitWithLabel(JsonNode image, String imageId, List<String> tags, String temporary, Model extra,
            Caller caller) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("container", List.of(temporary));
        query.put("pause", List.of("false"));
        query.put("comment", List.of("smartcontainer label added by SmartContainers"));
        if (!tags.isEmpty()) {
            String[] repoTag = splitTag(tags.get(0));
            query.put("repo", List.of(repoTag[0]));
            query.put("tag", List.of(repoTag[1]));
        }
        JsonNode config = image.path("Config");
        if (hasNoCommand(config)) {
            query.put("changes", List.of("CMD []")); // the placeholder command does not stay
        }
        ActivityRecord record = ContainerCommit.start(query, temporary, docker.recordedImageId(imageId), Instant.now(),
                recording.attribution().agents(caller));
        Model label = ModelFactory.createDefaultModel().add(record.known());
        if (extra != null) {
            label.add(extra);
        }
        ObjectNode labels = ApiJson.object();
        config.path("Labels").fields().forEachRemaining(entry -> labels.set(entry.getKey(), entry.getValue()));
        labels.put(ProvenanceLabel.KEY, ProvenanceLabel.write(label));
        ObjectNode body = ApiJson.object();
        body.set("Labels", labels);
        DockerClient.Answer answer = docker.send("POST", "/commit" + DockerApiPath.queryString(query), body);
        if (!answer.ok()) {
            record.failed(Instant.now(), answer.message());
            recording.keeper().store(record).join();
            throw new DockerException(answer.status(), answer.message());
        }
        String newId = answer.json().path("Id").asText();
        ContainerCommit.committed(record, docker.recordedImageId(newId), temporary, docker.recordedImageId(imageId), Instant.now());
        recording.keeper().store(record).join();
        for (String tag : tags.subList(Math.min(1, tags.size()), tags.size())) {
            String[] repoTag = splitTag(tag);
            docker.tag(newId, repoTag[0], repoTag[1]);
        }
        return new Result(newId, record.iri(), tags);
    }

    private static boolean hasNoCommand(JsonNode config) {
        return config.path("Cmd").isEmpty() && config.path("Entrypoint").isEmpty();
    }

    /** {@code host:5000/team/tool:1.0} is repository {@code host:5000/team/tool}, tag {@code 1.0}. */
    static String[] splitTag(String repoTag) {
        int colon = repoTag.lastIndexOf(':');
        if (colon < 0 || colon < repoTag.lastIndexOf('/')) {
            return new String[] {repoTag, "latest"};
        }
        return new String[] {repoTag.substring(0, colon), repoTag.substring(colon + 1)};
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = ApiJson.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
