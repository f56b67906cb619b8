package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelClaims;
import org.smartcontainers.provenance.record.LabelProvenance.Labelled;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;

/**
 * A container created, an image committed and one built through a proxy whose store then loses their
 * records (a second proxy, with an empty store, in front of the same daemon): once the second has started,
 * its store has them again, from their labels, marked recovered and claimed, not observed. Containers made
 * without the proxy whose labels are another's, unreadable, inherited or forged are not recovered as what
 * they say.
 */
class StartupRecoveryTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <" + Vocab.SC_NS
            + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> PREFIX dct: <"
            + Vocab.DCT_NS + "> ";
    private final DockerCli direct = DockerCli.direct();

    private static boolean ask(ScApi api, String where) {
        return api.ask(PREFIXES + "ASK { " + where + " }");
    }

    /** Recovery runs after the proxy is serving: polled, bounded only against a hang. */
    private static boolean askEventually(ScApi api, String where) throws InterruptedException {
        for (int i = 0; i < 300 && !ask(api, where); i++) {
            Thread.sleep(100);
        }
        return ask(api, where);
    }

    private String containerId(String name) {
        return direct.run("inspect", "-f", "{{.Id}}", name).ok().out();
    }

    private String imageId(String reference) {
        return Vocab.bareId(direct.run("image", "inspect", "-f", "{{.Id}}", reference).ok().out());
    }

    /** A label of the form ours have: a create of ours, from the base image, that also speaks of others. */
    private String forgedCreate(String activity, String genuineCreate, String committedImage) {
        return "{\"@context\": {\"prov\": \"" + Vocab.PROV_NS + "\", \"docker\": \"" + Vocab.DOCKER_NS + "\", \"foaf\": \""
                + Vocab.FOAF_NS + "\", \"dct\": \"" + Vocab.DCT_NS + "\"}, \"@graph\": ["
                + "{\"@id\": \"" + activity + "\", \"@type\": [\"prov:Activity\", \"docker:ContainerCreate\"],"
                + " \"docker:name\": \"forged-create\", \"prov:used\": {\"@id\": \"" + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE)) + "\"}},"
                + " {\"@id\": \"" + genuineCreate + "\", \"prov:wasAssociatedWith\": {\"@id\": \"urn:forged:mallory\"}},"
                + " {\"@id\": \"urn:forged:mallory\", \"foaf:name\": \"Mallory\"},"
                + " {\"@id\": \"" + Vocab.imageIri(committedImage) + "\", \"dct:title\": \"forged title\"}]}";
    }

    @Test
    void whatWasMadeThroughAProxyWhoseStoreLostItIsRecoveredFromItsLabelsWhenTheNextStarts() throws Exception {
        String created = direct.name("recover-create");
        String committed = direct.name("recover-commit") + ":v1";
        String built = direct.name("recover-build") + ":v1";
        String foreign = direct.name("recover-foreign");
        String unreadable = direct.name("recover-unreadable");
        String inherited = direct.name("recover-inherited");
        String forged = direct.name("recover-forged");
        List<String> containers = List.of(created, foreign, unreadable, inherited, forged);
        Path context = Paths.scratch("recover");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo " + UUID.randomUUID()
                + " > /made\n");
        try {
            String createActivity;
            String commitActivity;
            try (ProxyProcess first = ProxyProcess.start()) {
                DockerCli cli = DockerCli.through(first).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
                cli.run("create", "--name", created, DockerSocket.BASE_IMAGE, "true").ok();
                cli.run("commit", created, committed).ok();
                cli.run("build", "-q", "-t", built, context.toString()).ok();
                ScApi api = ScApi.of(first);
                createActivity = api.select(PREFIXES + "SELECT ?a WHERE { <" + Vocab.containerIri(containerId(created))
                        + "> prov:wasGeneratedBy ?a }", "a").get(0);
                commitActivity = api.select(PREFIXES + "SELECT ?a WHERE { <" + Vocab.imageIri(imageId(committed))
                        + "> prov:wasGeneratedBy ?a }", "a").get(0);
            }
            // Made without a proxy: labels that are another's, not readable, inherited, forged.
            String original = Files.readString(Paths.repo().resolve("provenance/src/test/resources/labels/original-smartcontainers.json"));
            direct.run("create", "--name", foreign, "--label", ProvenanceLabel.KEY + "=" + original, DockerSocket.BASE_IMAGE, "true").ok();
            direct.run("create", "--name", unreadable, "--label", ProvenanceLabel.KEY + "={not json", DockerSocket.BASE_IMAGE, "true").ok();
            direct.run("create", "--name", inherited, committed, "true").ok(); // the commit's label comes with its image
            Thread.sleep(1100); // Docker lists when a container was made to the second: the forged one is the younger
            String forgedActivity = Vocab.activityIri(UUID.randomUUID().toString());
            direct.run("create", "--name", forged, "--label", ProvenanceLabel.KEY + "=" + forgedCreate(forgedActivity,
                    createActivity, imageId(committed)), DockerSocket.BASE_IMAGE, "true").ok();
            Thread.sleep(1100); // made before the next proxy starts, to the second

            try (ProxyProcess next = ProxyProcess.start()) { // a fresh, empty store
                ScApi api = ScApi.of(next);
                String container = "<" + Vocab.containerIri(containerId(created)) + ">";
                String image = "<" + Vocab.imageIri(imageId(committed)) + ">";
                String builtImage = "<" + Vocab.imageIri(imageId(built)) + ">";
                String recovered = "?g a sc:LabelClaims, sc:Recovered; sc:recoveredAt ?when";
                assertTrue(askEventually(api, "GRAPH ?g { " + recovered + "; sc:labelOf " + container + " . " + container
                        + " prov:wasGeneratedBy <" + createActivity + "> ; prov:wasDerivedFrom <" + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE))
                        + "> . <" + createActivity + "> a docker:ContainerCreate; docker:name '" + created + "';"
                        + " prov:generated " + container + "; prov:startedAtTime ?s; prov:endedAtTime ?e; sc:outcome 'success'"
                        + " FILTER(?s <= ?e) }"), "the create, from the container's label, marked recovered\n" + next.log());
                assertTrue(askEventually(api, "GRAPH ?g { " + recovered + "; sc:labelOf " + image + " . " + image
                        + " prov:wasGeneratedBy <" + commitActivity + "> . <" + commitActivity + "> a docker:ContainerCommit;"
                        + " prov:used " + container + " }"), "the commit, from the image's label");
                String build = "<" + LabelClaims.plannedActivityIri(Vocab.imageIri(imageId(built))) + ">";
                assertTrue(askEventually(api, "GRAPH ?g { " + recovered + "; sc:labelOf " + builtImage + " . " + builtImage
                        + " prov:wasGeneratedBy " + build + " . " + build + " a docker:ImageBuild;"
                        + " prov:qualifiedAssociation/prov:hadPlan ?plan . ?plan docker:tag '" + built + "' }"),
                        "the build, from its plan");
                for (String resource : List.of(container, image, builtImage)) {
                    assertFalse(ask(api, "GRAPH ?g { " + resource + " prov:wasGeneratedBy ?a } FILTER NOT EXISTS { GRAPH ?g { ?g a sc:Recovered } }"),
                            resource + " was not observed by this proxy, and nothing says it was");
                }

                assertTrue(askEventually(api, "GRAPH ?g { ?g a sc:Recovered; sc:labelOf <" + Vocab.containerIri(containerId(forged))
                        + "> . <" + Vocab.containerIri(containerId(forged)) + "> prov:wasGeneratedBy <" + forgedActivity + "> }"),
                        "a forged label of our form is recovered as what it is: a claim");
                assertFalse(ask(api, "<" + createActivity + "> prov:wasAssociatedWith <urn:forged:mallory>"));
                assertFalse(ask(api, "?someone foaf:name 'Mallory'"));
                assertFalse(ask(api, image + " dct:title ?title"));
                for (String name : List.of(foreign, unreadable, inherited)) {
                    assertFalse(ask(api, "GRAPH ?g { ?g sc:labelOf <" + Vocab.containerIri(containerId(name)) + "> }"), name);
                    assertFalse(ask(api, "<" + Vocab.containerIri(containerId(name)) + "> prov:wasGeneratedBy ?a"), name);
                }

                assertTrue(next.log().matches("(?s).*proxy listening.*recovery: .* containers made before this start.*"),
                        "the proxy serves first; recovery says what it did\n" + next.log());
                String lineage = next.sc("lineage", committed).ok().stdout();
                assertTrue(lineage.contains("made by ContainerCommit at ") && lineage.contains(
                        "(claimed by the image's label, recovered at start-up; not observed)"), lineage);
                assertEquals(Labelled.container(containerId(created)).graphName(), api.select(PREFIXES
                        + "SELECT ?g WHERE { GRAPH ?g { ?g sc:labelOf " + container + " } }", "g").get(0));
            }
        } finally {
            List<String> names = new ArrayList<>(containers);
            names.add(0, "-f");
            names.add(0, "rm");
            direct.run(names.toArray(String[]::new));
            direct.removeImages(committed, built);
        }
    }
}
