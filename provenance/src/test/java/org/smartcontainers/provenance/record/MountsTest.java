package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;

/** Mounts are entities named for what they are, so two containers' uses of one volume meet in the store. */
class MountsTest {
    private static final Mounts.Places PLACES = new Mounts.Places("engine-1", "lab1");
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> ";

    private static Model created(String json, String containerId) throws Exception {
        JsonNode body = new ObjectMapper().readTree(json);
        Mounts mounts = Mounts.of(body);
        ActivityRecord record = ContainerCreate.start(body, null, null, Instant.EPOCH, new Agents("1", "26"), mounts, PLACES);
        ContainerCreate.created(record, containerId, null, Instant.EPOCH, mounts, PLACES);
        return record.toGraph().model();
    }

    private static boolean ask(Model model, String where) {
        try (QueryExecution exec = QueryExecution.model(model).query(PREFIXES + "ASK { " + where + " }").build()) {
            return exec.execAsk();
        }
    }

    @Test
    void eachKindOfMountIsAnEntityOfItsOwnTypeAndEachUseHasItsTargetAndMode() throws Exception {
        Model model = created("""
                {"Image": "busybox", "Volumes": {"/anon": {}},
                 "HostConfig": {"Binds": ["data:/data:ro,z", "/srv/in put:/in"],
                                "Mounts": [{"Type": "tmpfs", "Target": "/scratch"}, {"Type": "volume", "Target": "/v2"}],
                                "Tmpfs": {"/run": "rw,noexec"}}}""", "c1");
        String volume = "<" + Vocab.volumeIri("engine-1", "data") + ">";
        String bind = "<" + Vocab.bindMountIri("lab1", "/srv/in put") + ">";
        assertEquals(Vocab.INSTANCE_BASE + "bind/lab1/srv/in%20put", Vocab.bindMountIri("lab1", "/srv/in put"));
        assertTrue(ask(model, volume + " a docker:Volume, docker:Mount, prov:Entity; docker:name 'data'; docker:engineId 'engine-1'"));
        assertTrue(ask(model, bind + " a docker:BindMount, docker:Mount; docker:source '/srv/in put'; docker:host 'lab1'"));
        assertTrue(ask(model, "?a prov:used " + volume + "; prov:qualifiedUsage [ prov:entity " + volume
                + "; docker:target '/data'; docker:readOnly true ]"), "mode and target on the use, not the volume");
        assertTrue(ask(model, "?a prov:qualifiedUsage [ prov:entity " + bind + "; docker:target '/in'; docker:readOnly false ]"));
        assertTrue(ask(model, "?a prov:used <" + Vocab.tmpfsIri("c1", "/scratch") + ">, <" + Vocab.tmpfsIri("c1", "/run") + "> ."
                + " <" + Vocab.tmpfsIri("c1", "/run") + "> a docker:Tmpfs"), "tmpfs from Mounts and from Tmpfs");
        assertTrue(ask(model, "<" + Vocab.anonymousVolumeIri("c1", "/anon") + "> a docker:Volume; docker:anonymous true"));
        assertTrue(ask(model, "<" + Vocab.anonymousVolumeIri("c1", "/v2") + "> a docker:Volume; docker:anonymous true"));
        assertFalse(ask(model, "?v a docker:Mount FILTER(isBlank(?v))"), "no mount is a blank node");
        assertFalse(ask(model, volume + " docker:target ?t"), "a use's facts stay off the entity");
    }

    @Test
    void twoContainersUsingOneNamedVolumeOrHostPathUseTheSameEntity() throws Exception {
        Model first = created("{\"HostConfig\": {\"Binds\": [\"shared:/out\", \"/srv/data:/d\"]}}", "c1");
        Model second = created("{\"HostConfig\": {\"Mounts\": [{\"Type\": \"volume\", \"Source\": \"shared\", \"Target\": \"/in\","
                + " \"ReadOnly\": true}, {\"Type\": \"bind\", \"Source\": \"/srv/data\", \"Target\": \"/x\"}]}}", "c2");
        Model both = ModelFactory.createDefaultModel().add(first).add(second);
        assertTrue(ask(both, "?a prov:used ?v; prov:qualifiedUsage [ prov:entity ?v; docker:readOnly false ] ."
                + " ?b prov:used ?v; prov:qualifiedUsage [ prov:entity ?v; docker:readOnly true ] ."
                + " ?v docker:name 'shared' FILTER(?a != ?b)"), "run A wrote volume V, run B read it");
        assertTrue(ask(both, "?a prov:used <" + Vocab.bindMountIri("lab1", "/srv/data") + "> ."
                + " ?b prov:used <" + Vocab.bindMountIri("lab1", "/srv/data") + "> FILTER(?a != ?b)"));
    }

    @Test
    void aLaterMountOfTheSameTargetReplacesAnEarlierOneAsInTheDaemon() throws Exception {
        JsonNode body = new ObjectMapper().readTree("{\"Volumes\": {\"/data\": {}}, \"HostConfig\": {\"Binds\": [\"/srv:/data\"]}}");
        assertEquals(List.of("/data"), Mounts.of(body).targets());
        Model model = created(body.toString(), "c1");
        assertFalse(ask(model, "?v docker:anonymous true"), "the bind mount replaced the anonymous volume");
    }

    @Test
    void dotSegmentsInAPathCannotBeResolvedAway() {
        assertEquals(Vocab.INSTANCE_BASE + "bind/lab1/srv/%2E%2E/etc", Vocab.bindMountIri("lab1", "/srv/../etc"));
        assertEquals(Vocab.INSTANCE_BASE + "volume/AB%3ACD/my.vol", Vocab.volumeIri("AB:CD", "my.vol"));
    }
}
