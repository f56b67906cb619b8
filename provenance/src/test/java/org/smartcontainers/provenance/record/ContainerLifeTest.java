package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

class ContainerLifeTest {
    private static final String ID = "a3d80f7826f26984c17f5e5f2832557bca2a3f0804f61ec0845b70d7602a9b14";
    private static final String EXEC = "3acdbe9c33bf45304c0b32d7969b0ae93b65f98a2102397341600fd47ae5e809";
    private static final String ENGINE = "2YJS:F2LA:ZOYV";
    private static final Agents AGENTS = new Agents("1.0", "26.1.5");
    private static final ContainerLife.Who ENGINE_ALONE = new ContainerLife.Who(AGENTS, false);

    private static DockerEvent event(String action, long nano, Map<String, String> attributes) {
        return new DockerEvent("container", action, null, ID, attributes, nano);
    }

    @Test
    void theSameEventMakesTheSameGraphAndEveryGraphSaysWhichEventItRecords() {
        DockerEvent start = event("start", 1_000L, Map.of("name", "web"));
        NamedGraph once = ContainerLife.started(start, ENGINE, ENGINE_ALONE, true);
        NamedGraph again = ContainerLife.started(start, ENGINE, ENGINE_ALONE, true);
        assertEquals(Vocab.runIri(ID, 1_000L), once.name());
        assertEquals(once.name(), again.name());
        assertTrue(once.model().isIsomorphicWith(again.model()));
        Resource run = once.model().createResource(once.name());
        assertTrue(run.hasProperty(RDF.type, Vocab.Docker.ContainerRun));
        assertTrue(run.hasLiteral(Vocab.Docker.timeNano, 1_000L));
        assertTrue(run.hasProperty(Vocab.Docker.engineId, ENGINE));
        assertTrue(run.hasLiteral(Vocab.Docker.autoRemove, true));
        assertTrue(run.hasProperty(Vocab.Prov.used, once.model().createResource(Vocab.containerIri(ID))));
        assertEquals(1, run.listProperties(Vocab.Prov.wasAssociatedWith).toList().size(), "the engine alone");
    }

    @Test
    void aDieEndsItsRunWithExitCodeSignalAndOom() {
        String run = Vocab.runIri(ID, 1_000L);
        NamedGraph died = ContainerLife.died(event("die", 2_000L, Map.of("exitCode", "137")), ENGINE, run, "9", true, ENGINE_ALONE);
        Model model = died.model();
        Resource ended = model.createResource(run);
        assertTrue(ended.hasProperty(Vocab.Prov.endedAtTime));
        assertEquals(137, ended.getProperty(Vocab.Docker.exitCode).getInt());
        assertEquals(9, ended.getProperty(Vocab.Docker.signal).getInt());
        assertTrue(ended.getProperty(Vocab.Docker.oomKilled).getBoolean());
        assertEquals("failure", ended.getProperty(Vocab.Sc.outcome).getString());
        assertFalse(ended.hasProperty(Vocab.Prov.wasAssociatedWith), "the run's agents are its start's");
    }

    @Test
    void anOomThatComesJustAfterTheDieSaysItOfTheRun() {
        String run = Vocab.runIri(ID, 1_000L);
        Model died = ContainerLife.died(event("die", 2_000L, Map.of("exitCode", "137")), ENGINE, run, null, false, ENGINE_ALONE).model();
        assertFalse(died.contains(null, Vocab.Docker.oomKilled), "nothing said before Docker says it");
        Model oom = ContainerLife.outOfMemory(event("oom", 2_100L, Map.of()), ENGINE, ENGINE_ALONE, run).model();
        assertTrue(oom.createResource(run).hasLiteral(Vocab.Docker.oomKilled, true));
        assertTrue(oom.contains(oom.createResource(Vocab.containerEventIri(ID, 2_100L, "oom")), RDF.type,
                Vocab.Docker.ContainerOutOfMemory));
    }

    @Test
    void aDieWhoseStartWasNotSeenIsARunOfItsOwn() {
        NamedGraph died = ContainerLife.died(event("die", 2_000L, Map.of("exitCode", "0")), ENGINE, null, null, false, ENGINE_ALONE);
        Resource run = died.model().listSubjectsWithProperty(RDF.type, Vocab.Docker.ContainerRun).next();
        assertTrue(run.hasProperty(Vocab.Sc.note, "its start was not observed"));
        assertFalse(run.hasProperty(Vocab.Prov.startedAtTime));
    }

    @Test
    void aRemovalInvalidatesTheContainerAndARenameKeepsBothNames() {
        Model removal = ContainerLife.instant(event("destroy", 3_000L, Map.of("name", "web")), ENGINE, ENGINE_ALONE).model();
        assertTrue(removal.contains(removal.createResource(Vocab.containerIri(ID)), Vocab.Prov.wasInvalidatedBy,
                removal.createResource(Vocab.containerEventIri(ID, 3_000L, "destroy"))));
        Model rename = ContainerLife.instant(event("rename", 4_000L, Map.of("name", "new", "oldName", "/old")), ENGINE,
                ENGINE_ALONE).model();
        Resource renamed = rename.createResource(Vocab.containerEventIri(ID, 4_000L, "rename"));
        assertTrue(renamed.hasProperty(Vocab.Docker.oldName, "old") && renamed.hasProperty(Vocab.Docker.name, "new"));
        assertThrows(IllegalArgumentException.class,
                () -> ContainerLife.instant(event("attach", 5_000L, Map.of()), ENGINE, ENGINE_ALONE));
    }

    @Test
    void anExecIsOneActivityFromItsCreateToItsDie() {
        DockerEvent create = new DockerEvent("container", "exec_create", "sh -c exit 5", ID, Map.of("execID", EXEC), 1L);
        Model created = ContainerLife.execCreated(create, ENGINE, EXEC, "[\"sh\",\"-c\",\"exit 5\"]", "root").model();
        Model died = ContainerLife.execDied(event("exec_die", 3L, Map.of("execID", EXEC, "exitCode", "5")), ENGINE, EXEC).model();
        Resource exec = created.union(died).createResource(Vocab.execIri(EXEC));
        assertTrue(exec.hasProperty(RDF.type, Vocab.Docker.ExecRun));
        assertTrue(exec.hasProperty(Vocab.Docker.command, "[\"sh\",\"-c\",\"exit 5\"]"));
        assertTrue(exec.hasProperty(Vocab.Docker.commandLine, "sh -c exit 5"));
        assertEquals(5, exec.getProperty(Vocab.Docker.exitCode).getInt());
    }

    @Test
    void aRunUsesWhatTheContainerMountsAsDockerSaysOnceItStarted() throws Exception {
        String anonymous = "9f".repeat(32);
        var inspect = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"Mounts": [{"Type": "volume", "Name": "data", "Source": "/var/lib/docker/volumes/data/_data",
                             "Destination": "/out", "RW": true},
                            {"Type": "volume", "Name": "%s", "Destination": "/cache", "RW": true},
                            {"Type": "bind", "Source": "/srv/in", "Destination": "/in", "RW": false},
                            {"Type": "tmpfs", "Destination": "/scratch", "RW": true}],
                 "HostConfig": {"Tmpfs": {"/run": "ro"}}}""".formatted(anonymous));
        NamedGraph run = ContainerLife.started(event("start", 2_000L, Map.of()), ENGINE, ENGINE_ALONE, null,
                Mounts.ofInspect(inspect));
        Model model = run.model();
        Resource activity = model.createResource(run.name());
        for (String mount : new String[] {Vocab.volumeIri(ENGINE, "data"), Vocab.volumeIri(ENGINE, anonymous),
            Vocab.tmpfsIri(ID, "/scratch"), Vocab.tmpfsIri(ID, "/run")}) {
            assertTrue(activity.hasProperty(Vocab.Prov.used, model.createResource(mount)), mount);
        }
        Resource bind = model.listSubjectsWithProperty(RDF.type, Vocab.Docker.BindMount).next();
        assertEquals("/srv/in", bind.getProperty(Vocab.Docker.source).getString());
        Resource usage = model.listSubjectsWithProperty(Vocab.Prov.entity, bind).next();
        assertTrue(usage.hasLiteral(Vocab.Docker.readOnly, true), "RW false: read-only");
        assertTrue(model.listSubjectsWithProperty(Vocab.Prov.entity, model.createResource(Vocab.tmpfsIri(ID, "/run"))).next()
                .hasLiteral(Vocab.Docker.readOnly, true));
        assertTrue(model.listSubjectsWithProperty(Vocab.Prov.entity, model.createResource(Vocab.volumeIri(ENGINE, "data"))).next()
                .hasProperty(Vocab.Docker.target, "/out"));
    }
}
