package org.smartcontainers.provenance.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ContainerLife;
import org.smartcontainers.provenance.record.ImageHistory;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;

/** The names open on an engine, read from a real store: what image events recorded, never what a label claims. */
class OpenNamesTest {
    private static final String ENGINE = "2YJS:F2LA:ZOYV";
    private static final String ONE = "1".repeat(64);
    private static final String TWO = "2".repeat(64);
    private static final ContainerLife.Who ENGINE_ALONE = new ContainerLife.Who(new Agents("1.0", "26.1.5"), false);

    private final RecordKeeper keeper = new RecordKeeper(LocalStore.inMemory(), null);

    @AfterEach
    void close() {
        keeper.close();
    }

    private static DockerEvent tag(String imageId, String name, long timeNano) throws IOException {
        return DockerEvent.parse("{\"Type\":\"image\",\"Action\":\"tag\",\"Actor\":{\"ID\":\"sha256:" + imageId
                + "\",\"Attributes\":{\"name\":\"" + name + "\"}},\"timeNano\":" + timeNano + "}");
    }

    private void store(NamedGraph graph) {
        keeper.submit(graph).join();
    }

    /** A graph read from some image's label: its text is anyone's. */
    private void claims(String graph, Model said) {
        Model model = ModelFactory.createDefaultModel().add(said);
        model.createResource(graph).addProperty(RDF.type, Vocab.Sc.LabelClaims);
        store(new NamedGraph(graph, model));
    }

    @Test
    void readsTheNamesImageEventsOpenedAndNotClosedAndNothingALabelClaims() throws IOException {
        store(ImageHistory.record(new ImageHistory.Event(tag(ONE, "x:1", 10), ENGINE, ONE, ENGINE_ALONE, Map.of(),
                List.of("x:1"), Map.of())));
        String node = Vocab.imageNameIri(ONE, ENGINE, "x:1", 10);

        Model forged = ModelFactory.createDefaultModel();
        Resource forgedName = forged.createResource(Vocab.imageNameIri(TWO, ENGINE, "x:1", 11))
                .addProperty(Vocab.Docker.name, "x:1").addProperty(Vocab.Docker.engineId, ENGINE);
        forged.createResource(Vocab.imageIri(TWO)).addProperty(Vocab.Docker.hadName, forgedName);
        claims("urn:test:claims:opens", forged);
        Model closing = ModelFactory.createDefaultModel();
        closing.createResource(node).addLiteral(Vocab.Docker.namedUntil, 12L);
        claims("urn:test:claims:closes", closing);

        OpenNames names = new OpenNames(keeper);
        assertEquals(Map.of(node, "x:1"), names.of(ENGINE, ONE), "the record's name, open whatever a label says");
        assertEquals(List.of(), names.heldElsewhere(ENGINE, "x:1", ONE), "no other image has it");
        assertEquals(Map.of(), names.of(ENGINE, TWO), "a label opens no name");
        assertEquals(Map.of(), names.of("another engine", ONE), "names are per engine");
    }

    @Test
    void keepsWhatIsRecordedUntilToldARecordWasNotStoredThenReadsTheStoreAgain() throws IOException {
        NamedGraph first = ImageHistory.record(new ImageHistory.Event(tag(ONE, "x:1", 10), ENGINE, ONE, ENGINE_ALONE,
                Map.of(), List.of("x:1"), Map.of()));
        store(first);
        String one = Vocab.imageNameIri(ONE, ENGINE, "x:1", 10);
        OpenNames names = new OpenNames(keeper);
        assertEquals(Map.of(one, "x:1"), names.of(ENGINE, ONE));

        // x:1 moves to TWO: stored, and told
        String two = Vocab.imageNameIri(TWO, ENGINE, "x:1", 20);
        store(ImageHistory.record(new ImageHistory.Event(tag(TWO, "x:1", 20), ENGINE, TWO, ENGINE_ALONE, Map.of(),
                List.of("x:1"), Map.of(one, "x:1"))));
        names.recorded(ENGINE, List.of(new OpenNames.Open(two, TWO, "x:1")), List.of(one));
        assertEquals(Map.of(), names.of(ENGINE, ONE));
        assertEquals(List.of(two), names.heldElsewhere(ENGINE, "x:1", ONE));

        // told of a record that then was not stored: forgotten, read from the store again
        names.recorded(ENGINE, List.of(new OpenNames.Open(Vocab.imageNameIri(ONE, ENGINE, "y:1", 30), ONE, "y:1")), List.of());
        assertEquals(Map.of(Vocab.imageNameIri(ONE, ENGINE, "y:1", 30), "y:1"), names.of(ENGINE, ONE));
        names.forget();
        assertEquals(Map.of(), names.of(ENGINE, ONE), "what the store holds");
        assertEquals(Map.of(two, "x:1"), names.of(ENGINE, TWO));
    }
}
