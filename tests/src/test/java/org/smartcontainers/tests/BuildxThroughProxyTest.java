package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.RemoteStore;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.FusekiStore;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.ProvValidator;
import org.smartcontainers.testsupport.Run;

/**
 * BuildKit over gRPC, as today's Docker builds: the docker CLI 28 with the buildx and compose
 * plugins ({@code tests/run} gives them through the tests' DOCKER_CONFIG) against Docker 26, through
 * the proxy. Every build is recorded (plan, run, steps, files) and labelled, whatever the client asked. The same
 * again against Docker 26 with the containerd image store, where an image's ID is its manifest's (or index's) digest
 * and records name it by its config digest, as on the classic store.
 */
@ParameterizedClass
@EnumSource(value = DockerDaemon.class, names = {"DOCKER_26", "DOCKER_26_CONTAINERD"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildxThroughProxyTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
            + "> PREFIX sc: <" + Vocab.SC_NS + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";
    private FusekiStore fuseki;
    private RemoteStore store;
    private ProxyProcess proxy;
    private DockerCli cli;
    private DockerCli direct;
    @Parameter
    private DockerDaemon daemon;

    @BeforeParameterizedClassInvocation
    void start() {
        direct = daemon.direct();
        fuseki = FusekiStore.start();
        String url = fuseki.url();
        store = fuseki.store();
        proxy = daemon.startProxy("--store", url);
        cli = DockerCli.through(proxy);
        String buildx = cli.run("buildx", "version").ok().out();
        assertTrue(buildx.contains("buildx"), "the CLI has the buildx plugin (tests/run's DOCKER_CONFIG): " + buildx);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        proxy.close();
        fuseki.close();
    }

    private boolean ask(String where) {
        return store.ask(PREFIXES + "ASK { " + where + " }");
    }

    /** The record is written as the build's gRPC calls end, just after the CLI returns: polled, bounded against a hang. */
    private boolean askEventually(String where) throws InterruptedException {
        for (int i = 0; i < 300 && !ask(where); i++) {
            Thread.sleep(100);
        }
        return ask(where);
    }

    /** The IRI records name the image by: its config digest, whichever store the daemon has. */
    private String imageIri(String reference) {
        return Vocab.imageIri(daemon.recordedIdOf(reference));
    }

    private String labelText(String reference) {
        return direct.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", reference).ok().out();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The run that made (or reused) the image {@code reference} names: its named graph. */
    private String runOf(String reference) throws InterruptedException {
        String image = "<" + imageIri(reference) + ">";
        assertTrue(askEventually("?a prov:generated|docker:reusedImage " + image), "a run ended with " + reference);
        var rows = store.select(PREFIXES + "SELECT ?a WHERE { ?a prov:generated|docker:reusedImage " + image
                + "; prov:startedAtTime ?t } ORDER BY DESC(?t) LIMIT 1");
        return rows.next().getResource("a").getURI();
    }

    private Model graph(String name) {
        return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + name + "> { ?s ?p ?o } }");
    }

    /**
     * The label parsed back equals the store's record less what only the run told: the stored
     * statements about what the label talks about (its IRIs, and blank nodes they lead to), but the
     * agents' delegations, which are the run's.
     */
    private static void assertLabelIsTheRecordsPlan(Model label, Model stored) {
        Set<Resource> subjects = new HashSet<>();
        label.listSubjects().forEach(s -> {
            if (s.isURIResource()) {
                subjects.add(stored.createResource(s.getURI()));
            }
        });
        Model part = ModelFactory.createDefaultModel();
        List<Resource> todo = new ArrayList<>(subjects);
        Set<Resource> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Resource subject = todo.remove(todo.size() - 1);
            if (!seen.add(subject)) {
                continue;
            }
            for (Statement statement : stored.listStatements(subject, null, (RDFNode) null).toList()) {
                if (statement.getPredicate().equals(Vocab.Prov.qualifiedDelegation)) {
                    continue; // an agent's delegation holds for one activity, the run: what only the run told
                }
                part.add(statement);
                if (statement.getObject().isAnon()) {
                    todo.add(statement.getResource());
                }
            }
        }
        assertTrue(part.isIsomorphicWith(label), "the label is the stored plan:\nlabel:\n" + label + "\nstored:\n" + part);
    }

    @Test
    void aPlainDockerBuildIsRecordedWithItsPlanFilesStepsAndLabel() throws Exception {
        Path context = Paths.scratch("buildx-plain");
        // New content each run, so this run generates its image and BuildKit reads this Dockerfile.
        String dockerfile = "# " + java.util.UUID.randomUUID() + "\nFROM " + DockerSocket.BASE_IMAGE + " AS base\nARG SECRET\nCOPY . /ctx/\n"
                + "RUN wc -c /ctx/data.txt > /size.txt\nFROM base AS final\nLABEL smartcontainer=forged-in-dockerfile\n"
                + "RUN cat /size.txt\nFROM final AS unused\nRUN false\n";
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        Files.writeString(context.resolve("data.txt"), "x".repeat(10_000 - 37) + java.util.UUID.randomUUID() + "\n");
        Files.writeString(context.resolve("ignored.txt"), "not in the context");
        Files.writeString(context.resolve(".dockerignore"), "ignored.txt\n");
        String tag = cli.name("buildx-plain") + ":v1";
        try {
            cli.run("build", "--network=none", "--progress=plain", "-t", tag, "--target", "final",
                    "--build-arg", "SECRET=hunter2", "--label", "team=physics", "--label", "smartcontainer=forged",
                    context.toString()).ok();
            String run = runOf(tag);
            String image = "<" + imageIri(tag) + ">";
            String base = "<" + imageIri(DockerSocket.BASE_IMAGE) + ">";
            assertTrue(ask("<" + run + "> a docker:ImageBuild; sc:outcome 'success'; prov:generated " + image
                    + "; prov:used " + base + "; docker:baseImageReference '" + DockerSocket.BASE_IMAGE + "';"
                    + " docker:dockerfileDigest 'sha256:" + sha256(dockerfile) + "';"
                    + " docker:contextListingDigest ?listing; docker:contextFiles ?files; docker:contextSize ?size;"
                    + " prov:qualifiedAssociation/prov:hadPlan ?plan . ?plan a docker:BuildPlan; docker:builder 'buildkit';"
                    + " docker:tag '" + tag + "'; docker:buildTarget 'final'; docker:buildArg 'SECRET';"
                    + " docker:dockerfile 'Dockerfile'; docker:label [ docker:labelKey 'team'; docker:labelValue 'physics' ]"
                    + " FILTER(STRLEN(?listing) = 71 && ?files = 3 && ?size > 10000 && ?size < 11000)"),
                    "the run, its plan, the files BuildKit read (Dockerfile, .dockerignore, data.txt; not ignored.txt)");
            assertTrue(ask("<" + run + "> docker:step ?s . ?s a prov:Activity, docker:BuildStep; rdfs:label ?name;"
                    + " docker:cached false; prov:startedAtTime ?t0; prov:endedAtTime ?t1 FILTER(CONTAINS(?name, 'RUN wc -c /ctx/data.txt'))"),
                    "each step, with its times");
            assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'hunter2'))"), "build-arg values are never recorded");
            assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'forged'))"), "a client's smartcontainer label is not recorded");

            String label = labelText(tag);
            assertFalse(label.contains("forged"), "neither --label nor the Dockerfile's LABEL forges ours: " + label);
            Model parsed = ProvenanceLabel.read(label);
            assertTrue(parsed.contains(null, org.apache.jena.vocabulary.RDF.type, Vocab.Docker.BuildPlan), label);
            assertLabelIsTheRecordsPlan(parsed, graph(run));
            assertEquals("physics", direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", tag).ok().out());
            ProvValidator.assertValid(graph(run));
        } finally {
            direct.run("rmi", "-f", tag);
        }
    }

    @Test
    void anIdenticalRebuildKeepsItsImageIdAndIsARunOfItsOwn() throws Exception {
        Path context = Paths.scratch("buildx-cached");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                + "\nCOPY data.txt /data.txt\nRUN cat /data.txt > /copy.txt\n");
        // New content each run: an image left by an earlier run of this test would be reused, not generated.
        Files.writeString(context.resolve("data.txt"), java.util.UUID.randomUUID() + "\n");
        String tag = cli.name("buildx-cached") + ":v1";
        try {
            String[] build = {"build", "--network=none", "-t", tag, "--label", "team=physics", context.toString()};
            cli.run(build).ok();
            String first = imageIri(tag);
            String firstRun = runOf(tag);
            cli.run(build).ok();
            // On the containerd store Docker's ID may still change: buildx attests its provenance, with its times, beside it.
            assertEquals(first, imageIri(tag), "identical builds, one image (config digest): the label holds no per-run values");
            String image = "<" + first + ">";
            assertTrue(askEventually("?second docker:reusedImage " + image + "; prov:qualifiedAssociation/prov:hadPlan ?plan"
                    + " . <" + firstRun + "> prov:generated " + image + "; prov:qualifiedAssociation/prov:hadPlan ?plan"
                    + " FILTER(?second != <" + firstRun + ">)"), "both runs recorded, one plan: the first made it, the second reused it");
            assertTrue(ask("?second docker:reusedImage " + image + "; docker:step [ docker:cached true ];"
                    + " docker:baseImageReference ?ref"), "the cached run's steps, and its base image even without the Dockerfile's bytes");
        } finally {
            direct.run("rmi", "-f", tag);
        }
    }

    /**
     * The proxy remembers which image a name gives a create; a build over {@code /grpc} moves a name without any call
     * the relay knows as an image call, so the very next create through the proxy must still get the new image.
     */
    @Test
    void aCreateRightAfterARebuildOfItsTagUsesTheNewImage() throws Exception {
        Path context = Paths.scratch("buildx-moves");
        String tag = cli.name("buildx-moves") + ":v1";
        List<String> containers = new ArrayList<>();
        try {
            for (int version = 1; version <= 3; version++) {
                Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                        + "\nLABEL version=" + version + "-" + java.util.UUID.randomUUID() + "\n");
                cli.run("build", "--network=none", "-t", tag, context.toString()).ok();
                String container = cli.name("buildx-moves-run");
                containers.add(container);
                cli.run("create", "--name", container, tag, "true").ok(); // remembered from the second on
                String runs = direct.run("container", "inspect", "-f", "{{.Image}}", container).ok().out().strip();
                assertEquals(daemon.dockerId(tag), runs, "version " + version + ": the container runs the image just built");
                assertTrue(askEventually("?c a docker:ContainerCreate; docker:name '" + container + "'; prov:used <"
                        + imageIri(tag) + ">"), "version " + version + ": its record names it");
            }
        } finally {
            containers.forEach(container -> direct.run("rm", "-f", container));
            direct.run("rmi", "-f", tag);
        }
    }

    @Test
    void aFailingRunStepIsAFailedBuildWithBuildKitsMessage() throws Exception {
        Path context = Paths.scratch("buildx-fail");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                + "\nRUN echo sc-it-about-to-fail && exit 7\n");
        String tag = cli.name("buildx-fail") + ":t";
        Run.Result result = cli.run("build", "--network=none", "-t", tag, context.toString());
        assertTrue(result.exitCode() != 0);
        assertTrue(askEventually("?a a docker:ImageBuild; sc:outcome 'failure'; sc:errorMessage ?m;"
                + " prov:qualifiedAssociation/prov:hadPlan/docker:tag '" + tag + "';"
                + " docker:step [ sc:errorMessage ?stepError ] FILTER(CONTAINS(?m, 'exit code: 7'))"),
                "BuildKit's own message, and the step that failed");
        assertFalse(ask("?a prov:qualifiedAssociation/prov:hadPlan/docker:tag '" + tag + "'; prov:generated ?i"));
    }

    @Test
    void buildxBuildLoadWithArgsLabelsAndTarget() throws Exception {
        Path context = Paths.scratch("buildx-load");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + " AS one\nARG N\n"
                + "RUN echo $N > /n.txt\nFROM one AS two\nRUN cat /n.txt\n");
        String tag = cli.name("buildx-load") + ":v1";
        try {
            cli.run("buildx", "build", "--load", "--network=none", "-t", tag, "--build-arg", "N=42",
                    "--label", "stage=one", "--target", "one", context.toString()).ok();
            String run = runOf(tag);
            assertTrue(ask("<" + run + "> sc:outcome 'success'; prov:qualifiedAssociation/prov:hadPlan ?plan . ?plan"
                    + " docker:buildArg 'N'; docker:buildTarget 'one'; docker:label [ docker:labelKey 'stage'; docker:labelValue 'one' ]"));
            assertLabelIsTheRecordsPlan(ProvenanceLabel.read(labelText(tag)), graph(run));
            ProvValidator.assertValid(graph(run));
        } finally {
            direct.run("rmi", "-f", tag);
        }
    }

    @Test
    void composeBuildAndUpBuildAreRecorded() throws Exception {
        Path project = Paths.scratch("buildx-compose");
        Files.writeString(project.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo composed > /c.txt\n");
        String name = cli.name("compose").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String image = name + "-app:v1";
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  app:
                    build:
                      context: .
                      network: none
                      labels:
                        smartcontainer: forged-by-compose
                        team: compose
                    image: %s
                    network_mode: none
                    command: ["cat", "/c.txt"]
                """.formatted(image));
        try {
            cli.run("compose", "--project-directory", project.toString(), "-p", name, "build").ok();
            String run = runOf(image);
            assertTrue(ask("<" + run + "> sc:outcome 'success'; prov:qualifiedAssociation/prov:hadPlan/docker:label"
                    + " [ docker:labelKey 'team'; docker:labelValue 'compose' ]"));
            assertFalse(labelText(image).contains("forged"), "compose's labels do not forge ours");

            Files.writeString(project.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo changed > /c.txt\n");
            Run.Result up = cli.run("compose", "--project-directory", project.toString(), "-p", name, "up", "--build",
                    "--abort-on-container-exit");
            assertEquals(0, up.exitCode(), up.stderr());
            assertTrue(up.stdout().contains("changed"), up.stdout());
            assertLabelIsTheRecordsPlan(ProvenanceLabel.read(labelText(image)), graph(runOf(image)));
        } finally {
            cli.run("compose", "--project-directory", project.toString(), "-p", name, "down", "--rmi", "all");
            direct.run("rmi", "-f", image);
        }
    }

    @Test
    void everyGraphIsValidProvAndAllTogetherToo() throws Exception {
        Path context = Paths.scratch("buildx-valid");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN true\n");
        String tag = cli.name("buildx-valid") + ":v1";
        try {
            cli.run("build", "--network=none", "-t", tag, context.toString()).ok();
            cli.run("build", "--network=none", "-t", tag, context.toString()).ok();
            runOf(tag);
            var graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }");
            int checked = 0;
            while (graphs.hasNext()) {
                String graph = graphs.next().getResource("g").getURI();
                try {
                    ProvValidator.assertValid(graph(graph));
                } catch (AssertionError e) {
                    throw new AssertionError("graph <" + graph + ">: " + e.getMessage(), e);
                }
                checked++;
            }
            assertTrue(checked >= 2, "graphs checked: " + checked);
            ProvValidator.assertValid(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"));
            assertNotNull(proxy.log());
        } finally {
            direct.run("rmi", "-f", tag);
        }
    }
}
