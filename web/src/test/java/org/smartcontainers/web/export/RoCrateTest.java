package org.smartcontainers.web.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.testsupport.RoCrateRules;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * The RO-Crate of one image's or container's lineage follows RO-Crate 1.1 and the Provenance Run Crate
 * profile ({@link RoCrateRules}), and says what the store says: each recorded call an action with its
 * engine, person and times, the images by their IDs.
 */
class RoCrateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private ThrowawayRecording parts;
    private RecordedWorkflow workflow;

    @BeforeEach
    void record() throws Exception {
        parts = new ThrowawayRecording(dir);
        workflow = new RecordedWorkflow(parts);
    }

    @AfterEach
    void close() {
        parts.close();
    }

    private JsonNode crate(ExportSubject subject, String license) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RoCrate.write(Lineage.of(parts.store, subject), subject, license, out);
        return JSON.readTree(out.toByteArray());
    }

    private static Map<String, JsonNode> byId(JsonNode crate) {
        return StreamSupport.stream(crate.path("@graph").spliterator(), false)
                .collect(Collectors.toMap(e -> e.path("@id").asText(), e -> e));
    }

    @Test
    void theCommittedImagesCrateFollowsTheRulesAndHoldsTheWholeChain() throws Exception {
        JsonNode crate = crate(ExportSubject.image(RecordedWorkflow.COMMITTED), "CC-BY-4.0");
        assertEquals(List.of(), RoCrateRules.problems(crate), crate.toPrettyString());
        Map<String, JsonNode> entities = byId(crate);
        for (String activity : List.of(workflow.toolBuild, workflow.appBuild, workflow.create, workflow.commit)) {
            JsonNode action = entities.get(activity);
            assertEquals("CreateAction", action.path("@type").asText(), activity);
            assertEquals(Vocab.INSTANCE_BASE + "agent/docker-engine/" + RecordedWorkflow.DOCKER_VERSION,
                    action.path("instrument").path("@id").asText(), "the engine ran each call");
            assertEquals(RecordedWorkflow.ORCID, action.path("agent").path("@id").asText());
            assertEquals("http://schema.org/CompletedActionStatus", action.path("actionStatus").path("@id").asText());
        }
        assertFalse(entities.containsKey(workflow.failedBuild), "the failed build made nothing of this chain");
        JsonNode build = entities.get(workflow.appBuild);
        assertEquals("2026-03-01T10:01:00Z", build.path("startTime").asText().replace(".000", ""));
        assertEquals(Vocab.imageIri(RecordedWorkflow.TOOL), build.path("object").get(0).path("@id").asText());
        assertEquals(Vocab.imageIri(RecordedWorkflow.APP), build.path("result").get(0).path("@id").asText());
        assertTrue(build.path("description").asText().contains("build arguments (names): TOKEN"), build.toString());

        JsonNode app = entities.get(Vocab.imageIri(RecordedWorkflow.APP));
        assertEquals("ContainerImage", app.path("@type").asText());
        assertEquals("app", app.path("name").asText());
        assertEquals("1", app.path("tag").asText());
        assertEquals(RecordedWorkflow.APP, app.path("sha256").asText());
        JsonNode committed = entities.get(Vocab.imageIri(RecordedWorkflow.COMMITTED));
        assertEquals("app", committed.path("name").asText());
        assertEquals("2", committed.path("tag").asText());
        assertEquals(Vocab.containerIri(RecordedWorkflow.CONTAINER),
                entities.get(workflow.create).path("result").get(0).path("@id").asText());
        assertEquals(Vocab.imageIri(RecordedWorkflow.APP),
                entities.get(workflow.create).path("containerImage").path("@id").asText());

        JsonNode person = entities.get(RecordedWorkflow.ORCID);
        assertEquals("Person", person.path("@type").asText());
        assertEquals("Josiah Carberry", person.path("name").asText());
        assertEquals("Brown University", entities.get(person.path("affiliation").path("@id").asText()).path("name").asText());
        JsonNode lineageRun = entities.get("#lineage-run");
        assertEquals(Vocab.imageIri(RecordedWorkflow.BASE), lineageRun.path("object").get(0).path("@id").asText(),
                "the chain's input is the base image nothing recorded made");
        assertEquals(4, entities.get(entities.get("./").path("mainEntity").path("@id").asText()).path("step").size());
        assertEquals("https://spdx.org/licenses/CC-BY-4.0", entities.get("./").path("license").path("@id").asText());
        String text = crate.toString();
        assertFalse(text.contains(RecordedWorkflow.EMAIL), "an exported crate travels: no e-mail address in it");
        assertFalse(text.contains(RecordedWorkflow.SECRET));
    }

    @Test
    void aContainersCrateEndsWithTheContainerAndItsStepsAreInOrder() throws Exception {
        JsonNode crate = crate(ExportSubject.container(RecordedWorkflow.CONTAINER), null);
        assertEquals(List.of(), RoCrateRules.problems(crate), crate.toPrettyString());
        Map<String, JsonNode> entities = byId(crate);
        assertEquals(Vocab.containerIri(RecordedWorkflow.CONTAINER),
                entities.get("#lineage-run").path("result").path("@id").asText());
        assertEquals("#license-not-given", entities.get("./").path("license").path("@id").asText(),
                "no license is guessed for the records' owners");
        List<String> order = StreamSupport.stream(entities.get("#smartcontainers-run").path("object").spliterator(), false)
                .map(control -> entities.get(control.path("@id").asText()).path("object").path("@id").asText()).toList();
        assertEquals(List.of(workflow.toolBuild, workflow.appBuild, workflow.create), order, "oldest call first");
    }

    @Test
    void theCrateIsJsonLdThatReadsAsTheGraphItSays() throws Exception {
        JsonNode crate = crate(ExportSubject.image(RecordedWorkflow.APP), null);
        // Offline: the two contexts the crate names, inline, reduced to the terms it uses.
        String context = "{\"@context\": {\"@vocab\": \"http://schema.org/\", \"File\": \"http://schema.org/MediaObject\","
                + " \"ComputationalWorkflow\": \"https://bioschemas.org/ComputationalWorkflow\","
                + " \"ContainerImage\": \"https://w3id.org/ro/terms/workflow-run#ContainerImage\","
                + " \"containerImage\": {\"@id\": \"https://w3id.org/ro/terms/workflow-run#containerImage\", \"@type\": \"@id\"},"
                + " \"sha256\": \"https://w3id.org/ro/terms/workflow-run#sha256\","
                + " \"tag\": \"https://w3id.org/ro/terms/workflow-run#tag\"}}";
        ObjectNode inline = crate.deepCopy();
        ArrayNode both = JSON.createArrayNode();
        both.add(JSON.readTree(context).path("@context"));
        inline.set("@context", both);
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(inline.toString())).base("https://example.org/crate/")
                .lang(Lang.JSONLD).parse(model);
        assertTrue(model.contains(model.createResource(workflow.appBuild), model.createProperty("http://schema.org/agent"),
                model.createResource(RecordedWorkflow.ORCID)), "the build's agent is the person, as a link");
        assertTrue(model.contains(model.createResource(Vocab.imageIri(RecordedWorkflow.APP)),
                model.createProperty("https://w3id.org/ro/terms/workflow-run#sha256"), RecordedWorkflow.APP));
    }

    @Test
    void anImageNothingRecordedMadeHasNoCrate() {
        NotRecordedException e = assertThrows(NotRecordedException.class,
                () -> crate(ExportSubject.image(RecordedWorkflow.BASE), null));
        assertTrue(e.getMessage().startsWith("no record of image " + RecordedWorkflow.BASE), e.getMessage());
    }

    @Test
    void theRulesCatchWhatACrateMustNotDo() throws Exception {
        JsonNode good = crate(ExportSubject.image(RecordedWorkflow.APP), null);
        ObjectNode noType = good.deepCopy();
        ((ObjectNode) noType.path("@graph").get(3)).remove("@type");
        assertFalse(RoCrateRules.problems(noType).isEmpty(), "an entity without @type");
        ObjectNode dangling = good.deepCopy();
        ((ObjectNode) dangling.path("@graph").get(1)).set("mentions", JSON.readTree("{\"@id\": \"#nowhere\"}"));
        assertTrue(RoCrateRules.problems(dangling).stream().anyMatch(p -> p.contains("#nowhere")), "a reference to nothing");
        ObjectNode noInstrument = good.deepCopy();
        for (JsonNode entity : noInstrument.path("@graph")) {
            if (entity.path("@id").asText().equals(workflow.appBuild)) {
                ((ObjectNode) entity).remove("instrument");
            }
        }
        assertTrue(RoCrateRules.problems(noInstrument).stream().anyMatch(p -> p.contains("instrument")), "an action without its tool");
        ObjectNode noProfile = good.deepCopy();
        ((ObjectNode) noProfile.path("@graph").get(1)).remove("conformsTo");
        assertFalse(RoCrateRules.problems(noProfile).isEmpty(), "a root that names no profile");
    }
}
