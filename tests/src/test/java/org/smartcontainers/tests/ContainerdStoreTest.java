package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.RemoteStore;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.DocumentedQueries;
import org.smartcontainers.tests.support.FakeRegistry;
import org.smartcontainers.tests.support.FusekiStore;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * Docker's containerd image store (Docker 29's default), behind one of our daemons, beside a classic store behind
 * another, both recording into one Fuseki: an image is named by its config digest on both, so an image made on one
 * host and loaded on the other is one entity with both hosts' records, and what is built and committed on the
 * containerd store is named as the classic store would name it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerdStoreTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> ";
    private FusekiStore fuseki;
    private RemoteStore store;
    private ProxyProcess classic;
    private ProxyProcess containerd;
    private static final DockerDaemon CONTAINERD = DockerDaemon.DOCKER_26_CONTAINERD;

    @BeforeAll
    void start() {
        fuseki = FusekiStore.start();
        store = fuseki.store();
        classic = ProxyProcess.start("--store", fuseki.url());
        containerd = ProxyProcess.start(DockerSocket.containerdStore(), "", "--store", fuseki.url());
    }

    @AfterAll
    void stop() {
        if (classic != null) {
            classic.close();
        }
        if (containerd != null) {
            containerd.close();
        }
        fuseki.close();
    }

    private boolean ask(String where) {
        return store.ask(PREFIXES + "ASK { " + where + " }");
    }

    @Test
    void anImageCommittedOnAClassicStoreAndUsedOnAContainerdStoreIsOneEntity() throws Exception {
        DockerCli onClassic = DockerCli.through(classic);
        DockerCli onContainerd = DockerCli.through(containerd);
        String maker = onClassic.name("maker");
        String tag = onClassic.name("shared") + ":v1";
        String user = onContainerd.name("user");
        Path archive = Paths.scratch("containerd-store").resolve("image.tar");
        try {
            onClassic.run("create", "--name", maker, DockerSocket.BASE_IMAGE, "true").ok();
            onClassic.run("commit", maker, tag).ok();
            String classicId = DockerCli.direct().run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
            DockerCli.direct().run("save", "-o", archive.toString(), tag).ok();
            onContainerd.run("load", "-i", archive.toString()).ok();
            String containerdId = CONTAINERD.dockerId(tag);
            assertNotEquals(classicId, containerdId, "the containerd store gives the image another ID");
            onContainerd.run("create", "--name", user, tag, "true").ok();
            String containerId = DockerCli.directContainerd().run("inspect", "-f", "{{.Id}}", user).ok().out();

            String image = "<" + Vocab.imageIri(classicId) + ">";
            assertTrue(ask("GRAPH ?c { ?commit a docker:ContainerCommit; prov:generated " + image + " }"
                    + " GRAPH ?u { ?create a docker:ContainerCreate; prov:used " + image + "; prov:generated <"
                    + Vocab.containerIri(containerId) + "> } FILTER(?c != ?u)"), "made on one host, used on the other: one image");
            assertFalse(ask("?s ?p <" + Vocab.imageIri(containerdId) + ">"), "nothing names the image by the containerd store's ID");
            assertFalse(ask("<" + Vocab.imageIri(containerdId) + "> ?p ?o"), "nothing names the image by the containerd store's ID");
        } finally {
            DockerCli.directContainerd().run("rm", "-f", user);
            DockerCli.directContainerd().run("rmi", "-f", tag);
            DockerCli.direct().run("rm", "-f", maker);
            DockerCli.direct().run("rmi", "-f", tag);
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void aMultiPlatformImagePulledOnBothStoresIsOneEntityAndTheContainerdStoreSaysWhichPlatformItUses() throws Exception {
        DockerCli onClassic = DockerCli.through(classic);
        DockerCli onContainerd = DockerCli.through(containerd);
        DockerCli direct = DockerCli.direct();
        String maker = onClassic.name("platforms");
        String made = onClassic.name("platforms") + ":made";
        Path archive = Paths.scratch("containerd-platforms").resolve("image.tar");
        String reference = null;
        try (FakeRegistry registry = new FakeRegistry()) {
            direct.run("create", "--name", maker, DockerSocket.BASE_IMAGE, "true").ok();
            direct.run("commit", maker, made).ok(); // content of its own: a config no other test's image has
            direct.run("save", "-o", archive.toString(), made).ok();
            String architecture = direct.run("version", "-f", "{{.Server.Arch}}").ok().out();
            String repository = onClassic.name("platforms");
            FakeRegistry.Served served = registry.serveIndex(archive, repository, "1", "linux", architecture,
                    architecture.equals("arm64") ? "amd64" : "arm64");
            reference = registry.host() + "/" + repository + ":1";
            onClassic.run("pull", reference).ok();
            onContainerd.run("pull", reference).ok();
            String classicId = direct.run("image", "inspect", "-f", "{{.Id}}", reference).ok().out();
            String containerdId = CONTAINERD.dockerId(reference);
            assertEquals(served.index(), containerdId, "the containerd store names the image by its index");

            String image = "<" + Vocab.imageIri(classicId) + ">";
            String both = "GRAPH ?one { ?pullOne a docker:ImagePull; prov:used " + image + " }"
                    + " GRAPH ?other { ?pullOther a docker:ImagePull; prov:used " + image + " } FILTER(?one != ?other)";
            for (int i = 0; i < 300 && !ask(both); i++) {
                Thread.sleep(100);
            }
            assertTrue(ask(both), "pulled on both hosts: one image, two records");
            assertTrue(ask(image + " docker:indexDigest '" + served.index() + "'; docker:manifestDigest '" + served.manifest() + "';"
                    + " docker:platform 'linux/" + architecture + "'"), "the index, the manifest of the platform used, the platform");
            assertFalse(ask("?s ?p <" + Vocab.imageIri(containerdId) + ">"), "nothing names the image by the index's digest");
        } finally {
            DockerCli.directContainerd().removeImages(reference);
            direct.removeImages(reference, made);
            direct.run("rm", "-f", maker);
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void whatIsBuiltAndCommittedOnAContainerdStoreIsNamedByItsConfigDigest() throws Exception {
        DockerCli onContainerd = DockerCli.through(containerd);
        String built = onContainerd.name("built") + ":1";
        String buildxBuilt = onContainerd.name("buildx") + ":1";
        String v2Built = onContainerd.name("v2") + ":1";
        String committed = onContainerd.name("committed") + ":1";
        String box = onContainerd.name("box");
        Path context = Paths.scratch("sc-containerd-build");
        try {
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo " + built + " > /made\n");
            onContainerd.withBinary(onContainerd.binary(), Map.of("DOCKER_BUILDKIT", "0")).run("build", "-q", "-t", built, context.toString()).ok();
            Path buildxContext = Files.createDirectories(context.resolve("buildx"));
            Files.writeString(buildxContext.resolve("made"), buildxBuilt + "\n");
            Files.writeString(buildxContext.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY made /made\n");
            onContainerd.run("buildx", "build", "-q", "--load", "-t", buildxBuilt, buildxContext.toString()).ok();
            // The 20.10 CLI's BuildKit: POST /session and /build?version=2 (content of its own: an image of its own).
            Path v2Context = Files.createDirectories(context.resolve("v2"));
            Files.writeString(v2Context.resolve("made"), v2Built + "\n");
            Files.writeString(v2Context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY made /made\n");
            onContainerd.withBinary(Clients.docker20(), Map.of("DOCKER_BUILDKIT", "1")).run("build", "-q", "-t", v2Built,
                    v2Context.toString()).ok();
            onContainerd.run("create", "--name", box, built, "true").ok();
            onContainerd.run("commit", box, committed).ok();
            DockerCli direct = DockerCli.directContainerd();
            String base = CONTAINERD.recordedIdOf(DockerSocket.BASE_IMAGE);
            for (String tag : new String[] {built, buildxBuilt, v2Built, committed}) {
                String dockerId = CONTAINERD.dockerId(tag);
                String config = CONTAINERD.recordedId(dockerId);
                assertNotEquals(dockerId, config, tag);
                assertTrue(ask("?made prov:generated <" + Vocab.imageIri(config) + ">"), tag + " is recorded by its config digest");
                assertFalse(ask("?s ?p <" + Vocab.imageIri(dockerId) + ">"), tag + " is not recorded by the daemon's ID");
                // buildx adds a provenance attestation: its image is an index (the image's manifest and the attestation's).
                assertTrue(ask("<" + Vocab.imageIri(config) + "> docker:manifestDigest|docker:indexDigest '" + dockerId + "';"
                        + " docker:platform 'linux/amd64'"), tag + ": the daemon's ID is recorded as the image's manifest or index digest");
            }
            String builtConfig = CONTAINERD.recordedIdOf(built);
            assertTrue(ask("<" + Vocab.imageIri(builtConfig) + "> prov:wasDerivedFrom <" + Vocab.imageIri(base) + ">"),
                    "the build's base image by its config digest too");
            String lineage = Run.run(Map.of("SC_HOST", containerd.socket().toString()), null,
                    List.of(Paths.repo().resolve("bin/sc").toString(), "lineage", built)).ok().out();
            assertTrue(lineage.startsWith("image sha256:" + Vocab.bareId(builtConfig).substring(0, 12))
                    && lineage.contains("sha256:" + Vocab.bareId(base).substring(0, 12)), "sc lineage names both by config digest: " + lineage);
            // A record made before images were named by config digest: it named the image by Docker's ID here.
            String builtDockerId = CONTAINERD.dockerId(built);
            String oldCreate = Vocab.activityIri(UUID.randomUUID().toString());
            Model old = ModelFactory.createDefaultModel();
            old.createResource(oldCreate).addProperty(RDF.type, Vocab.Prov.Activity).addProperty(RDF.type, Vocab.Docker.Create)
                    .addProperty(Vocab.Prov.used, old.createResource(Vocab.imageIri(builtDockerId)));
            store.commit(List.of(new NamedGraph(oldCreate, old)));
            List<String> found = new ArrayList<>();
            store.select(DocumentedQueries.query("The records of image X made before it was named by its config digest",
                    Map.of(Vocab.imageIri("0".repeat(64)), Vocab.imageIri(builtConfig))))
                    .forEachRemaining(row -> found.add(row.getResource("activity").getURI()));
            assertEquals(List.of(oldCreate), found, "the older record is reached through the image's manifest digest");
            String box26 = direct.run("inspect", "-f", "{{.Id}}", box).ok().out();
            assertTrue(ask("<" + Vocab.containerIri(box26) + "> prov:wasDerivedFrom <" + Vocab.imageIri(builtConfig) + ">"),
                    "the container derives from the image by its config digest");
        } finally {
            DockerCli direct = DockerCli.directContainerd();
            direct.run("rm", "-f", box);
            direct.removeImages(committed, v2Built, buildxBuilt, built);
        }
    }

    @Test
    void whatBuildKitAttestedOfAnImageItBuiltIsReadApartFromTheRecordAndWithoutBuildArgValues() throws Exception {
        DockerCli onContainerd = DockerCli.through(containerd);
        String tag = onContainerd.name("attested") + ":1";
        Path context = Paths.scratch("sc-attested");
        try {
            Files.writeString(context.resolve("made"), tag + "\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nARG SECRET\nCOPY made /made\n");
            onContainerd.run("buildx", "build", "-q", "--load", "--provenance=mode=max", "--build-arg", "SECRET=attested-secret-value",
                    "-t", tag, context.toString()).ok();
            String image = "<" + Vocab.imageIri(CONTAINERD.recordedIdOf(tag)) + ">";
            String base = "<" + Vocab.imageIri(CONTAINERD.recordedIdOf(DockerSocket.BASE_IMAGE)) + ">";
            String sc = "PREFIX sc: <" + Vocab.SC_NS + "> ";
            assertTrue(store.ask(PREFIXES + sc + "ASK { GRAPH ?attested { ?attested a sc:BuildKitAttestation; sc:attestationOf " + image + ";"
                    + " sc:predicateType <https://slsa.dev/provenance/v0.2>; sc:attestedBuild ?build; sc:frontend 'dockerfile.v0';"
                    + " docker:buildArg 'SECRET'; sc:material [ sc:image " + base + " ] }"
                    + " GRAPH ?record { ?build a docker:ImageBuild; prov:generated " + image + " } FILTER(?attested != ?record) }"),
                    "BuildKit's provenance, in a graph of its own, linked to our record: its base image as ours");
            assertFalse(store.ask("ASK { GRAPH ?g { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'attested-secret-value')) } }"),
                    "a build argument's value is never recorded");
        } finally {
            DockerCli.directContainerd().removeImages(tag);
        }
    }

    @Test
    void anSbomBuildKitAttestedIsReadAsItsPackagesBesideTheRecord() throws Exception {
        DockerCli onContainerd = DockerCli.through(containerd);
        DockerCli direct = DockerCli.directContainerd();
        String scanner = onContainerd.name("sbom-scanner") + ":1";
        String tag = onContainerd.name("scanned") + ":1";
        String madePackage = onContainerd.name("made-package");
        Path context = Paths.scratch("sc-scanned");
        try {
            // BuildKit's default generator comes from Docker Hub; ours is local, and BuildKit prefers a local image.
            direct.run("buildx", "build", "-q", "--load", "-t", scanner,
                    Paths.repo().resolve("tests/src/test/resources/sbom-scanner").toString()).ok();
            Files.writeString(context.resolve("made"), madePackage);
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY made /made\n");
            onContainerd.run("buildx", "build", "-q", "--load", "--sbom=generator=" + scanner, "-t", tag, context.toString()).ok();
            String image = "<" + Vocab.imageIri(CONTAINERD.recordedIdOf(tag)) + ">";
            String sc = "PREFIX sc: <" + Vocab.SC_NS + "> ";
            assertTrue(store.ask(PREFIXES + sc + "ASK { GRAPH ?attested { ?attested a sc:BuildKitAttestation; sc:attestationOf " + image + ";"
                    + " sc:predicateType <https://spdx.dev/Document>; sc:attestedBuild ?build;"
                    + " sc:sbomPackage [ sc:name '" + madePackage + "'; sc:packageVersion '1.2.3'; sc:purl 'pkg:generic/" + madePackage + "@1.2.3' ] }"
                    + " GRAPH ?record { ?build a docker:ImageBuild; prov:generated " + image + " } FILTER(?attested != ?record) }"),
                    "the SBOM's package, found by the generator in the built image, in a graph of its own linked to our record");
        } finally {
            direct.removeImages(tag, scanner);
        }
    }

    @Test
    void anImageRemovedWhileNoDaemonOfOursRanIsRecordedByItsConfigDigestOnceOneIsBack() throws Exception {
        // A store of its own: the class's daemon in front of the same Docker would record the removal at once.
        try (FusekiStore own = FusekiStore.start()) {
            RemoteStore ownStore = own.store();
            String tag;
            String second;
            String dockerId;
            String config;
            Path context = Paths.scratch("sc-removed");
            try (ProxyProcess first = ProxyProcess.start(DockerSocket.containerdStore(), "", "--store", own.url())) {
                DockerCli through = DockerCli.through(first);
                tag = through.name("removed") + ":1";
                second = tag.replace(":1", ":2");
                Files.writeString(context.resolve("made"), tag + "\n");
                Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY made /made\n");
                through.run("buildx", "build", "-q", "--load", "-t", tag, context.toString()).ok();
                dockerId = CONTAINERD.dockerId(tag);
                config = CONTAINERD.recordedId(dockerId);
                // A second name: Docker's events are read again from the last one the store holds, this tag's.
                through.run("tag", tag, second).ok();
                String digests = PREFIXES + "ASK { <" + Vocab.imageIri(config) + "> docker:manifestDigest|docker:indexDigest '" + dockerId + "' ."
                        + " ?tag a docker:ImageTag; prov:used <" + Vocab.imageIri(config) + "> }";
                for (int i = 0; i < 300 && !ownStore.ask(digests); i++) {
                    Thread.sleep(100);
                }
                assertTrue(ownStore.ask(digests), "the daemon's ID is recorded beside the config digest, and the tag");
            }
            // Its manifest and config leave the content store with it.
            DockerCli.directContainerd().run("rmi", tag, second).ok();
            try (ProxyProcess next = ProxyProcess.start(DockerSocket.containerdStore(), "", "--store", own.url())) {
                String removal = PREFIXES + "ASK { ?removal a docker:ImageRemoval; prov:used <" + Vocab.imageIri(config) + "> }";
                for (int i = 0; i < 300 && !ownStore.ask(removal); i++) {
                    Thread.sleep(100);
                }
                assertTrue(ownStore.ask(removal), "the removal, read from Docker's events after the restart, names the image by config digest\n"
                        + next.log());
                assertFalse(ownStore.ask("ASK { ?s ?p <" + Vocab.imageIri(dockerId) + "> }"), "nothing names it by the daemon's ID");
            }
        }
    }

    @Test
    void aLabelBuiltOnAContainerdStoreNamesItsBaseByConfigDigestAndCarriesItsHistory() throws Exception {
        DockerCli onContainerd = DockerCli.through(containerd);
        String base = onContainerd.name("base") + ":1";
        String derived = onContainerd.name("derived") + ":1";
        Path context = Paths.scratch("sc-travel");
        try {
            Files.writeString(context.resolve("made"), base + "\n");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY made /made\n");
            onContainerd.run("buildx", "build", "-q", "--load", "-t", base, context.toString()).ok();
            Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY made /made2\n");
            onContainerd.run("buildx", "build", "-q", "--load", "-t", derived, context.toString()).ok();
            DockerCli direct = DockerCli.directContainerd();
            String baseConfig = CONTAINERD.recordedIdOf(base);
            String label = direct.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", derived).ok().out();
            assertTrue(label.contains("sci:image/" + Vocab.bareId(baseConfig)), "the label names its base by config digest: " + label);
            String baseDockerId = CONTAINERD.dockerId(base);
            assertFalse(label.contains(Vocab.bareId(baseDockerId)), "and never by the daemon's ID: " + label);
            String derivedConfig = CONTAINERD.recordedIdOf(derived);
            assertTrue(ask("<" + Vocab.imageIri(derivedConfig) + "> prov:wasDerivedFrom <" + Vocab.imageIri(baseConfig) + ">"),
                    "the derived image derives from its base, both by config digest");
        } finally {
            DockerCli.directContainerd().removeImages(derived, base);
        }
    }
}
