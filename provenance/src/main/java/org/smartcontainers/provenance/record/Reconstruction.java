package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.smartcontainers.provenance.Vocab;

/**
 * Provenance recorded after the fact for an image or container that did not pass through the
 * proxy, from what Docker still shows ({@code docker inspect}, the image history). The activity
 * is marked {@code sc:reconstructed true}; who performed it is not known, so it names no agent.
 * Values that may be secrets (build arguments, {@code ENV}, container environments) are not recorded.
 */
public final class Reconstruction {
    private static final String NOTE = "reconstructed after the fact from docker inspect%s; not observed as it happened";

    private Reconstruction() {
    }

    /**
     * What made an image: when, from which parent (when Docker still knows it), by which steps.
     *
     * @param inspect the image's {@code /images/{id}/json}
     * @param history its {@code /images/{id}/history}, newest step first
     */
    public static ActivityRecord image(JsonNode inspect, JsonNode history) {
        String imageId = inspect.path("Id").asText();
        Instant created = instant(inspect.path("Created").asText(null));
        ActivityRecord record = new ActivityRecord(Vocab.Prov.Activity, created, null);
        Resource activity = mark(record, " and the image history");
        ContainerCreate.addText(activity, Vocab.Docker.author, blankToNull(inspect.path("Author").asText(null)));
        ContainerCreate.addText(activity, Vocab.Docker.comment, blankToNull(inspect.path("Comment").asText(null)));
        int position = 0;
        String parent = blankToNull(inspect.path("Parent").asText(null));
        for (JsonNode step : ContainerCreate.iterable(history)) {
            Resource described = record.known().createResource()
                    .addLiteral(Vocab.Sc.position, position)
                    .addProperty(Vocab.Docker.createdBy, HistoryLines.withoutValues(step.path("CreatedBy").asText("")));
            if (step.path("Created").canConvertToLong()) {
                described.addLiteral(DCTerms.created,
                        ActivityRecord.dateTime(record.known(), Instant.ofEpochSecond(step.path("Created").asLong())));
            }
            activity.addProperty(Vocab.Sc.historyStep, described);
            String stepId = step.path("Id").asText("<missing>");
            if (parent == null && position > 0 && !stepId.equals("<missing>")) {
                parent = stepId; // the newest older step that is an image of its own
            }
            position++;
        }
        Resource image = record.generated(ContainerCreate.image(record.learned(), imageId));
        for (JsonNode tag : ContainerCreate.iterable(inspect.get("RepoTags"))) {
            image.addProperty(Vocab.Docker.tag, tag.asText());
        }
        if (parent != null) {
            activity.addProperty(Vocab.Prov.used, ContainerCreate.image(record.known(), parent));
            image.addProperty(Vocab.Prov.wasDerivedFrom, record.learned().createResource(Vocab.imageIri(parent)));
        }
        record.succeeded(created);
        return record;
    }

    /** What made a container: its create, as its inspect shows the request (configuration and host configuration). */
    public static ActivityRecord container(JsonNode inspect, Mounts.Places places) {
        ObjectNode body = inspect.path("Config").isObject() ? ((ObjectNode) inspect.get("Config")).deepCopy()
                : new ObjectNode(JsonNodeFactory.instance);
        body.set("HostConfig", inspect.path("HostConfig"));
        String name = inspect.path("Name").asText("").replaceFirst("^/", "");
        String imageId = blankToNull(inspect.path("Image").asText(null));
        Instant created = instant(inspect.path("Created").asText(null));
        Mounts mounts = Mounts.of(body);
        ActivityRecord record = ContainerCreate.start(body, name, imageId, created, null, mounts, places);
        mark(record, "");
        ContainerCreate.created(record, inspect.path("Id").asText(), imageId, created, mounts, places);
        return record;
    }

    private static Resource mark(ActivityRecord record, String sources) {
        return record.activity().addLiteral(Vocab.Sc.reconstructed, true)
                .addProperty(Vocab.Sc.note, String.format(NOTE, sources));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? Instant.EPOCH : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
