package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.query.QueryExecution;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;

class ActivityRecordTest {
    private static final Mounts.Places PLACES = new Mounts.Places("engine-1", "lab1");
    private static final Agents AGENTS = new Agents("0.1.0", "20.10.24");
    private static final String IMAGE = "sha256:" + "a".repeat(64);
    private static final String CONTAINER = "c".repeat(64);

    private static boolean ask(Model model, String where) {
        String query = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX sc: <"
                + Vocab.SC_NS + "> ASK { " + where + " }";
        try (QueryExecution exec = QueryExecution.model(model).query(query).build()) {
            return exec.execAsk();
        }
    }

    @Test
    void createRecordsSettingsButNeverEnvironmentValues() throws Exception {
        JsonNode body = new ObjectMapper().readTree("""
                {"Image": "busybox", "Cmd": ["sh", "-c", "echo hi"], "WorkingDir": "/w", "User": "nobody",
                 "Env": ["PASSWORD=hunter2", "PATH=/bin"], "Labels": {"team": "physics", "smartcontainer": "forged"},
                 "HostConfig": {"NetworkMode": "none", "Binds": ["/data:/in:ro"],
                                "Mounts": [{"Type": "volume", "Source": "cache", "Target": "/cache"}]}}""");
        ActivityRecord record = ContainerCreate.start(body, "job1", IMAGE, Instant.parse("2026-01-01T00:00:00Z"), AGENTS,
                Mounts.of(body), PLACES);
        assertTrue(ProvenanceLabel.read(record.label()).isIsomorphicWith(record.known()),
                "blank nodes, booleans, repeated values and dates survive the label: " + record.label());
        ContainerCreate.created(record, CONTAINER, IMAGE, Instant.parse("2026-01-01T00:00:01Z"), Mounts.of(body), PLACES);
        Model all = record.toGraph().model();
        String activity = "<" + record.iri() + ">";
        String container = "<" + Vocab.containerIri(CONTAINER) + ">";
        String image = "<" + Vocab.imageIri(IMAGE) + ">";
        assertTrue(ask(all, activity + " a prov:Activity, docker:ContainerCreate; docker:name 'job1'; prov:used " + image
                + "; docker:command '[\"sh\",\"-c\",\"echo hi\"]'; docker:workingDir '/w'; docker:user 'nobody';"
                + " docker:networkMode 'none'; docker:environmentVariable 'PASSWORD', 'PATH'; sc:outcome 'success'"));
        assertTrue(ask(all, container + " prov:wasDerivedFrom " + image + "; prov:wasGeneratedBy " + activity));
        assertTrue(ask(all, activity + " prov:used ?bind; prov:qualifiedUsage [ a prov:Usage; prov:entity ?bind;"
                + " docker:target '/in'; docker:readOnly true ] . ?bind a docker:BindMount, docker:Mount; docker:source '/data'"));
        assertTrue(ask(all, activity + " prov:used <" + Vocab.volumeIri("engine-1", "cache") + "> ."
                + " <" + Vocab.volumeIri("engine-1", "cache") + "> a docker:Volume; docker:name 'cache'"));
        assertTrue(ask(all, activity + " docker:label [ docker:labelKey 'team'; docker:labelValue 'physics' ]"));
        assertFalse(ask(all, "?s ?p ?o FILTER(CONTAINS(STR(?o), 'hunter2'))"), "environment values never recorded");
        assertFalse(ask(all, "?s docker:labelKey 'smartcontainer'"), "our own label is not a requested label");
        assertTrue(ask(all, "?docker prov:qualifiedDelegation [ prov:agent ?sc; prov:hadActivity " + activity + " ] . "
                + activity + " prov:wasAssociatedWith ?docker, ?sc"), "Docker acted for SmartContainers in this activity");
        assertTrue(ask(all, container + " prov:wasAttributedTo ?sc"), "what was made is attributed to who asked");
    }

    @Test
    void theLabelIsCompactJsonLdThatReadsBackAsTheKnownPart() {
        JsonNode body = new ObjectMapper().createObjectNode().put("Image", "busybox");
        ActivityRecord record = ContainerCreate.start(body, null, IMAGE, Instant.now(), AGENTS, Mounts.of(body), PLACES);
        String label = record.label();
        assertTrue(label.contains("\"@context\":{"), "inline context: " + label);
        assertFalse(label.contains("http://www.w3.org/ns/prov#used"), "compacted: " + label);
        Model parsed = ProvenanceLabel.read(label);
        assertTrue(parsed.isIsomorphicWith(record.known()));
        ContainerCreate.created(record, CONTAINER, IMAGE, Instant.now(), Mounts.of(body), PLACES);
        Model stored = record.toGraph().model();
        assertTrue(Subgraph.holds(stored, parsed), "the store's record holds all the label says");
        assertTrue(ModelFactory.createUnion(parsed, record.learned()).isIsomorphicWith(stored),
                "and only what the answer added besides");
    }

    @Test
    void aTextLongerThanARecordKeepsIsRecordedAndLabelledByItsDigest() throws Exception {
        String longValue = "\u00e9".repeat(LongTexts.MAX_CHARS + 1);
        String atTheBound = "x".repeat(LongTexts.MAX_CHARS);
        JsonNode body = new ObjectMapper().createObjectNode().put("Image", "busybox")
                .set("Labels", new ObjectMapper().createObjectNode().put("big", longValue).put("edge", atTheBound));
        ActivityRecord record = ContainerCreate.start(body, null, IMAGE, Instant.now(), AGENTS, Mounts.of(body), PLACES);

        String label = record.label();

        String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(longValue.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(ask(record.known(), "?a docker:label [ docker:labelKey 'big'; docker:labelValue '" + digest
                + "'^^<" + Vocab.Sc.TEXT_DIGEST + "> ]"), "the long value by its digest, typed so");
        assertTrue(ask(record.known(), "?a docker:label [ docker:labelKey 'edge'; docker:labelValue '" + atTheBound + "' ]"),
                "a value at the bound kept whole");
        assertTrue(label.length() < 2 * LongTexts.MAX_CHARS, "the label holds no long text: " + label.length());
        assertTrue(ProvenanceLabel.read(label).isIsomorphicWith(record.known()), "the label reads back as the record");
    }

    @Test
    void commitRecordsTheNewImageFromTheContainer() {
        Map<String, List<String>> query = Map.of("container", List.of("job1"), "repo", List.of("out"),
                "tag", List.of("v1"), "comment", List.of("done"), "author", List.of("Ada"),
                "changes", List.of("ENV A=b\nLABEL x=y"), "pause", List.of("0"));
        String newImage = "sha256:" + "b".repeat(64);
        ActivityRecord record = ContainerCommit.start(query, CONTAINER, IMAGE, Instant.now(), AGENTS);
        ContainerCommit.committed(record, newImage, CONTAINER, IMAGE, Instant.now());
        Model all = record.toGraph().model();
        String activity = "<" + record.iri() + ">";
        assertTrue(ask(all, activity + " a docker:ContainerCommit; docker:repository 'out'; docker:tag 'v1';"
                + " docker:comment 'done'; docker:author 'Ada'; docker:change 'ENV A (values not recorded)', 'LABEL x=y'; docker:environmentVariable 'A'; docker:pause false;"
                + " prov:used <" + Vocab.containerIri(CONTAINER) + ">, <" + Vocab.imageIri(IMAGE) + ">"));
        assertTrue(ask(all, "<" + Vocab.imageIri(newImage) + "> prov:wasGeneratedBy " + activity
                + "; prov:wasDerivedFrom <" + Vocab.containerIri(CONTAINER) + ">, <" + Vocab.imageIri(IMAGE) + ">"));
    }
}
