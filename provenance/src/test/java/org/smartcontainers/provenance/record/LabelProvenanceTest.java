package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

class LabelProvenanceTest {
    private static final String IMAGE = "sha256:" + "b".repeat(64);

    /** Made by original-smartcontainers.py with rdflib, as the original SmartContainers made its labels. */
    static String originalLabel() throws IOException {
        try (InputStream in = LabelProvenanceTest.class.getResourceAsStream("/labels/original-smartcontainers.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean ask(Model model, String where) {
        String query = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX sc: <"
                + Vocab.SC_NS + "> PREFIX xsd: <" + Vocab.XSD_NS + "> ASK { " + where + " }";
        try (QueryExecution exec = QueryExecution.model(model).query(query).build()) {
            return exec.execAsk();
        }
    }

    @Test
    void anOriginalLabelIsReadAsProvenanceOfTheImage() throws IOException {
        NamedGraph graph = LabelProvenance.read(IMAGE, originalLabel());
        Model model = graph.model();
        String image = "<" + Vocab.imageIri(IMAGE) + ">";
        assertEquals(Vocab.imageIri(IMAGE) + "/label", graph.name());
        assertTrue(ask(model, image + " a docker:Image; prov:has_provenance <" + graph.name() + "> . <" + graph.name()
                + "> sc:labelFormat sc:OriginalSmartContainersLabel"));
        assertTrue(ask(model, "?activity a prov:Activity, docker:commitActivity; docker:hasContainerTag 'GreatContainer'"
                + " . ?entity prov:wasGeneratedBy ?activity . <http://w3id.org/daspos/docker#docker>"
                + " prov:actedOnBehalfOf <https://w3id.org/daspos/smartcontainers#sc>"),
                "the triples rdflib put in its named default graph are read");
        assertTrue(ask(model, "?activity prov:startedAtTime ?start; prov:endedAtTime ?end"
                + " FILTER(?start = '2015-11-10T01:30:00+00:00'^^xsd:dateTime && ?end > ?start)"),
                "date-times whose '+' the original stripped are valid again");
        assertFalse(LabelProvenance.isOurs(model));
    }

    @Test
    void ourOwnLabelFromAnotherHostIsReadAsTheClaimsOfTheImage() {
        String base = "sha256:" + "a".repeat(64);
        ActivityRecord record = ContainerCommit.start(Map.of(), "c".repeat(64), base, Instant.now(),
                new Agents("0.1.0", "20.10.24"));
        NamedGraph graph = LabelProvenance.read(IMAGE, record.label());
        assertTrue(LabelProvenance.isOurs(graph.model()));
        assertEquals(List.of(record.iri()), LabelProvenance.activities(graph.model()));
        assertTrue(ask(graph.model(), "<" + graph.name() + "> a sc:LabelClaims; sc:labelOf <" + Vocab.imageIri(IMAGE) + ">;"
                + " sc:labelFormat sc:SmartContainersLabel; sc:labelDigest ?digest"));
        assertTrue(ask(graph.model(), "<" + Vocab.imageIri(IMAGE) + "> prov:wasGeneratedBy <" + record.iri() + ">"),
                "the label is the provenance of the image it is on: what made it");
        Model about = record.known().listStatements().toModel();
        about.removeAll(about.createResource(Vocab.containerIri("c".repeat(64))), null, null);
        about.removeAll(about.createResource(Vocab.imageIri(base)), null, null);
        assertTrue(Subgraph.holds(graph.model(), about), "all but what it says of the container and the base image");
    }

    @Test
    void aBuildsLabelIsOurs() {
        ActivityRecord record = ImageBuild.start(Map.of(), Instant.now(), new Agents("0.1.0", "26.1.5"));
        assertTrue(LabelProvenance.isOurs(LabelProvenance.parse(record.label())));
    }

    @Test
    void labelsThatAreNotJsonLdOrNeedTheNetworkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelProvenance.read(IMAGE, "true"));
        assertThrows(IllegalArgumentException.class, () -> LabelProvenance.read(IMAGE, "{not json"));
        IllegalArgumentException remote = assertThrows(IllegalArgumentException.class, () -> LabelProvenance.read(
                IMAGE, "{\"@context\": \"https://example.org/context.jsonld\", \"@id\": \"urn:x\", \"name\": \"y\"}"));
        assertTrue(remote.getMessage().contains("remote"), remote.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelProvenance.read(IMAGE,
                new ObjectMapper().createObjectNode().put("@id", 5).toString()));
    }
    /**
     * A context named inside an inline one (an {@code @import}, a property's scoped context) is as remote as a
     * top-level URL: reading the label must not fetch it. A server on loopback counts what reaches it.
     */
    @Test
    void noContextALabelNamesIsFetchedHoweverDeep() throws Exception {
        try (ContextServer server = new ContextServer()) {
            String url = server.url();
            for (String label : List.of(
                    "{\"@context\": {\"@version\": 1.1, \"@import\": \"" + url + "\"}, \"@id\": \"urn:x\", \"name\": \"y\"}",
                    "{\"@context\": {\"@version\": 1.1, \"p\": {\"@id\": \"urn:p\", \"@context\": {\"@import\": \"" + url
                            + "\"}}}, \"@id\": \"urn:x\", \"p\": {\"name\": \"y\"}}")) {
                assertThrows(IllegalArgumentException.class, () -> LabelProvenance.read(IMAGE, label), label);
                assertThrows(RuntimeException.class, () -> ProvenanceLabel.read(label), label);
            }
            assertEquals(0, server.fetched(), "nothing fetched");
        }
    }

    /** A graph of {@code nodes} nodes, each with one statement: five JSON names and values a node. */
    private static String labelOf(int nodes) {
        StringBuilder label = new StringBuilder("{\"@context\":{\"prov\":\"http://www.w3.org/ns/prov#\"},\"@graph\":[");
        for (int i = 0; i < nodes; i++) {
            label.append(i == 0 ? "" : ",").append("{\"@id\":\"urn:x:").append(i)
                    .append("\",\"prov:wasDerivedFrom\":{\"@id\":\"urn:y:").append(i).append("\"}}");
        }
        return label.append("]}").toString();
    }

    @Test
    void aLabelLargerThanOursCanBeIsNotRead() {
        assertEquals(19_000, LabelProvenance.parse(labelOf(19_000)).size(), "just under the bound: read");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LabelProvenance.parse(labelOf(110_000)), "a 7 MiB label: the daemon's heap could not hold it parsed");
        assertTrue(refused.getMessage().contains("more than " + LabelProvenance.MAX_ITEMS + " JSON names and values"),
                refused.getMessage());
    }
}
