package org.smartcontainers.provenance.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.record.ImageLabelProvenance;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.LocalStore;

/**
 * Labels of used images go into the store once per image, whatever comes with them; the store is
 * real (a throwaway TDB2), the Docker socket does not exist (the images here are given whole).
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
        awaitGraph(ImageLabelProvenance.graphName(IMAGE));
        assertTrue(store.ask("ASK { GRAPH <" + ImageLabelProvenance.graphName(IMAGE) + "> { ?s ?p ?o } }"));
        assertEquals(1, labelGraphs());
    }

    @Test
    void anImageWithoutOurLabelOrWithAnUnreadableOneAddsNothing() throws Exception {
        labels.read(new DockerClient.Image(IMAGE, Map.of("team", "a")));
        labels.read(new DockerClient.Image(OTHER, Map.of(ProvenanceLabel.KEY, "not json-ld")));
        DockerClient.Image good = new DockerClient.Image("sha256:" + "ef".repeat(32), Map.of(ProvenanceLabel.KEY, originalLabel()));
        labels.read(good); // read after the others: once it is stored, they were handled
        labels.close();
        awaitGraph(ImageLabelProvenance.graphName(good.id()));
        assertEquals(1, labelGraphs(), "only the readable label became a graph");
    }
}
