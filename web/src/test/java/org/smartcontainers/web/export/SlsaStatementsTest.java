package org.smartcontainers.web.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.testsupport.SlsaSchema;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * SLSA v1 provenance of the recorded builds: each statement valid against the schema ({@link SlsaSchema})
 * (in-toto Statement v1 with the SLSA provenance predicate), one per build that made an image, saying
 * what the store says and never a build argument's value.
 */
class SlsaStatementsTest {
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

    /** The JSON Lines written, one statement a line. */
    private List<JsonNode> statements(ExportSubject subject) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SlsaStatements.write(parts.store, subject, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "each line ends");
        List<JsonNode> statements = new ArrayList<>();
        for (String line : text.lines().toList()) {
            statements.add(JSON.readTree(line));
        }
        return statements;
    }

    private static void assertValid(JsonNode statement) {
        assertEquals(List.of(), SlsaSchema.problems(statement), statement.toPrettyString());
    }

    private JsonNode of(List<JsonNode> statements, String invocation) {
        return statements.stream().filter(s -> s.at("/predicate/runDetails/metadata/invocationId").asText()
                .equals(invocation)).findFirst().orElseThrow(() -> new AssertionError("no statement of " + invocation));
    }

    @Test
    void everyBuildThatMadeAnImageHasAValidStatementAndTheFailedOneNone() throws Exception {
        List<JsonNode> statements = statements(null);
        assertEquals(2, statements.size(), statements.toString());
        statements.forEach(SlsaStatementsTest::assertValid);
        assertTrue(statements.stream().noneMatch(s -> s.toString().contains(workflow.failedBuild)));
        assertFalse(statements.toString().contains(RecordedWorkflow.SECRET), "build-argument names only");

        JsonNode tool = of(statements, workflow.toolBuild);
        assertEquals("tool:1", tool.at("/subject/0/name").asText());
        assertEquals(RecordedWorkflow.TOOL, tool.at("/subject/0/digest/sha256").asText());
        JsonNode definition = tool.at("/predicate/buildDefinition");
        assertEquals(SlsaStatements.BUILD_TYPE, definition.path("buildType").asText());
        assertEquals(List.of("N", "TOKEN"), JSON.convertValue(definition.at("/externalParameters/buildArgNames"), List.class));
        assertEquals("physics", definition.at("/externalParameters/labels/team").asText());
        assertEquals("classic", definition.at("/internalParameters/builder").asText());
        JsonNode base = definition.at("/resolvedDependencies/0");
        assertEquals(Vocab.imageIri(RecordedWorkflow.BASE), base.path("uri").asText());
        assertEquals("busybox:1.36", base.path("name").asText());
        assertEquals(RecordedWorkflow.BASE, base.at("/digest/sha256").asText());
        List<String> digests = StreamSupport.stream(definition.path("resolvedDependencies").spliterator(), false)
                .map(d -> d.at("/digest/sha256").asText()).toList();
        assertTrue(digests.containsAll(List.of(RecordedWorkflow.DOCKERFILE_DIGEST, RecordedWorkflow.CONTEXT_DIGEST)), digests.toString());
        assertEquals(Vocab.INSTANCE_BASE + "agent/docker-engine/" + RecordedWorkflow.DOCKER_VERSION,
                tool.at("/predicate/runDetails/builder/id").asText());
        assertEquals(RecordedWorkflow.DOCKER_VERSION, tool.at("/predicate/runDetails/builder/version/docker").asText());
        assertEquals("2026-03-01T10:00:00Z", tool.at("/predicate/runDetails/metadata/startedOn").asText());
        assertEquals("2026-03-01T10:00:20Z", tool.at("/predicate/runDetails/metadata/finishedOn").asText());

        JsonNode app = of(statements, workflow.appBuild);
        assertEquals("buildkit", app.at("/predicate/buildDefinition/internalParameters/builder").asText());
        assertEquals("final", app.at("/predicate/buildDefinition/externalParameters/target").asText());
        List<String> appDigests = StreamSupport.stream(app.at("/predicate/buildDefinition/resolvedDependencies").spliterator(), false)
                .map(d -> d.at("/digest/sha256").asText()).toList();
        assertTrue(appDigests.containsAll(List.of(RecordedWorkflow.TOOL, RecordedWorkflow.LISTING_DIGEST)), appDigests.toString());
    }

    @Test
    void oneImagesStatementsAreThoseOfTheBuildsThatMadeIt() throws Exception {
        List<JsonNode> statements = statements(ExportSubject.image(RecordedWorkflow.APP));
        assertEquals(1, statements.size());
        assertValid(statements.get(0));
        assertEquals(workflow.appBuild, statements.get(0).at("/predicate/runDetails/metadata/invocationId").asText());
    }

    @Test
    void anImageNoBuildMadeAndAContainerHaveNone() {
        NotRecordedException committed = assertThrows(NotRecordedException.class,
                () -> statements(ExportSubject.image(RecordedWorkflow.COMMITTED)));
        assertTrue(committed.getMessage().startsWith("no recorded build made image"), committed.getMessage());
        NotRecordedException container = assertThrows(NotRecordedException.class,
                () -> statements(ExportSubject.container(RecordedWorkflow.CONTAINER)));
        assertTrue(container.getMessage().contains("SLSA provenance is of images"), container.getMessage());
    }

    @Test
    void theSchemaRejectsWhatTheSpecificationsForbid() throws Exception {
        JsonNode good = statements(ExportSubject.image(RecordedWorkflow.APP)).get(0);
        ObjectNode noDigest = good.deepCopy();
        ((ObjectNode) noDigest.at("/subject/0")).remove("digest");
        assertFalse(SlsaSchema.problems(noDigest).isEmpty(), "a subject without a digest");
        ObjectNode localTime = good.deepCopy();
        ((ObjectNode) localTime.at("/predicate/runDetails/metadata")).put("startedOn", "2026-03-01T11:01:00+01:00");
        assertFalse(SlsaSchema.problems(localTime).isEmpty(), "a timestamp not in UTC");
        ObjectNode noBuilder = good.deepCopy();
        ((ObjectNode) noBuilder.at("/predicate/runDetails")).remove("builder");
        assertFalse(SlsaSchema.problems(noBuilder).isEmpty(), "no builder");
        ObjectNode upperHex = good.deepCopy();
        ((ObjectNode) upperHex.at("/subject/0/digest")).put("sha256", RecordedWorkflow.APP.toUpperCase());
        assertFalse(SlsaSchema.problems(upperHex).isEmpty(), "a digest not in lowercase hex");
    }
}
