package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDateTime;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.proxy.buildkit.ControlStatus.Vertex;

/** The steps of a BuildKit build as its status updates tell them, each vertex once with the latest said of it. */
class BuildKitStepsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String DIGEST = "sha256:" + "3".repeat(64);

    private static Vertex vertex(String digest, String name, boolean cached, Instant started, Instant completed, String error) {
        return new Vertex(digest, List.of(), name, cached, started, completed, error);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    /** The steps as a build's record holds them. */
    private static Model recorded(BuildKitSteps steps) {
        ActivityRecord record = ImageBuild.startBuildKit(Map.of(), List.of("app:1"), T0.minusSeconds(1), new Agents("9.9", "29.0"));
        steps.recordInto(record, BuildArgValues.NONE);
        return record.learned();
    }

    private static Resource step(Model model, String digest) {
        List<Resource> steps = model.listSubjectsWithProperty(Vocab.Docker.vertexDigest, digest).toList();
        assertEquals(1, steps.size(), "one step for " + digest);
        return steps.get(0);
    }

    private static Instant time(Resource step, Property property) {
        Statement statement = step.getProperty(property);
        return statement == null ? null
                : ((XSDDateTime) statement.getLiteral().getValue()).asCalendar().toInstant();
    }

    @Test
    void updatesOfAVertexMergeStartedEarliestTheRestFromLaterUpdates() {
        BuildKitSteps steps = new BuildKitSteps();
        assertTrue(steps.isEmpty());
        steps.update(List.of(vertex(DIGEST, "[2/2] RUN make", false, at(300), null, null)));
        steps.update(List.of(vertex(DIGEST, "", false, at(500), at(900), null)));
        steps.update(List.of(vertex(DIGEST, null, true, null, null, "exit code: 2")));
        steps.update(List.of(vertex(DIGEST, "", false, at(100), null, null)));
        assertFalse(steps.isEmpty());

        Resource step = step(recorded(steps), DIGEST);
        assertEquals("[2/2] RUN make", step.getProperty(RDFS.label).getString(), "a later update without a name keeps it");
        assertEquals(at(100), time(step, Vocab.Prov.startedAtTime), "the earliest start said");
        assertEquals(at(900), time(step, Vocab.Prov.endedAtTime), "the completion, not taken back by updates without one");
        assertTrue(step.getProperty(Vocab.Docker.cached).getBoolean(), "cached, once said, stays");
        assertEquals("exit code: 2", step.getProperty(Vocab.Sc.errorMessage).getString());
        assertEquals("exit code: 2", steps.firstError());
    }

    @Test
    void aLaterCompletionOrErrorReplacesAnEarlierOne() {
        BuildKitSteps steps = new BuildKitSteps();
        steps.update(List.of(vertex(DIGEST, "step", false, at(0), at(100), "first")));
        steps.update(List.of(vertex(DIGEST, "step", false, at(0), at(400), "second")));
        Resource step = step(recorded(steps), DIGEST);
        assertEquals(at(400), time(step, Vocab.Prov.endedAtTime));
        assertEquals("second", step.getProperty(Vocab.Sc.errorMessage).getString());
    }

    @Test
    void aStepNeverEndsBeforeItStartsAndUnknownTimesStayOut() {
        BuildKitSteps steps = new BuildKitSteps();
        String other = "sha256:" + "4".repeat(64);
        steps.update(List.of(vertex(DIGEST, "skewed", false, at(500), at(200), null),
                vertex(other, "waiting", false, null, null, null),
                vertex("", "no digest: not a step", false, at(0), at(1), null)));
        Model model = recorded(steps);
        Resource skewed = step(model, DIGEST);
        assertEquals(at(500), time(skewed, Vocab.Prov.endedAtTime));
        Resource waiting = step(model, other);
        assertNull(time(waiting, Vocab.Prov.startedAtTime));
        assertNull(time(waiting, Vocab.Prov.endedAtTime));
        assertEquals(2, model.listSubjectsWithProperty(Vocab.Docker.vertexDigest).toList().size());
        assertNull(steps.firstError());
    }

    @Test
    void baseImageReferencesComeFromTheMetadataLookupsOnceEachInOrder() {
        BuildKitSteps steps = new BuildKitSteps();
        steps.update(List.of(
                vertex("sha256:a", "[internal] load build definition from Dockerfile", false, at(0), at(1), null),
                vertex("sha256:b", "[internal] load metadata for docker.io/library/golang:1.22", false, at(1), null, null),
                vertex("sha256:c", "[internal] load metadata for docker.io/library/busybox:latest", false, at(1), null, null),
                vertex("sha256:d", "[internal] load metadata for docker.io/library/golang:1.22", false, at(2), null, null),
                vertex("sha256:e", "[build 1/2] FROM docker.io/library/golang:1.22@sha256:" + "f".repeat(64), true, at(3), at(3), null),
                vertex("sha256:f", "[internal] load metadata for x y", false, at(1), null, null)));
        assertEquals(List.of("docker.io/library/golang:1.22", "docker.io/library/busybox:latest"),
                steps.baseImageReferences());
    }

    @Test
    void aBuildOfMoreStepsThanTheBoundKeepsTheFirstOnesAndTheirUpdates() {
        BuildKitSteps steps = new BuildKitSteps();
        List<Vertex> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            many.add(vertex("sha256:" + i, "step " + i, false, at(i), null, null));
        }
        steps.update(many);
        steps.update(List.of(vertex("sha256:0", "", false, null, at(20_000), null),
                vertex("sha256:10001", "one more", false, at(0), null, null)));
        Model model = recorded(steps);
        assertEquals(10_000, model.listSubjectsWithProperty(Vocab.Docker.vertexDigest).toList().size());
        assertEquals(at(20_000), time(step(model, "sha256:0"), Vocab.Prov.endedAtTime), "a kept step is still updated");
        assertTrue(model.listSubjectsWithProperty(Vocab.Docker.vertexDigest, "sha256:10000").toList().isEmpty());
        assertTrue(model.listSubjectsWithProperty(Vocab.Docker.vertexDigest, "sha256:10001").toList().isEmpty());
    }
}
