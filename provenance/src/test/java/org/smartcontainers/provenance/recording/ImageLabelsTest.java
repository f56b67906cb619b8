package org.smartcontainers.provenance.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.config.Agent;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ContainerCommit;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.RecordWriter;

/**
 * Labels of used images go into the store once per image, whatever comes with them, as what they
 * claim about their image and nothing else; the store is real (a throwaway TDB2), the Docker socket does not exist (the images here are given whole).
 */
class ImageLabelsTest {
    private static final String IMAGE = "sha256:" + "ab".repeat(32);
    private static final String OTHER = "sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;
    private LocalStore store;
    private RecordKeeper keeper;
    private ImageLabels labels;

    @BeforeEach
    void start() {
        store = LocalStore.inMemory();
        keeper = new RecordKeeper(store, null);
        labels = new ImageLabels(new DockerClient(dir.resolve("no-docker.sock")), keeper);
    }

    @AfterEach
    void stop() {
        keeper.close();
    }

    private static String originalLabel() throws Exception {
        try (InputStream in = ImageLabelsTest.class.getResourceAsStream("/labels/original-smartcontainers.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int labelGraphs() {
        return store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), \"/label\")) }")
                .rewindable().size();
    }

    /** The writer stores asynchronously: wait for it (a guard against a hang, not a time limit on the work). */
    private void awaitGraph(String name) throws InterruptedException {
        for (int i = 0; i < 600 && !store.ask("ASK { GRAPH <" + name + "> { ?s ?p ?o } }"); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void aLabelIsStoredAsItsImagesProvenanceInItsOwnGraph() throws Exception {
        DockerClient.Image image = new DockerClient.Image(IMAGE, Map.of(ProvenanceLabel.KEY, originalLabel(), "team", "a"));
        labels.read(image);
        labels.read(image);
        labels.close();
        awaitGraph(LabelProvenance.graphName(IMAGE));
        assertTrue(store.ask("ASK { GRAPH <" + LabelProvenance.graphName(IMAGE) + "> { ?s ?p ?o } }"));
        assertEquals(1, labelGraphs());
    }

    @Test
    void anImageWithoutOurLabelOrWithAnUnreadableOneAddsNothing() throws Exception {
        labels.read(new DockerClient.Image(IMAGE, Map.of("team", "a")));
        labels.read(new DockerClient.Image(OTHER, Map.of(ProvenanceLabel.KEY, "not json-ld")));
        DockerClient.Image good = new DockerClient.Image("sha256:" + "ef".repeat(32), Map.of(ProvenanceLabel.KEY, originalLabel()));
        labels.read(good); // read after the others: once it is stored, they were handled
        labels.close();
        awaitGraph(LabelProvenance.graphName(good.id()));
        assertEquals(1, labelGraphs(), "only the readable label became a graph");
    }

    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <" + Vocab.SC_NS + "> PREFIX foaf: <"
            + Vocab.FOAF_NS + "> ";

    /** A label as JSON-LD with an inline context, as anyone can write one. */
    private static String jsonLd(String graph) {
        return "{\"@context\": {\"prov\": \"" + Vocab.PROV_NS + "\", \"foaf\": \"" + Vocab.FOAF_NS + "\"}, \"@graph\": [" + graph + "]}";
    }

    /** A commit the proxy recorded (observed), generating {@code imageId}. */
    private ActivityRecord recordedCommit(String imageId) {
        ActivityRecord record = ContainerCommit.start(Map.of(), "9".repeat(64), OTHER, Instant.now(),
                new Agents("0.1.0", "26.1.5", new Agent("Ada", null, null, null, null, null, null), null));
        ContainerCommit.committed(record, imageId, "9".repeat(64), OTHER, Instant.now());
        assertEquals(RecordWriter.Outcome.COMMITTED, keeper.store(record).join());
        return record;
    }

    @Test
    void aForgedLabelAddsNothingToARecordedActivityAndWhatItKeepsIsMarkedAsItsClaims() throws Exception {
        ActivityRecord genuine = recordedCommit("sha256:" + "77".repeat(32));
        String own = Vocab.activityIri("33333333-3333-4333-8333-333333333333");
        String forged = jsonLd("{\"@id\": \"" + genuine.iri() + "\", \"prov:wasAssociatedWith\": {\"@id\": \"urn:ex:mallory\"}},"
                + " {\"@id\": \"urn:ex:mallory\", \"foaf:name\": \"Mallory\"},"
                + " {\"@id\": \"" + own + "\", \"@type\": \"prov:Activity\", \"prov:wasAssociatedWith\": {\"@id\": \"urn:ex:author\"}},"
                + " {\"@id\": \"urn:ex:author\", \"@type\": \"prov:Person\", \"foaf:name\": \"Label Author\"}");
        labels.read(new DockerClient.Image(IMAGE, Map.of(ProvenanceLabel.KEY, forged)));
        labels.close();
        String graph = LabelProvenance.graphName(IMAGE);
        awaitGraph(graph);
        assertFalse(store.ask(PREFIXES + "ASK { <" + genuine.iri() + "> prov:wasAssociatedWith <urn:ex:mallory> }"));
        assertFalse(store.ask(PREFIXES + "ASK { ?s foaf:name 'Mallory' }"));
        assertTrue(store.ask(PREFIXES + "ASK { GRAPH <" + graph + "> { <" + graph + "> a sc:LabelClaims; sc:labelOf <"
                + Vocab.imageIri(IMAGE) + "> . <" + Vocab.imageIri(IMAGE) + "> prov:wasGeneratedBy <" + own + "> ."
                + " <" + own + "> prov:wasAssociatedWith ?author . ?author foaf:name 'Label Author' } }"));
    }

    @Test
    void theLabelOfAnImageWhoseMakingWasRecordedIsNotReadAgain() throws Exception {
        ActivityRecord made = recordedCommit(IMAGE);
        labels.read(new DockerClient.Image(IMAGE, Map.of(ProvenanceLabel.KEY, made.label())));
        DockerClient.Image other = new DockerClient.Image(OTHER, Map.of(ProvenanceLabel.KEY, originalLabel()));
        labels.read(other); // read after the first: once it is stored, the first was handled
        labels.close();
        awaitGraph(LabelProvenance.graphName(OTHER));
        assertEquals(1, labelGraphs(), "only the image the proxy did not see made");
    }

    @Test
    void theIdenticalLabelOnTwoImagesDescribesTheSameActivityInBothButADifferentOneCannotAddToIt() throws Exception {
        String third = "sha256:" + "ef".repeat(32);
        labels.read(new DockerClient.Image(IMAGE, Map.of(ProvenanceLabel.KEY, originalLabel())));
        labels.read(new DockerClient.Image(OTHER, Map.of(ProvenanceLabel.KEY, originalLabel()))); // inherited, say
        String activity = "urn:uuid:8d2e6b4a-5f0c-4b1e-8c0e-2a9d4b7e6f21"; // the original label's commit
        labels.read(new DockerClient.Image(third, Map.of(ProvenanceLabel.KEY, jsonLd("{\"@id\": \"" + activity
                + "\", \"@type\": \"prov:Activity\", \"foaf:name\": \"Mallory's\"}"))));
        labels.close();
        awaitGraph(LabelProvenance.graphName(third));
        for (String image : List.of(IMAGE, OTHER)) {
            assertTrue(store.ask(PREFIXES + "ASK { GRAPH <" + LabelProvenance.graphName(image) + "> { <" + Vocab.imageIri(image)
                    + "> prov:wasGeneratedBy <" + activity + "> . <" + activity + "> prov:startedAtTime ?t } }"), image);
        }
        assertFalse(store.ask(PREFIXES + "ASK { <" + activity + "> foaf:name ?n }"));
        assertFalse(store.ask(PREFIXES + "ASK { <" + Vocab.imageIri(third) + "> prov:wasGeneratedBy ?a }"));
    }
}
