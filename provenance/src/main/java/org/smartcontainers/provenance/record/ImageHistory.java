package org.smartcontainers.provenance.record;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.docker.ImageReference;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * Where an image came from and what it was called, as PROV, from Docker's image events: each event one named
 * graph and one instant activity, named after what tells the event apart (the image, or a pull's or push's
 * reference; the time to the nanosecond; the action), so the same event read twice is one graph. A pull, push,
 * load, tag, untag or removal {@code prov:used} the image: its IRI is its content's ID, which every engine and
 * registry holding it shares, so none of these made it and a removal from one engine does not end it. An
 * import {@code prov:generated} it (a new image, made of the imported files).
 *
 * <p>A name ({@code repo:tag}) is a fact with a time span on one engine: {@code <image> docker:hadName <n>},
 * {@code <n> a docker:ImageName; docker:name; docker:engineId; docker:namedFrom; docker:namedBy}, and, once
 * an untag, a removal or the name given to another image took it away, {@code docker:namedUntil} and
 * {@code docker:unnamedBy}. Every graph says of its own name {@code docker:timeNano}, {@code docker:action}
 * and {@code docker:engineId}, as {@link ContainerLife}'s do: where reading Docker's stream resumes.
 */
public final class ImageHistory {
    private static final Map<String, Resource> TYPES = Map.of(
            "pull", Vocab.Docker.ImagePull,
            "push", Vocab.Docker.ImagePush,
            "load", Vocab.Docker.ImageLoad,
            "import", Vocab.Docker.ImageImport,
            "tag", Vocab.Docker.ImageTag,
            "untag", Vocab.Docker.ImageUntag,
            "delete", Vocab.Docker.ImageRemoval);

    private ImageHistory() {
    }

    /** True for the image events recorded. */
    public static boolean isRecorded(String action) {
        return TYPES.containsKey(action);
    }

    /** Pull and push events name a reference as their actor, the others the image's ID. */
    public static boolean actorIsReference(String action) {
        return action.equals("pull") || action.equals("push");
    }

    /** The graph (and activity) an event is recorded in. */
    public static String graphName(DockerEvent event) {
        String actor = event.actorId();
        String key = actorIsReference(event.action())
                ? "ref-" + UUID.nameUUIDFromBytes(actor.getBytes(StandardCharsets.UTF_8))
                : Vocab.bareId(actor);
        return Vocab.imageEventIri(key, event.timeNano(), event.action());
    }

    /**
     * What one event says.
     *
     * @param imageId the image's ID (bare), or null when Docker no longer knew a pull's or push's reference
     * @param facts   the activity's facts (a pull's registry, repository, tag, digest, platform; a push's digest;
     *                an import's source), each property once, in order
     * @param opened  the names the image was given by this event
     * @param closed  the names (their nodes' IRIs, with the name) this event took away, from this image or another
     */
    public record Event(DockerEvent event, String engineId, String imageId, ContainerLife.Who who,
            Map<Property, Collection<String>> facts, Collection<String> opened, Map<String, String> closed) {
    }

    public static NamedGraph record(Event e) {
        DockerEvent event = e.event();
        Resource type = TYPES.get(event.action());
        if (type == null) {
            throw new IllegalArgumentException("not a recorded image event: " + event.action());
        }
        String name = graphName(event);
        Model model = ContainerLife.graph(name, event, e.engineId());
        Literal at = ContainerLife.dateTime(model, event.time());
        Resource activity = model.createResource(name)
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, type)
                .addLiteral(Vocab.Prov.startedAtTime, at)
                .addLiteral(Vocab.Prov.endedAtTime, at);
        e.facts().forEach((property, values) -> values.forEach(value -> activity.addProperty(property, value)));
        ContainerLife.associate(model, activity, e.who());
        Resource image = null;
        if (e.imageId() != null) {
            image = ContainerCreate.image(model, e.imageId()); // as every record of ours names an image
            if (event.action().equals("import")) {
                image.addProperty(Vocab.Prov.wasGeneratedBy, activity);
                activity.addProperty(Vocab.Prov.generated, image);
                if (e.who().throughProxy()) {
                    image.addProperty(Vocab.Prov.wasAttributedTo, model.createResource(e.who().agents().principalIri()));
                }
            } else {
                activity.addProperty(Vocab.Prov.used, image);
            }
        } else {
            activity.addProperty(Vocab.Sc.note, "the image was not known to Docker when the event was read");
        }
        for (String given : e.opened()) {
            if (image == null) {
                break;
            }
            ImageReference reference = ImageReference.parse(given);
            Resource node = model.createResource(Vocab.imageNameIri(e.imageId(), e.engineId(), given, event.timeNano()))
                    .addProperty(RDF.type, Vocab.Docker.ImageName)
                    .addProperty(Vocab.Docker.name, given)
                    .addProperty(Vocab.Docker.registry, reference.registry())
                    .addProperty(Vocab.Docker.repository, reference.familiarName())
                    .addProperty(Vocab.Docker.engineId, e.engineId())
                    .addLiteral(Vocab.Docker.namedFrom, at)
                    .addProperty(Vocab.Docker.namedBy, activity);
            if (reference.tag() != null) {
                node.addProperty(Vocab.Docker.tag, reference.tag());
            }
            image.addProperty(Vocab.Docker.hadName, node);
            if (event.action().equals("tag")) {
                activity.addProperty(Vocab.Docker.name, given);
            }
        }
        e.closed().forEach((node, taken) -> {
            model.createResource(node)
                    .addLiteral(Vocab.Docker.namedUntil, at)
                    .addProperty(Vocab.Docker.unnamedBy, activity);
            if (event.action().equals("untag") || event.action().equals("delete")) {
                activity.addProperty(Vocab.Docker.name, taken);
            }
        });
        return new NamedGraph(name, model);
    }
}
