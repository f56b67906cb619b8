package org.smartcontainers.provenance.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.DockerException;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.LabelProvenance.Labelled;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.RecordWriter;
import org.smartcontainers.provenance.store.StoreException;

/**
 * When the daemon starts: the images and containers that carry our label but whose making the store
 * does not hold (made just before the daemon was killed, or while it was down behind another proxy) are
 * recorded from their labels, as what those labels claim ({@link LabelReader}: the labelled resource's own
 * history only), in their label's graph marked {@code sc:Recovered}, never as observed. On a thread of
 * its own, so the proxy serves at once; bounded; one summary line.
 *
 * <p>A label is taken as the resource's own only when it can be: a container's must be a create of ours
 * (one {@code docker:ContainerCreate} activity of ours, having used the container's image if it names
 * one), an image's a commit of ours or a build's plan of ours. Labels are inherited (an image built from
 * another, a container created from an image, a commit of a container), so of the resources that carry the
 * same label only the oldest is taken as its owner. Anything else is skipped and counted.
 */
public final class LabelRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabelRecovery.class);
    /** At most this many images and containers are looked at, for at most this long; the rest wait for the next start. */
    static final int MAX_RESOURCES = 10_000;
    private static final Duration MAX_TIME = Duration.ofMinutes(10);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final DockerClient docker;
    private final RecordKeeper keeper;
    private final LabelReader labels;
    private Thread thread;

    public LabelRecovery(DockerClient docker, RecordKeeper keeper) {
        this.docker = docker;
        this.keeper = keeper;
        this.labels = new LabelReader(keeper);
    }

    /** What became of one labelled image or container. */
    public enum Outcome {
        RECOVERED_IMAGE, RECOVERED_CONTAINER, ALREADY_STORED, NOT_ITS_OWN, NOT_OURS
    }

    /** What one recovery did, for its log line and tests. */
    public record Summary(int images, int containers, Map<Outcome, Integer> outcomes) {
        public int count(Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }

        @Override
        public String toString() {
            return images + " images and " + containers + " containers made before this start carry a smartcontainer label;"
                    + " recovered from their labels (claims, not observations): " + count(Outcome.RECOVERED_IMAGE)
                    + " images, " + count(Outcome.RECOVERED_CONTAINER) + " containers; already in the store: "
                    + count(Outcome.ALREADY_STORED) + "; a label not its own (inherited, or what made it is held): "
                    + count(Outcome.NOT_ITS_OWN) + "; not ours or unreadable: " + count(Outcome.NOT_OURS);
        }
    }

    /** Recovers on a thread of its own what was made before {@code started}; returns at once. */
    public synchronized void start(Instant started) {
        thread = new Thread(() -> {
            try {
                LOG.info("recovery: {}", recover(started));
            } catch (DockerException | StoreException e) {
                LOG.warn("recovery: not done, the {} did not answer: {}",
                        e instanceof DockerException ? "Docker daemon" : "store", e.getMessage());
            }
        }, "sc-label-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    /** One resource carrying a label; {@code dockerId} is the daemon's ID for it (an image's differs from its record's on a containerd store). */
    private record Candidate(Labelled on, String label, Instant created, String imageId, String dockerId) {
        boolean container() {
            return on.type().equals(Vocab.Docker.Container);
        }
    }

    /** Recovers, on the caller's thread, what was made before {@code started} (to the second, as Docker lists it). */
    public Summary recover(Instant started) {
        List<Candidate> candidates = new ArrayList<>();
        long before = started.getEpochSecond();
        int images = 0;
        int containers = 0;
        for (DockerClient.Image image : docker.imagesLabelled(ProvenanceLabel.KEY)) {
            if (image.created().getEpochSecond() < before) {
                candidates.add(new Candidate(Labelled.image(image.recordedId()), image.label(ProvenanceLabel.KEY), image.created(),
                        null, image.id()));
                images++;
            }
        }
        for (DockerClient.LabelledContainer container : docker.containersLabelled(ProvenanceLabel.KEY)) {
            if (container.created().getEpochSecond() < before) {
                candidates.add(new Candidate(Labelled.container(container.id()), container.label(ProvenanceLabel.KEY),
                        container.created(), docker.recordedImageId(container.imageId()), container.id()));
                containers++;
            }
        }
        // The oldest first: a label's owner is made before whatever inherits it.
        candidates.sort(Comparator.comparing(Candidate::created).thenComparing(c -> c.on().iri()));
        Set<String> owners = owners(candidates);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Instant deadline = Instant.now().plus(MAX_TIME);
        int looked = 0;
        for (Candidate candidate : candidates) {
            if (Thread.currentThread().isInterrupted() || looked == MAX_RESOURCES || Instant.now().isAfter(deadline)) {
                LOG.warn("recovery: stopped after {} of the {} labelled images and containers; the rest at the next start",
                        looked, candidates.size());
                break;
            }
            outcomes.merge(recoverOne(candidate, owners.contains(candidate.on().iri())), 1, Integer::sum);
            looked++;
        }
        return new Summary(images, containers, Map.copyOf(outcomes));
    }

    /** Of the resources that carry the same label, the oldest alone (none when two are as old): the others inherited it. */
    private static Set<String> owners(List<Candidate> oldestFirst) {
        Map<String, List<Candidate>> byLabel = new HashMap<>();
        oldestFirst.forEach(c -> byLabel.computeIfAbsent(c.label(), l -> new ArrayList<>()).add(c));
        Set<String> owners = new HashSet<>();
        byLabel.values().forEach(same -> {
            if (same.size() == 1 || !same.get(0).created().equals(same.get(1).created())) {
                owners.add(same.get(0).on().iri());
            }
        });
        return owners;
    }

    private Outcome recoverOne(Candidate candidate, boolean owner) {
        Labelled on = candidate.on();
        String kind = candidate.container() ? "container" : "image";
        Model said;
        try {
            said = LabelProvenance.parse(candidate.label());
        } catch (IllegalArgumentException e) {
            LOG.info("recovery: the label of {} {} is not provenance we can read: {}", kind, on.id(), e.getMessage());
            return Outcome.NOT_OURS;
        }
        if (!(candidate.container() ? isOurCreate(said) : isOurCommitOrPlan(said))) {
            LOG.info("recovery: {} {} is not recovered: its label is not a {} of ours", kind, on.id(),
                    candidate.container() ? "container create" : "commit or build");
            return Outcome.NOT_OURS;
        }
        try {
            if (labels.alreadyStored(on, said)) {
                return Outcome.ALREADY_STORED;
            }
            String why = !owner ? "an older image or container carries the same label"
                    : candidate.container() && !usedItsImage(said, candidate.imageId()) ? "its create used another image"
                    : null;
            LabelReader.Read read = why == null ? labels.claims(on, candidate.label(), said) : null;
            if (read != null && read.claims().generators().isEmpty()) {
                why = "what its label says made it is held by the store";
            }
            if (why != null) {
                LOG.info("recovery: {} {} is not recovered, its label is not its own: {}", kind, on.id(), why);
                return Outcome.NOT_ITS_OWN;
            }
            Model graph = read.graph().model();
            graph.createResource(read.graph().name())
                    .addProperty(RDF.type, Vocab.Sc.Recovered)
                    .addLiteral(Vocab.Sc.recoveredAt, dateTime(graph, Instant.now()));
            if (candidate.imageId() != null) {
                // What Docker lists now: the container's image.
                graph.createResource(on.iri()).addProperty(Vocab.Prov.wasDerivedFrom,
                        graph.createResource(Vocab.imageIri(candidate.imageId())));
            }
            Instant made = made(candidate);
            if (made != null) {
                // It exists, so what made it succeeded, when Docker says it was made.
                for (Resource generator : read.claims().generators()) {
                    graph.getRDFNode(generator.asNode()).asResource()
                            .addLiteral(Vocab.Prov.endedAtTime, dateTime(graph, made))
                            .addProperty(Vocab.Sc.outcome, "success");
                }
            }
            // Stored before the next is read: what this one claims is held for the next.
            if (keeper.submit(read.graph()).join() == RecordWriter.Outcome.FAILED) {
                throw new StoreException("the recovered graph of " + kind + " " + on.id() + " was not stored", null);
            }
            return candidate.container() ? Outcome.RECOVERED_CONTAINER : Outcome.RECOVERED_IMAGE;
        } catch (IllegalArgumentException e) {
            LOG.info("recovery: the label of {} {} is not read: {}", kind, on.id(), e.getMessage());
            return Outcome.NOT_OURS;
        }
    }

    /** When Docker says the image or container was made, to the nanosecond (its listing gives seconds); null if gone. */
    private Instant made(Candidate candidate) {
        if (!candidate.container()) {
            return docker.image(candidate.dockerId()).map(DockerClient.Image::created).orElse(null);
        }
        try {
            return docker.containerDetails(candidate.dockerId())
                    .map(details -> OffsetDateTime.parse(details.path("Created").asText()).toInstant()).orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Literal dateTime(Model model, Instant instant) {
        return model.createTypedLiteral(GregorianCalendar.from(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }

    /** One container create of ours. */
    private static boolean isOurCreate(Model said) {
        List<Resource> ours = LabelReader.ourActivities(said);
        return ours.size() == 1 && ours.get(0).hasProperty(RDF.type, Vocab.Docker.Create);
    }

    /** A create's label names the image it used: a container made from another image inherited it with its image. */
    private static boolean usedItsImage(Model said, String imageId) {
        Resource create = LabelReader.ourActivities(said).get(0);
        List<String> usedImages = new ArrayList<>();
        create.listProperties(Vocab.Prov.used).forEachRemaining(s -> {
            RDFNode used = s.getObject();
            if (used.isURIResource() && used.asResource().getURI().startsWith(Vocab.imageIri(""))) {
                usedImages.add(used.asResource().getURI());
            }
        });
        return imageId == null || usedImages.isEmpty() || usedImages.contains(Vocab.imageIri(imageId));
    }

    /**
     * One commit of ours, or a build's plan of ours and no activity (a create's label on an image came with a
     * commit made without us).
     */
    private static boolean isOurCommitOrPlan(Model said) {
        List<Resource> ours = LabelReader.ourActivities(said);
        if (ours.size() == 1 && ours.get(0).hasProperty(RDF.type, Vocab.Docker.Commit)) {
            return true;
        }
        return ours.isEmpty() && said.listSubjectsWithProperty(RDF.type, Vocab.Docker.BuildPlan).toList().stream()
                .anyMatch(p -> p.isURIResource() && p.getURI().startsWith(Vocab.planIri("")));
    }

    /** Stops a recovery still running (what it stored stays; the rest is recovered at the next start). */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
