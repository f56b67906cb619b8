package org.smartcontainers.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of RO-Crate 1.1 an {@code ro-crate-metadata.json} must follow, and those the Provenance Run
 * Crate profile 0.5 adds (with Workflow Run Crate, Process Run Crate and Workflow RO-Crate 1.0 that it
 * extends), as far as a crate of metadata alone can be checked: each MUST, and the SHOULDs we promise.
 * Written from the specifications' text (RO-Crate 1.1 "Root Data Entity", "Data Entities",
 * "Contextual Entities"; the profiles' requirement tables), not from a validator's code.
 */
public final class RoCrateRules {
    static final String CONTEXT = "https://w3id.org/ro/crate/1.1/context";
    private static final String PROVENANCE_RUN_CRATE = "https://w3id.org/ro/wfrun/provenance/0.5";
    private static final Set<String> ACTION_STATUSES = Set.of("http://schema.org/CompletedActionStatus",
            "http://schema.org/FailedActionStatus", "http://schema.org/ActiveActionStatus",
            "http://schema.org/PotentialActionStatus");

    private final JsonNode crate;
    private final Map<String, JsonNode> entities = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private RoCrateRules(JsonNode crate) {
        this.crate = crate;
    }

    public static List<String> problems(JsonNode crate) {
        RoCrateRules rules = new RoCrateRules(crate);
        rules.check();
        return rules.problems;
    }

    private void check() {
        JsonNode context = crate.path("@context");
        boolean hasContext = context.isTextual() ? context.asText().equals(CONTEXT)
                : context.isArray() && contains(context, CONTEXT);
        require(hasContext, "@context must be (or include) " + CONTEXT);
        JsonNode graph = crate.path("@graph");
        if (!graph.isArray()) {
            problems.add("@graph must be an array of entities");
            return;
        }
        for (JsonNode entity : graph) {
            String id = entity.path("@id").asText(null);
            if (id == null) {
                problems.add("an entity has no @id: " + entity);
                continue;
            }
            require(entity.path("@type").isTextual() || entity.path("@type").isArray() && !entity.path("@type").isEmpty(),
                    id + " has no @type");
            require(entities.put(id, entity) == null, id + " is described twice");
        }
        descriptor();
        root();
        references();
        profile();
    }

    private void descriptor() {
        JsonNode descriptor = entities.get("ro-crate-metadata.json");
        if (descriptor == null) {
            problems.add("no metadata descriptor ro-crate-metadata.json");
            return;
        }
        require(types(descriptor).contains("CreativeWork"), "the descriptor must be a CreativeWork");
        require(refs(descriptor.path("conformsTo")).stream().anyMatch(r -> r.startsWith("https://w3id.org/ro/crate/1.1")),
                "the descriptor must conform to https://w3id.org/ro/crate/1.1");
        require(refs(descriptor.path("about")).equals(List.of("./")), "the descriptor must be about ./");
    }

    private void root() {
        JsonNode root = entities.get("./");
        if (root == null) {
            problems.add("no root data entity ./");
            return;
        }
        require(types(root).contains("Dataset"), "the root must be a Dataset");
        for (String property : List.of("name", "description", "datePublished")) {
            require(root.path(property).isTextual() && !root.path(property).asText().isBlank(), "the root needs " + property);
        }
        try {
            OffsetDateTime.parse(root.path("datePublished").asText());
        } catch (DateTimeParseException e) {
            problems.add("the root's datePublished is not ISO 8601: " + root.path("datePublished"));
        }
        require(!refs(root.path("license")).isEmpty(), "the root needs a license (Workflow RO-Crate: MUST)");
    }

    /** Every {@code {"@id": …}} names an entity of the crate or is an absolute URI; values are flat (no nesting). */
    private void references() {
        for (JsonNode entity : entities.values()) {
            entity.fields().forEachRemaining(field -> {
                if (field.getKey().startsWith("@")) {
                    return;
                }
                List<JsonNode> values = new ArrayList<>();
                if (field.getValue().isArray()) {
                    field.getValue().forEach(values::add);
                } else {
                    values.add(field.getValue());
                }
                for (JsonNode value : values) {
                    if (!value.isObject()) {
                        continue;
                    }
                    String target = value.path("@id").asText(null);
                    require(target != null && value.size() == 1, entity.path("@id").asText() + " " + field.getKey()
                            + " nests an entity: the graph must be flat");
                    require(target == null || entities.containsKey(target) || absolute(target),
                            entity.path("@id").asText() + " " + field.getKey() + " refers to " + target
                                    + ", which is neither described nor an absolute URI");
                }
            });
        }
        // Data entities are reachable from the root through hasPart.
        Set<String> parts = new HashSet<>(refs(entities.getOrDefault("./", crate).path("hasPart")));
        entities.values().stream().filter(e -> types(e).contains("File") || types(e).contains("Dataset"))
                .map(e -> e.path("@id").asText()).filter(id -> !id.equals("./"))
                .forEach(id -> require(parts.contains(id), id + " is a data entity the root does not list in hasPart"));
    }

    private void profile() {
        JsonNode root = entities.get("./");
        if (root == null) {
            return;
        }
        List<String> profiles = refs(root.path("conformsTo"));
        require(profiles.contains(PROVENANCE_RUN_CRATE), "the root must conform to " + PROVENANCE_RUN_CRATE);
        for (String profile : profiles) {
            require(entities.containsKey(profile) && types(entities.get(profile)).contains("CreativeWork"),
                    "the profile " + profile + " must be a CreativeWork entity of the crate");
        }
        List<String> main = refs(root.path("mainEntity"));
        JsonNode workflow = main.size() == 1 ? entities.get(main.get(0)) : null;
        if (workflow == null) {
            problems.add("the root's mainEntity must be the main workflow, described in the crate");
            return;
        }
        require(types(workflow).containsAll(List.of("File", "SoftwareSourceCode", "ComputationalWorkflow")),
                "the main workflow must be File, SoftwareSourceCode and ComputationalWorkflow");
        require(!refs(workflow.path("programmingLanguage")).isEmpty(), "the main workflow needs a programmingLanguage");
        List<String> steps = refs(workflow.path("step"));
        require(steps.isEmpty() || types(workflow).contains("HowTo"), "a workflow with steps must be a HowTo");
        List<String> tools = refs(workflow.path("hasPart"));
        for (String step : steps) {
            JsonNode howTo = entities.get(step);
            require(howTo != null && types(howTo).contains("HowToStep"), step + " must be a HowToStep");
            List<String> example = howTo == null ? List.of() : refs(howTo.path("workExample"));
            require(example.size() == 1 && tools.contains(example.get(0)),
                    step + " must name, as workExample, a tool the workflow has as a part");
        }
        boolean workflowRun = false;
        for (JsonNode entity : entities.values()) {
            String id = entity.path("@id").asText();
            Set<String> types = types(entity);
            if (types.contains("CreateAction")) {
                List<String> instrument = refs(entity.path("instrument"));
                require(instrument.size() == 1 && entities.containsKey(instrument.get(0)),
                        id + " must name its tool as instrument, described in the crate");
                workflowRun |= instrument.contains(main.get(0));
                agents(entity);
            }
            if (types.contains("ControlAction")) {
                require(refs(entity.path("instrument")).stream().allMatch(steps::contains)
                        && refs(entity.path("instrument")).size() == 1, id + " must have one HowToStep as instrument");
                require(!refs(entity.path("object")).isEmpty() && refs(entity.path("object")).stream()
                        .allMatch(o -> entities.containsKey(o) && types(entities.get(o)).contains("CreateAction")),
                        id + " must have the step's CreateAction as object");
            }
            if (types.contains("OrganizeAction")) {
                require(refs(entity.path("instrument")).size() == 1, id + " must name the workflow engine as instrument");
                require(!refs(entity.path("object")).isEmpty(), id + " must list the step executions as object");
                require(refs(entity.path("result")).size() == 1, id + " must name the workflow run as result");
            }
            if (entity.has("actionStatus")) {
                List<String> status = refs(entity.path("actionStatus"));
                require(status.size() == 1 && ACTION_STATUSES.contains(status.get(0)), id + " has an unknown actionStatus");
                require(!entity.has("error") || status.contains("http://schema.org/FailedActionStatus"),
                        id + " gives an error but did not fail");
            }
        }
        require(workflowRun, "a CreateAction must have the main workflow as instrument (the workflow's run)");
    }

    private void agents(JsonNode action) {
        for (String agent : refs(action.path("agent"))) {
            JsonNode who = entities.get(agent);
            require(who != null && (types(who).contains("Person") || types(who).contains("Organization")),
                    action.path("@id").asText() + "'s agent must be a Person or Organization of the crate");
        }
    }

    private static boolean absolute(String id) {
        try {
            return new URI(id).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An entity's {@code @type}, one or many. */
    public static Set<String> types(JsonNode entity) {
        Set<String> types = new HashSet<>();
        JsonNode type = entity.path("@type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        return types;
    }

    /** The {@code @id}s a value refers to: one reference or an array of them. */
    public static List<String> refs(JsonNode value) {
        List<String> ids = new ArrayList<>();
        if (value.isObject() && value.has("@id")) {
            ids.add(value.get("@id").asText());
        }
        if (value.isArray()) {
            value.forEach(v -> ids.addAll(refs(v)));
        }
        return ids;
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private void require(boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }
}
