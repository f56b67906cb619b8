package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;

/**
 * {@code POST /containers/create} as PROV: the container derived from its image, with the
 * settings that shape it. Environment values are never recorded (they hold secrets), only names.
 */
public final class ContainerCreate {
    private ContainerCreate() {
    }

    /**
     * @param body    the create request's JSON body
     * @param name    the {@code name} query parameter, or null
     * @param imageId the image the daemon will use, resolved from {@code body.Image}, or null if unknown
     */
    public static ActivityRecord start(JsonNode body, String name, String imageId, Instant started, Agents agents,
                                       Mounts mounts, Mounts.Places places) {
        ActivityRecord record = new ActivityRecord(Vocab.Docker.Create, started, agents);
        Resource activity = record.activity();
        Model model = record.known();
        if (name != null && !name.isBlank()) {
            activity.addProperty(Vocab.Docker.name, name);
        }
        String reference = text(body, "Image");
        if (reference != null) {
            activity.addProperty(Vocab.Docker.imageReference, reference);
        }
        if (imageId != null) {
            usedImage(record, imageId);
        }
        addJson(activity, Vocab.Docker.command, body.get("Cmd"));
        addJson(activity, Vocab.Docker.entrypoint, body.get("Entrypoint"));
        addText(activity, Vocab.Docker.workingDir, text(body, "WorkingDir"));
        addText(activity, Vocab.Docker.user, text(body, "User"));
        for (JsonNode env : iterable(body.get("Env"))) {
            String entry = env.asText();
            int equals = entry.indexOf('=');
            activity.addProperty(Vocab.Docker.environmentVariable, equals < 0 ? entry : entry.substring(0, equals));
        }
        Labels.describe(activity, body.get("Labels"));
        JsonNode host = body.path("HostConfig");
        addText(activity, Vocab.Docker.networkMode, text(host, "NetworkMode"));
        mounts.describeNamed(model, activity, places);
        return record;
    }

    /** The image the daemon will use, once resolved from {@code body.Image}. */
    public static void usedImage(ActivityRecord record, String imageId) {
        record.activity().addProperty(Vocab.Prov.used, image(record.known(), imageId));
    }

    /** The daemon answered 201 with the new container's ID. */
    public static void created(ActivityRecord record, String containerId, String imageId, Instant ended,
                               Mounts mounts, Mounts.Places places) {
        Model learned = record.learned();
        mounts.describeOwn(learned, record.activityLearned(), places, containerId);
        Resource container = record.generated(learned.createResource(Vocab.containerIri(containerId))
                .addProperty(RDF.type, Vocab.Prov.Entity)
                .addProperty(RDF.type, Vocab.Docker.Container)
                .addProperty(Vocab.Docker.id, Vocab.bareId(containerId)));
        if (imageId != null) {
            container.addProperty(Vocab.Prov.wasDerivedFrom, learned.createResource(Vocab.imageIri(imageId)));
        }
        record.succeeded(ended);
    }

    static Resource image(Model model, String imageId) {
        return model.createResource(Vocab.imageIri(imageId))
                .addProperty(RDF.type, Vocab.Prov.Entity)
                .addProperty(RDF.type, Vocab.Docker.Image)
                .addProperty(Vocab.Docker.id, "sha256:" + Vocab.bareId(imageId));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    static void addText(Resource subject, Property property, String value) {
        if (value != null) {
            subject.addProperty(property, value);
        }
    }

    /**
     * Commands are kept as their JSON array text: order and quoting survive, lists stay out of labels.
     * Only what Docker takes as one (a string, or strings) is: anything else it refuses.
     */
    private static void addJson(Resource subject, Property property, JsonNode value) {
        boolean command = value != null && (value.isTextual() || value.isArray() && !value.isEmpty()
                && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isTextual));
        if (command) {
            subject.addProperty(property, value.toString());
        }
    }

    static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || !node.isArray() ? List.of() : node::elements;
    }

    /** Labels the client asked for, less our own (which is the provenance itself). */
    static final class Labels {
        private Labels() {
        }

        static void describe(Resource subject, JsonNode labels) {
            if (labels == null || !labels.isObject()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = labels.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> label = fields.next();
                if (label.getKey().equals(ProvenanceLabel.KEY)) {
                    continue;
                }
                subject.addProperty(Vocab.Docker.label, subject.getModel().createResource()
                        .addProperty(Vocab.Docker.labelKey, label.getKey())
                        .addProperty(Vocab.Docker.labelValue, label.getValue().asText()));
            }
        }
    }
}
