package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * Image events as records, from the shapes Docker writes: a pull's and a push's actor is the reference
 * ({@code reference.FamiliarString}) and their {@code name} the repository (moby's {@code distribution}
 * package, 20.10 to 26); tag, untag, load, import and delete name the image's ID.
 */
class ImageHistoryTest {
    private static final String ID = "5381eadbe192a1c318ece480d993ab132cc2c856492861ec45ead45500395e96";
    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final String ENGINE = "2YJS:F2LA:ZOYV";
    private static final ContainerLife.Who ENGINE_ALONE = new ContainerLife.Who(new Agents("1.0", "26.1.5"), false);

    private static DockerEvent event(String line) throws IOException {
        return DockerEvent.parse(line);
    }

    @Test
    void aPullSaysRegistryRepositoryTagDigestAndGivesItsName() throws IOException {
        DockerEvent pull = event("{\"status\":\"pull\",\"id\":\"localhost:5000/team/x:1\",\"Type\":\"image\",\"Action\":\"pull\","
                + "\"Actor\":{\"ID\":\"localhost:5000/team/x:1\",\"Attributes\":{\"name\":\"localhost:5000/team/x\"}},"
                + "\"scope\":\"local\",\"time\":1795812057,\"timeNano\":1795812057441391689}");
        NamedGraph graph = ImageHistory.record(new ImageHistory.Event(pull, ENGINE, ID, ENGINE_ALONE,
                Map.of(Vocab.Docker.registry, List.of("localhost:5000"), Vocab.Docker.repoDigest, List.of(DIGEST)),
                List.of("localhost:5000/team/x:1"), Map.of()));
        NamedGraph again = ImageHistory.record(new ImageHistory.Event(pull, ENGINE, ID, ENGINE_ALONE,
                Map.of(Vocab.Docker.registry, List.of("localhost:5000"), Vocab.Docker.repoDigest, List.of(DIGEST)),
                List.of("localhost:5000/team/x:1"), Map.of()));
        assertEquals(graph.name(), again.name(), "the same event, the same graph");
        Model model = graph.model();
        Resource activity = model.createResource(graph.name());
        Resource image = model.createResource(Vocab.imageIri(ID));
        assertTrue(activity.hasProperty(RDF.type, Vocab.Docker.ImagePull));
        assertTrue(activity.hasProperty(Vocab.Prov.used, image), "a pull uses the image: it was made elsewhere");
        assertFalse(image.hasProperty(Vocab.Prov.wasGeneratedBy));
        assertEquals(DIGEST, activity.getProperty(Vocab.Docker.repoDigest).getString());
        assertTrue(activity.hasLiteral(Vocab.Docker.timeNano, 1795812057441391689L));
        Resource name = image.getPropertyResourceValue(Vocab.Docker.hadName);
        assertEquals("localhost:5000/team/x:1", name.getProperty(Vocab.Docker.name).getString());
        assertEquals("localhost:5000", name.getProperty(Vocab.Docker.registry).getString());
        assertEquals("localhost:5000/team/x", name.getProperty(Vocab.Docker.repository).getString());
        assertEquals("1", name.getProperty(Vocab.Docker.tag).getString());
        assertEquals(ENGINE, name.getProperty(Vocab.Docker.engineId).getString());
        assertTrue(name.hasProperty(Vocab.Docker.namedFrom));
        assertFalse(name.hasProperty(Vocab.Docker.namedUntil), "a name it has now");
        assertTrue(name.hasProperty(Vocab.Docker.namedBy, activity));
    }

    @Test
    void aPullOfAReferenceDockerNoLongerKnowsIsRecordedWithoutAnImage() throws IOException {
        DockerEvent pull = event("{\"Type\":\"image\",\"Action\":\"pull\",\"Actor\":{\"ID\":\"busybox:latest\","
                + "\"Attributes\":{\"name\":\"busybox\"}},\"timeNano\":5}");
        NamedGraph graph = ImageHistory.record(new ImageHistory.Event(pull, ENGINE, null, ENGINE_ALONE, Map.of(),
                List.of("busybox:latest"), Map.of()));
        Resource activity = graph.model().createResource(graph.name());
        assertFalse(activity.hasProperty(Vocab.Prov.used));
        assertTrue(activity.hasProperty(Vocab.Sc.note));
        assertFalse(graph.model().contains(null, Vocab.Docker.hadName), "no image to name");
    }

    @Test
    void anImportGeneratesItsImageAndAnUntagClosesANameItTookAway() throws IOException {
        DockerEvent imported = event("{\"Type\":\"image\",\"Action\":\"import\",\"Actor\":{\"ID\":\"sha256:" + ID
                + "\",\"Attributes\":{\"name\":\"sha256:" + ID + "\"}},\"timeNano\":10}");
        NamedGraph graph = ImageHistory.record(new ImageHistory.Event(imported, ENGINE, ID, ENGINE_ALONE,
                Map.of(Vocab.Docker.importSource, List.of("-")), List.of(), Map.of()));
        Resource image = graph.model().createResource(Vocab.imageIri(ID));
        assertTrue(image.hasProperty(Vocab.Prov.wasGeneratedBy, graph.model().createResource(graph.name())));

        DockerEvent untag = event("{\"Type\":\"image\",\"Action\":\"untag\",\"Actor\":{\"ID\":\"sha256:" + ID
                + "\",\"Attributes\":{\"name\":\"sha256:" + ID + "\"}},\"timeNano\":20}");
        String node = Vocab.imageNameIri(ID, ENGINE, "imp:1", 10);
        NamedGraph untagged = ImageHistory.record(new ImageHistory.Event(untag, ENGINE, ID, ENGINE_ALONE, Map.of(), List.of(),
                Map.of(node, "imp:1")));
        Resource closed = untagged.model().createResource(node);
        assertTrue(closed.hasProperty(Vocab.Docker.namedUntil));
        assertTrue(closed.hasProperty(Vocab.Docker.unnamedBy, untagged.model().createResource(untagged.name())));
        assertEquals("imp:1", untagged.model().createResource(untagged.name()).getProperty(Vocab.Docker.name).getString(),
                "the untag says which name went (Docker's event does not)");
    }
}
