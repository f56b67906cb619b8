package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.Vocab;

/** A build's label is its plan: the same for identical builds, whatever the run's own times. */
class ImageBuildTest {
    private static final Agents ADA = new Agents("0.1.0", "26.1.5",
            new Agent("Ada", null, null, "ada@example.org", "CERN", null, "https://orcid.org/0000-0002-1825-0097"),
            "ada@host");
    private static final String BASE = "sha256:" + "a".repeat(64);
    private static final String IMAGE = "sha256:" + "b".repeat(64);

    private static Map<String, List<String>> query(String tag, String labelsJson) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("t", List.of(tag, "latest-" + tag));
        query.put("buildargs", List.of("{\"SECRET\":\"hunter2\",\"N\":\"1\"}"));
        query.put("labels", List.of(labelsJson));
        query.put("target", List.of("final"));
        return query;
    }

    private static ActivityRecord run(Map<String, List<String>> query, Instant started) {
        ActivityRecord record = ImageBuild.start(query, started, ADA);
        ImageBuild.baseImages(record, List.of("busybox:latest"), List.of(BASE));
        ImageBuild.dockerfile(record, "d".repeat(64));
        return record;
    }

    private static boolean ask(Model model, String where) {
        String query = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX sc: <"
                + Vocab.SC_NS + "> ASK { " + where + " }";
        try (QueryExecution exec = QueryExecution.model(model).query(query).build()) {
            return exec.execAsk();
        }
    }

    @Test
    void identicalBuildsGetIdenticalLabelsWhateverTheirTimesAndTheOrderOfLabels() {
        ActivityRecord first = run(query("app:1", "{\"team\":\"physics\",\"stage\":\"test\"}"),
                Instant.parse("2026-01-01T00:00:00Z"));
        ActivityRecord second = run(query("app:1", "{\"stage\":\"test\",\"team\":\"physics\"}"),
                Instant.parse("2026-06-01T12:00:00Z"));
        assertEquals(first.label(), second.label(), "byte for byte: a different label makes a different image ID");
        assertEquals(first.planIri(), second.planIri());
        assertNotEquals(first.iri(), second.iri(), "each run is an activity of its own");
        assertFalse(first.label().contains("2026-01-01"), "no time of the run in the label: " + first.label());
        assertFalse(first.label().contains("hunter2"), "never a build-arg value");

        ActivityRecord other = run(query("app:2", "{\"team\":\"physics\",\"stage\":\"test\"}"), Instant.now());
        assertNotEquals(first.planIri(), other.planIri(), "another tag, another plan");
        ActivityRecord someoneElse = ImageBuild.start(query("app:1", "{\"team\":\"physics\",\"stage\":\"test\"}"),
                Instant.now(), new Agents("0.1.0", "26.1.5", Agent.NOBODY, "bob@host"));
        ImageBuild.baseImages(someoneElse, List.of("busybox:latest"), List.of(BASE));
        ImageBuild.dockerfile(someoneElse, "d".repeat(64));
        assertNotEquals(first.planIri(), someoneElse.planIri(), "another person, another plan");
    }

    @Test
    void theStoreHoldsThePlanAndTheRunAssociatedWithIt() {
        ActivityRecord record = run(query("app:1", "{\"team\":\"physics\"}"), Instant.parse("2026-01-01T00:00:00Z"));
        String label = record.label();
        ImageBuild.context(record, "sha256:" + "c".repeat(64), 4096);
        ImageBuild.built(record, IMAGE, List.of(BASE), false, Instant.parse("2026-01-01T00:00:05Z"));
        Model stored = record.toGraph().model();
        Model parsed = ProvenanceLabel.read(label);
        assertTrue(parsed.isIsomorphicWith(record.labelled()));
        assertTrue(Subgraph.holds(stored, record.labelled()), "the store holds all the label says");
        Model run = ModelFactory.createUnion(record.known(), record.learned());
        assertTrue(stored.difference(record.labelled()).isIsomorphicWith(run.difference(record.labelled())),
                "and besides, only the run (the agents are described in both)");

        String plan = "<" + record.planIri() + ">";
        String activity = "<" + record.iri() + ">";
        assertTrue(ask(parsed, plan + " a prov:Plan, docker:BuildPlan; docker:tag 'app:1', 'latest-app:1';"
                + " docker:buildArg 'SECRET', 'N'; docker:buildTarget 'final'; docker:builder 'classic';"
                + " docker:baseImageReference 'busybox:latest'; docker:baseImage <" + Vocab.imageIri(BASE) + ">;"
                + " docker:dockerfileDigest 'sha256:" + "d".repeat(64) + "';"
                + " docker:label [ docker:labelKey 'team'; docker:labelValue 'physics' ];"
                + " prov:wasAttributedTo <https://orcid.org/0000-0002-1825-0097>"), label);
        assertTrue(ask(stored, activity + " a prov:Activity, docker:ImageBuild; prov:startedAtTime ?s; prov:endedAtTime ?e;"
                + " prov:qualifiedAssociation [ prov:agent <https://orcid.org/0000-0002-1825-0097>; prov:hadPlan " + plan
                + " ]; prov:used <" + Vocab.imageIri(BASE) + ">; prov:generated <" + Vocab.imageIri(IMAGE) + ">;"
                + " docker:contextDigest 'sha256:" + "c".repeat(64) + "'; sc:outcome 'success'"));
    }

    @Test
    void aRunThatEndsWithAnImageMadeBeforeReusesItRatherThanGeneratingIt() {
        ActivityRecord record = run(query("app:1", "{}"), Instant.now());
        ImageBuild.built(record, IMAGE, List.of(BASE), true, Instant.now());
        Model stored = record.toGraph().model();
        String image = "<" + Vocab.imageIri(IMAGE) + ">";
        assertTrue(ask(stored, "<" + record.iri() + "> docker:reusedImage " + image));
        assertFalse(ask(stored, "?a prov:generated " + image), "one generation per entity: the first run's");
        assertFalse(ask(stored, image + " prov:wasGeneratedBy ?a"));
    }
}
