package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.RemoteStore;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.FusekiStore;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.ProvValidator;

/**
 * Two Docker daemons (26 and 20.10) behind two of our daemons, both recording into one Fuseki: an
 * image committed on one host, saved and loaded onto the other, used there. The records merge without
 * collisions: each engine is its own agent, the image is one entity, and a query sees the whole chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyHostsOneStoreTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
            + "> PREFIX sc: <" + Vocab.SC_NS + "> ";
    private FusekiStore fuseki;
    private RemoteStore store;
    private ProxyProcess first;
    private ProxyProcess second;

    @BeforeAll
    void start() {
        fuseki = FusekiStore.start();
        store = fuseki.store();
        first = ProxyProcess.startInFrontOfDocker20("--store", fuseki.url());
        second = ProxyProcess.start("--store", fuseki.url());
    }

    @AfterAll
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        fuseki.close();
    }

    private boolean ask(String where) {
        return store.ask(PREFIXES + "ASK { " + where + " }");
    }

    @Test
    void anImageMadeOnOneHostAndUsedOnAnotherIsOneEntityWithEachEngineItsOwnAgent() throws Exception {
        DockerCli on20 = DockerCli.through(first);
        DockerCli on26 = DockerCli.through(second);
        DockerCli direct20 = DockerCli.direct20();
        DockerCli direct26 = DockerCli.direct();
        String maker = on20.name("maker");
        String tag = on20.name("shared") + ":v1";
        String user = on26.name("user");
        Path archive = Paths.scratch("many-hosts").resolve("image.tar");
        try {
            on20.run("create", "--name", maker, DockerSocket.BASE_IMAGE, "true").ok();
            on20.run("commit", maker, tag).ok();
            String imageId = direct20.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
            direct20.run("save", "-o", archive.toString(), tag).ok();
            direct26.run("load", "-i", archive.toString()).ok();
            assertEquals(imageId, direct26.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out(),
                    "the image keeps its ID on the other host");
            on26.run("create", "--name", user, tag, "true").ok();
            String containerId = direct26.run("inspect", "-f", "{{.Id}}", user).ok().out();

            String engine20 = direct20.run("info", "-f", "{{.ID}}").ok().out();
            String engine26 = direct26.run("info", "-f", "{{.ID}}").ok().out();
            assertNotEquals(engine20, engine26);
            String image = "<" + Vocab.imageIri(imageId) + ">";
            String container = "<" + Vocab.containerIri(containerId) + ">";
            String agent20 = "<" + Vocab.engineIri(engine20) + ">";
            String agent26 = "<" + Vocab.engineIri(engine26) + ">";
            assertTrue(ask("GRAPH ?c { ?commit a docker:ContainerCommit; prov:generated " + image + ";"
                    + " prov:qualifiedAssociation [ prov:agent " + agent20 + "; prov:hadRole docker:engine ] }"
                    + " GRAPH ?u { ?create a docker:ContainerCreate; prov:used " + image + "; prov:generated " + container + ";"
                    + " prov:qualifiedAssociation [ prov:agent " + agent26 + "; prov:hadRole docker:engine ] }"
                    + " FILTER(?c != ?u)"), "made on one host, used on the other: one image, two records");
            assertTrue(ask(agent20 + " docker:engineId '" + engine20 + "'; docker:version ?v20 . "
                    + agent26 + " docker:engineId '" + engine26 + "'; docker:version ?v26"
                    + " FILTER(STRSTARTS(?v20, '20.10') && STRSTARTS(?v26, '26.'))"), "each engine its own agent, with its version");
            assertTrue(ask("?create prov:used " + image + "; prov:wasAssociatedWith " + agent26
                    + " FILTER NOT EXISTS { ?create prov:wasAssociatedWith " + agent20 + " }"), "no engine takes the other's call");
            assertTrue(ask(container + " prov:wasDerivedFrom " + image + " . " + image + " prov:wasDerivedFrom ?base ."
                    + " ?base a docker:Image"), "the chain crosses the hosts: container, image, the other host's base");
            assertEquals(1, store.select(PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a prov:generated " + image + " }")
                    .next().getLiteral("n").getInt(), "the image was made once, whatever the other host read from its label");
            Model all = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
            ProvValidator.assertValid(all);
        } finally {
            direct26.run("rm", "-f", user);
            direct26.run("rmi", "-f", tag);
            direct20.run("rm", "-f", maker);
            direct20.run("rmi", "-f", tag);
            Files.deleteIfExists(archive);
        }
    }
}
