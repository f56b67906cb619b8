package org.smartcontainers.provenance.recording;

import static org.smartcontainers.provenance.store.SparqlText.literal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.rdf.model.Property;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.docker.ImageReference;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ContainerLife;
import org.smartcontainers.provenance.record.ImageHistory;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.SparqlText;

/**
 * Docker's image events (pull, push, load, import, tag, untag, delete) as records ({@link ImageHistory}), for
 * {@link ContainerEvents}, which reads them from the same stream (one resume position, one order). As an event
 * is read, Docker is asked at once what the image is called and its repository digests (they change with the
 * next call); when its turn comes, the names the store holds open for the image on this engine are compared
 * with them: what the event gave is opened, what it took away is closed (Docker's {@code untag} event does not
 * say which name went), and a name given to one image is closed on any other that had it on this engine (a
 * retag, a pull or a load moves a name without an untag).
 *
 * <p>Who: the person, when the call passed the proxy ({@link ProxiedCalls#takeImage}), else the engine alone.
 */
final class ImageOrigins {
    private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern BARE_ID = Pattern.compile("[0-9a-f]{64}");

    private final DockerClient docker;
    private final RecordKeeper keeper;
    private final Attribution attribution;
    private final ProxiedCalls calls;
    private final ImageLabels labels;
    private final OpenNames names;
    /** The actions that bring an image from elsewhere, with whatever label it carries. */
    private static final Set<String> BRINGS_IN = Set.of("load", "pull", "import");

    ImageOrigins(DockerClient docker, RecordKeeper keeper, Attribution attribution, ProxiedCalls calls,
            ImageLabels labels) {
        this.labels = labels;
        this.docker = docker;
        this.keeper = keeper;
        this.attribution = attribution;
        this.calls = calls;
        this.names = new OpenNames(keeper);
    }

    /** A record was not stored: the names open are read from the store again at the next event. */
    void recordNotStored() {
        names.forget();
    }

    /** An image event that is recorded: its action one of ours, its actor an image ID (a reference for pull and push). */
    static boolean recordable(DockerEvent event) {
        if (!event.type().equals("image") || !ImageHistory.isRecorded(event.action())) {
            return false;
        }
        return ImageHistory.actorIsReference(event.action()) ? !event.actorId().isBlank()
                : IMAGE_ID.matcher(event.actorId()).matches();
    }

    /** What Docker says of the image as the event is read: its ID, names and repository digests; null when gone. */
    JsonNode details(DockerEvent event) {
        return switch (event.action()) {
            case "pull", "push", "load", "import", "untag" -> docker.imageDetails(event.actorId()).orElse(null);
            default -> null;
        };
    }

    NamedGraph record(String engine, DockerEvent event, JsonNode details) {
        String action = event.action();
        String dockerId = ImageHistory.actorIsReference(action)
                ? details == null ? null : bareIdOrNull(details.path("Id").asText(""))
                : Vocab.bareId(event.actorId());
        String imageId = dockerId == null ? null : recordedId(dockerId);
        Set<String> now = new LinkedHashSet<>();
        if (details != null) {
            details.path("RepoTags").forEach(tag -> {
                if (!tag.asText().contains("<none>")) {
                    now.add(ProxiedCalls.reference(tag.asText()));
                }
            });
        }
        Map<String, String> open = imageId == null ? Map.of() : names.of(engine, imageId);
        List<String> opened = new ArrayList<>();
        Map<String, String> closed = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        switch (action) {
            case "tag" -> {
                String given = event.attribute("name");
                if (given != null && !given.isEmpty()) {
                    give(engine, imageId, ProxiedCalls.reference(given), open, opened, closed);
                    keys.add(ProxiedCalls.reference(given));
                }
            }
            case "untag" -> open.forEach((node, name) -> {
                if (!now.contains(name)) {
                    closed.put(node, name);
                }
            })
            ;
            case "delete" -> {
                closed.putAll(open);
                keys.addAll(everNamed(engine, imageId));
            }
            case "load", "import" -> now.forEach(name -> give(engine, imageId, name, open, opened, closed));
            case "pull" -> {
                ImageReference pulled = ImageReference.parse(event.actorId(), false);
                if (pulled.tag() != null && pulled.digest() == null && imageId != null) {
                    give(engine, imageId, pulled.familiar(), open, opened, closed);
                }
            }
            default -> {
            }
        }
        keys.addAll(closed.values());
        if (ImageHistory.actorIsReference(action)) {
            keys.add(ProxiedCalls.reference(event.actorId()));
            if (event.attribute("name") != null) {
                keys.add(ImageReference.parse(event.attribute("name"), false).familiar());
            }
        }
        ProxiedCalls.Taken taken = calls.takeImage(action, event.time(), dockerId, keys);
        ContainerLife.Who who = taken == null ? new ContainerLife.Who(attribution.engine(), false)
                : new ContainerLife.Who(attribution.agents(taken.caller()), true);
        Map<String, String> noted = taken == null ? Map.of() : taken.facts();
        if (dockerId != null && BRINGS_IN.contains(action)) {
            labels.readOf(dockerId); // its label, and what it carries of its bases, as claims
        }
        if (imageId != null) { // as the record names the nodes of the names it opens
            names.recorded(engine, opened.stream().map(name -> new OpenNames.Open(
                    Vocab.imageNameIri(imageId, engine, name, event.timeNano()), imageId, name)).toList(), closed.keySet());
        }
        return ImageHistory.record(new ImageHistory.Event(event, engine, imageId, who, facts(event, details, noted),
                opened, closed));
    }

    /** The name goes to this image (unless it has it) and from any other image of this engine that has it. */
    private void give(String engine, String imageId, String name, Map<String, String> open, List<String> opened,
            Map<String, String> closed) {
        if (imageId == null) {
            return;
        }
        if (!open.containsValue(name) && !opened.contains(name)) {
            opened.add(name);
        }
        names.heldElsewhere(engine, name, imageId).forEach(node -> closed.put(node, name));
    }

    /**
     * Records name the image by its config digest; the daemon's ID is another on a containerd store, where an image
     * already gone (the event of its removal, read after a restart) can no longer say its config: it is found by the
     * manifest or index digest recorded beside it ({@link ImageDigests}), else named by the daemon's ID.
     */
    private String recordedId(String dockerId) {
        String full = "sha256:" + dockerId;
        return Vocab.bareId(docker.recordedImageId(full, () -> {
            ResultSetRewindable rows = keeper.select(SparqlText.PREFIXES + "SELECT ?image WHERE { GRAPH ?g { ?image docker:manifestDigest|docker:indexDigest "
                    + literal(full) + " FILTER(STRSTARTS(STR(?image), " + literal(Vocab.imageIri("")) + ")) } } LIMIT 1");
            return rows.hasNext() ? Optional.of(rows.next().getResource("image").getURI().substring(Vocab.imageIri("").length()))
                    : Optional.empty();
        }));
    }

    /** Every name the image ever had on this engine (a removal by name comes after the untag that closed it). */
    private Set<String> everNamed(String engine, String imageId) {
        Set<String> ever = new LinkedHashSet<>();
        ResultSetRewindable rows = keeper.select(SparqlText.PREFIXES + "SELECT DISTINCT ?name WHERE { GRAPH ?a { <" + Vocab.imageIri(imageId)
                + "> docker:hadName ?n . ?n docker:engineId " + literal(engine) + "; docker:name ?name } }");
        rows.forEachRemaining(row -> ever.add(row.getLiteral("name").getLexicalForm()));
        return ever;
    }

    /** A pull's registry, repository, tag, digest and platform; a push's reference and digest; an import's source. */
    private static Map<Property, Collection<String>> facts(DockerEvent event, JsonNode details, Map<String, String> noted) {
        Map<Property, Collection<String>> facts = new LinkedHashMap<>();
        String action = event.action();
        if (ImageHistory.actorIsReference(action)) {
            ImageReference reference = ImageReference.parse(event.actorId(), false);
            facts.put(Vocab.Docker.reference, List.of(reference.familiar()));
            facts.put(Vocab.Docker.registry, List.of(reference.registry()));
            facts.put(Vocab.Docker.repository, List.of(reference.familiarName()));
            if (reference.tag() != null) {
                facts.put(Vocab.Docker.tag, List.of(reference.tag()));
            }
            Set<String> digests = new LinkedHashSet<>();
            if (reference.digest() != null) {
                digests.add(reference.digest());
            } else if (details != null) {
                details.path("RepoDigests").forEach(d -> {
                    String text = d.asText();
                    int at = text.lastIndexOf('@');
                    if (at > 0 && ImageReference.parse(text.substring(0, at), false).familiarName()
                            .equals(reference.familiarName())) {
                        digests.add(text.substring(at + 1));
                    }
                });
            }
            if (!digests.isEmpty()) {
                facts.put(Vocab.Docker.repoDigest, digests);
            }
            if (action.equals("pull") && noted.containsKey(ProxiedCalls.PLATFORM)) {
                facts.put(Vocab.Docker.platform, List.of(noted.get(ProxiedCalls.PLATFORM)));
            }
        } else if (action.equals("import") && noted.containsKey(ProxiedCalls.SOURCE)) {
            facts.put(Vocab.Docker.importSource, List.of(noted.get(ProxiedCalls.SOURCE)));
        }
        return facts;
    }

    private static String bareIdOrNull(String id) {
        String bare = Vocab.bareId(id);
        return BARE_ID.matcher(bare).matches() ? bare : null;
    }

}
