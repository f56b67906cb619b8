package org.smartcontainers.web.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.export.RecordedActivity.Participant;

/**
 * One image's or container's lineage as an RO-Crate ({@code ro-crate-metadata.json}) following the
 * Provenance Run Crate profile 0.5 (and so Workflow Run Crate, Process Run Crate and Workflow RO-Crate
 * 1.0): the recorded Docker calls are the steps of an implicit workflow ({@code ComputationalWorkflow},
 * one {@code HowToStep} each), each call a {@code CreateAction} whose instrument is the Docker engine
 * that ran it and whose agent is the person (by ORCID iD when known); SmartContainers, which recorded
 * them, is the engine of the workflow ({@code OrganizeAction}). Images are {@code ContainerImage}s
 * (workflow-run terms), named by our image IRIs, so crates from many hosts merge as our graphs do.
 */
public final class RoCrate {
    static final String CONTEXT = "https://w3id.org/ro/crate/1.1/context";
    static final String WORKFLOW_RUN_CONTEXT = "https://w3id.org/ro/terms/workflow-run/context";
    static final String RO_CRATE = "https://w3id.org/ro/crate/1.1";
    /** The profiles this crate conforms to, with the names the profile crates give them. */
    static final Map<String, String> PROFILES = profiles();
    private static final String DOCKER_IMAGE = "https://w3id.org/ro/terms/workflow-run#DockerImage";
    private static final String SCHEMA = "http://schema.org/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ExportSubject subject;
    private final List<RecordedActivity> activities;
    private final ArrayNode graph = JSON.createArrayNode();
    /** Contextual entities by @id, each written once, whoever mentions it first. */
    private final Map<String, ObjectNode> entities = new LinkedHashMap<>();
    private final Set<String> generated = new LinkedHashSet<>();

    private RoCrate(Lineage lineage, ExportSubject subject) {
        this.subject = subject;
        List<RecordedActivity> read = new ArrayList<>(lineage.activities().stream()
                .map(iri -> RecordedActivity.read(lineage.graph(), iri)).toList());
        // Oldest first: a step's position follows the order the calls were made in.
        read.sort(Comparator.comparing((RecordedActivity a) -> a.started().orElse("")).thenComparing(RecordedActivity::iri));
        this.activities = read;
        activities.forEach(a -> generated.addAll(a.made()));
    }

    /** @param license an SPDX identifier or URL the exporter gives the crate; null when none was given */
    public static void write(Lineage lineage, ExportSubject subject, String license, OutputStream out) {
        ObjectNode crate = new RoCrate(lineage, subject).crate(license);
        try {
            JSON.writeValue(out, crate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode crate(String license) {
        String workflow = Vocab.INSTANCE_BASE + "lineage/" + subject.kind().word() + "/" + subject.id();
        String run = "#lineage-run";
        List<String> actions = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> controls = new ArrayList<>();
        Set<String> tools = new LinkedHashSet<>();
        for (int i = 0; i < activities.size(); i++) {
            RecordedActivity activity = activities.get(i);
            String tool = engine(activity);
            tools.add(tool);
            actions.add(action(activity, tool));
            String step = "#step-" + (i + 1);
            steps.add(step);
            put(entity(step, "HowToStep").put("name", callName(activity)).put("position", i + 1)
                    .set("workExample", ref(tool)));
            String control = "#control-" + (i + 1);
            controls.add(control);
            ObjectNode controlAction = entity(control, "ControlAction").put("name", "ran " + step.substring(1))
                    .set("instrument", ref(step));
            controlAction.set("object", ref(activity.iri()));
            status(controlAction, activity);
            put(controlAction);
        }

        ObjectNode metadata = entity("ro-crate-metadata.json", "CreativeWork");
        metadata.set("conformsTo", refs(List.of(RO_CRATE, "https://w3id.org/workflowhub/workflow-ro-crate/1.0")));
        metadata.set("about", ref("./"));

        ObjectNode root = entity("./", "Dataset");
        root.put("name", "Provenance of " + subject.shortName());
        root.put("description", "How " + subject.kind().word() + " " + subject.id() + " came to be, as SmartContainers"
                + " recorded it: " + activities.size() + " Docker call" + (activities.size() == 1 ? "" : "s")
                + ", who made them, with which engine, from what.");
        root.put("datePublished", Instant.now().toString());
        root.set("conformsTo", refs(List.copyOf(PROFILES.keySet())));
        root.set("mainEntity", ref(workflow));
        root.set("hasPart", refs(List.of(workflow)));
        List<String> mentioned = new ArrayList<>(List.of(run));
        mentioned.addAll(actions);
        root.set("mentions", refs(mentioned));
        root.set("license", ref(license(license)));

        ObjectNode main = JSON.createObjectNode().put("@id", workflow);
        main.set("@type", JSON.valueToTree(List.of("File", "SoftwareSourceCode", "ComputationalWorkflow", "HowTo")));
        main.put("name", "The Docker calls that made " + subject.shortName());
        main.put("description", "An implicit workflow: each step is one Docker call SmartContainers recorded, in the"
                + " order they were made; the record itself is the workflow's only description.");
        main.set("programmingLanguage", ref("#docker-engine-api"));
        main.set("hasPart", refs(List.copyOf(tools)));
        main.set("step", refs(steps));
        put(main);
        put(entity("#docker-engine-api", "ComputerLanguage").put("name", "Docker Engine API")
                .set("url", ref("https://docs.docker.com/reference/api/engine/")));

        ObjectNode lineageRun = entity(run, "CreateAction").put("name", "The making of " + subject.shortName());
        lineageRun.set("instrument", ref(workflow));
        activities.stream().flatMap(a -> a.started().stream()).min(String::compareTo).ifPresent(t -> lineageRun.put("startTime", t));
        activities.stream().flatMap(a -> a.ended().stream()).max(String::compareTo).ifPresent(t -> lineageRun.put("endTime", t));
        List<String> inputs = activities.stream().flatMap(a -> a.used().stream()).filter(u -> !generated.contains(u))
                .distinct().toList();
        inputs.forEach(this::resource);
        if (!inputs.isEmpty()) {
            lineageRun.set("object", refs(inputs));
        }
        resource(subject.iri());
        lineageRun.set("result", ref(subject.iri()));
        activities.get(activities.size() - 1).agents().stream().filter(p -> p.role() == Participant.Role.PERSON)
                .findFirst().ifPresent(p -> lineageRun.set("agent", ref(person(p))));
        lineageRun.set("actionStatus", ref(SCHEMA + "CompletedActionStatus"));
        put(lineageRun);

        String smartcontainers = activities.stream().flatMap(a -> a.agent(Participant.Role.SMARTCONTAINERS).stream())
                .findFirst().map(this::software).orElseGet(() -> software("#smartcontainers", "SmartContainers", null));
        ObjectNode organize = entity("#smartcontainers-run", "OrganizeAction")
                .put("name", "SmartContainers recording the Docker calls");
        organize.set("instrument", ref(smartcontainers));
        organize.set("object", refs(controls));
        organize.set("result", ref(run));
        put(organize);

        PROFILES.forEach((iri, name) -> put(entity(iri, "CreativeWork").put("name", name)
                .put("version", iri.substring(iri.lastIndexOf('/') + 1))));

        ObjectNode crate = JSON.createObjectNode();
        crate.set("@context", JSON.valueToTree(List.of(CONTEXT, WORKFLOW_RUN_CONTEXT)));
        ArrayNode all = crate.putArray("@graph");
        all.add(metadata);
        all.add(root);
        all.addAll(graph);
        return crate;
    }

    /** One Docker call as a CreateAction (Process Run Crate); its @id is the activity's IRI. */
    private String action(RecordedActivity activity, String tool) {
        ObjectNode action = entity(activity.iri(), "CreateAction").put("name", callName(activity));
        description(activity).ifPresent(d -> action.put("description", d));
        activity.started().ifPresent(t -> action.put("startTime", t));
        activity.ended().ifPresent(t -> action.put("endTime", t));
        action.set("instrument", ref(tool));
        Optional<Participant> who = activity.agent(Participant.Role.PERSON);
        who.ifPresent(p -> action.set("agent", ref(person(p))));
        List<String> used = activity.used().stream().filter(u -> u.startsWith(Vocab.INSTANCE_BASE)).toList();
        used.forEach(this::resource);
        if (!used.isEmpty()) {
            action.set("object", refs(used));
        }
        if (activity.kind().equals("ContainerCreate")) {
            used.stream().filter(u -> u.startsWith(Vocab.imageIri(""))).findFirst()
                    .ifPresent(image -> action.set("containerImage", ref(image)));
        }
        activity.made().forEach(this::resource);
        if (!activity.made().isEmpty()) {
            action.set("result", refs(activity.made()));
        }
        status(action, activity);
        put(action);
        return activity.iri();
    }

    private static void status(ObjectNode action, RecordedActivity activity) {
        if (activity.outcome().isEmpty()) {
            return; // a claim without an outcome: the profile says consumers then assume success, so say nothing
        }
        action.set("actionStatus", ref(SCHEMA + (activity.failed() ? "FailedActionStatus" : "CompletedActionStatus")));
        if (activity.failed()) {
            activity.error().ifPresent(e -> action.put("error", e));
        }
    }

    private static String callName(RecordedActivity activity) {
        return switch (activity.kind()) {
            case "ImageBuild" -> "docker build";
            case "ContainerCommit" -> "docker commit";
            case "ContainerCreate" -> "docker create";
            default -> activity.kind();
        } + (activity.started().map(t -> " at " + t).orElse(""));
    }

    /** What the call asked for, as a user would recognise it: names only, never a value that may be a secret. */
    private static Optional<String> description(RecordedActivity activity) {
        List<String> parts = new ArrayList<>();
        List<String> tags = activity.facts(Vocab.Docker.tag);
        if (!tags.isEmpty()) {
            parts.add("tags: " + String.join(", ", tags));
        }
        activity.facts(Vocab.Docker.dockerfile).forEach(d -> parts.add("Dockerfile: " + d));
        activity.facts(Vocab.Docker.buildTarget).forEach(t -> parts.add("target: " + t));
        List<String> args = activity.facts(Vocab.Docker.buildArg);
        if (!args.isEmpty()) {
            parts.add("build arguments (names): " + String.join(", ", args));
        }
        activity.facts(Vocab.Docker.repository).forEach(r -> parts.add("repository: " + r));
        activity.facts(Vocab.Docker.imageReference).forEach(r -> parts.add("image: " + r));
        activity.facts(Vocab.Docker.name).forEach(n -> parts.add("name: " + n));
        activity.facts(Vocab.Docker.command).forEach(c -> parts.add("command: " + c));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** The Docker engine that ran the call: the tool of its step. A claim naming none gets a generic one. */
    private String engine(RecordedActivity activity) {
        return activity.agent(Participant.Role.DOCKER_ENGINE).map(this::software)
                .orElseGet(() -> software("#docker-engine", "Docker Engine", null));
    }

    private String software(Participant agent) {
        return software(agent.iri(), agent.name().orElse(agent.role() == Participant.Role.DOCKER_ENGINE ? "Docker Engine"
                : "SmartContainers"), agent.version().orElse(null));
    }

    private String software(String id, String name, String version) {
        ObjectNode app = entity(id, "SoftwareApplication").put("name", name);
        if (version != null) {
            app.put("softwareVersion", version);
        }
        app.set("url", ref(name.equals("SmartContainers") ? "https://w3id.org/daspos/smartcontainers"
                : "https://docs.docker.com/engine/"));
        putIfNew(app);
        return id;
    }

    /** A person by their IRI (an ORCID iD when known), name and affiliation; never their e-mail address. */
    private String person(Participant person) {
        ObjectNode entity = entity(person.iri(), "Person");
        person.name().ifPresent(n -> entity.put("name", n));
        person.affiliation().ifPresent(a -> {
            String org = "#organization-" + Integer.toHexString(a.hashCode());
            putIfNew(entity(org, "Organization").put("name", a));
            entity.set("affiliation", ref(org));
        });
        putIfNew(entity);
        return person.iri();
    }

    /** An image (a ContainerImage, workflow-run terms) or a container, by our IRI. */
    private void resource(String iri) {
        if (iri.startsWith(Vocab.imageIri(""))) {
            String id = iri.substring(Vocab.imageIri("").length());
            ObjectNode image = entity(iri, "ContainerImage");
            image.set("additionalType", ref(DOCKER_IMAGE));
            Optional<String> tag = imageTag(iri);
            image.put("name", tag.map(t -> t.substring(0, t.lastIndexOf(':') > t.lastIndexOf('/') ? t.lastIndexOf(':')
                    : t.length())).orElse("sha256:" + id));
            tag.filter(t -> t.lastIndexOf(':') > t.lastIndexOf('/')).ifPresent(t -> image.put("tag", t.substring(t.lastIndexOf(':') + 1)));
            image.put("sha256", id);
            putIfNew(image);
        } else if (iri.startsWith(Vocab.containerIri(""))) {
            String id = iri.substring(Vocab.containerIri("").length());
            ObjectNode container = entity(iri, "Thing").put("name", "container " + id.substring(0, Math.min(12, id.length())))
                    .put("identifier", id);
            container.set("additionalType", ref(Vocab.Docker.Container.getURI()));
            putIfNew(container);
        } else {
            putIfNew(entity(iri, "Thing").put("name", iri));
        }
    }

    /** The first tag a recorded build or commit gave the image. */
    private Optional<String> imageTag(String imageIri) {
        for (RecordedActivity activity : activities) {
            if (activity.made().contains(imageIri)) {
                List<String> tags = activity.facts(Vocab.Docker.tag);
                List<String> repositories = activity.facts(Vocab.Docker.repository);
                if (activity.kind().equals("ContainerCommit") && !repositories.isEmpty()) {
                    return Optional.of(repositories.get(0) + (tags.isEmpty() ? "" : ":" + tags.get(0)));
                }
                if (!tags.isEmpty()) {
                    return Optional.of(tags.get(0));
                }
            }
        }
        return Optional.empty();
    }

    /** The license the exporter named; none named, the crate says so rather than guess one for the records' owners. */
    private String license(String given) {
        if (given != null && !given.isBlank()) {
            String id = given.contains(":") ? given : "https://spdx.org/licenses/" + given;
            putIfNew(entity(id, "CreativeWork").put("name", given));
            return id;
        }
        putIfNew(entity("#license-not-given", "CreativeWork").put("name", "No license given")
                .put("description", "Whoever exported this crate named no license (sc export --license); ask the"
                        + " people who made these images before reusing the records."));
        return "#license-not-given";
    }

    private static ObjectNode entity(String id, String type) {
        return JSON.createObjectNode().put("@id", id).put("@type", type);
    }

    private void put(ObjectNode entity) {
        entities.put(entity.get("@id").asText(), entity);
        graph.add(entity);
    }

    private void putIfNew(ObjectNode entity) {
        if (!entities.containsKey(entity.get("@id").asText())) {
            put(entity);
        }
    }

    private static ObjectNode ref(String id) {
        return JSON.createObjectNode().put("@id", id);
    }

    private static ArrayNode refs(List<String> ids) {
        ArrayNode array = JSON.createArrayNode();
        ids.forEach(id -> array.add(ref(id)));
        return array;
    }

    private static Map<String, String> profiles() {
        Map<String, String> profiles = new LinkedHashMap<>();
        profiles.put("https://w3id.org/ro/wfrun/process/0.5", "Process Run Crate");
        profiles.put("https://w3id.org/ro/wfrun/workflow/0.5", "Workflow Run Crate");
        profiles.put("https://w3id.org/ro/wfrun/provenance/0.5", "Provenance Run Crate");
        profiles.put("https://w3id.org/workflowhub/workflow-ro-crate/1.0", "Workflow RO-Crate");
        return Collections.unmodifiableMap(profiles);
    }
}
