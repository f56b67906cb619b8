package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.RemoteStore;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.FusekiStore;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.ProvValidator;
import org.smartcontainers.testsupport.Run;

/**
 * Creates and commits through the proxy with the real CLI, recorded into a real Fuseki the test
 * starts (so the test can query the store while the proxy runs), checked fact by fact with SPARQL. In front of
 * Docker 26 and of Docker 26 with the containerd image store, where records name an image by its config digest
 * while Docker's own ID is its manifest's (or index's) digest.
 */
@ParameterizedClass
@EnumSource(value = DockerDaemon.class, names = {"DOCKER_26", "DOCKER_26_CONTAINERD"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ProvenanceRecordingTest {
    /** After every other test (unordered ones default to Integer.MAX_VALUE / 2): they check what all left behind. */
    private static final int LAST = Integer.MAX_VALUE;
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
            + "> PREFIX sc: <" + Vocab.SC_NS + "> ";
    private FusekiStore fuseki;
    private String storeUrl;
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
        storeUrl = fuseki.url();
        store = fuseki.store();
        proxy = daemon.startProxy("--store", storeUrl);
        cli = DockerCli.through(proxy);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        proxy.close();
        fuseki.close();
    }

    private boolean ask(String where) {
        return store.ask(PREFIXES + "ASK { " + where + " }");
    }

    /** For what is stored after the call's answer: polled, bounded only against a hang. */
    private boolean askEventually(String where) throws InterruptedException {
        for (int i = 0; i < 600 && !ask(where); i++) {
            Thread.sleep(100);
        }
        return ask(where);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String containerId(String name) {
        return direct.run("inspect", "-f", "{{.Id}}", name).ok().out();
    }

    /** The ID records name the image by: its config digest, whichever store the daemon has. */
    private String imageId(String reference) {
        return daemon.recordedIdOf(reference);
    }

    private Model label(String kind, String reference) {
        String label = direct.run(kind, "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", reference).ok().out();
        return ProvenanceLabel.read(label);
    }

    /** Creates. */
    @Nested
    class Creates {
        @Test
        void createIsRecordedWithItsSettingsAndLabelled() {
            String name = cli.name("create");
            try {
                cli.run("create", "--name", name, "-e", "SECRET=hunter2", "-l", "team=physics", "-l", "smartcontainer=forged",
                        "-v", "/tmp:/data:ro", "-w", "/work", "-u", "nobody", "--network", "none",
                        DockerSocket.BASE_IMAGE, "sh", "-c", "echo hi").ok();
                String container = "<" + Vocab.containerIri(containerId(name)) + ">";
                String image = "<" + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE)) + ">";
                assertTrue(ask(container + " a docker:Container; prov:wasDerivedFrom " + image + "; prov:wasGeneratedBy ?a ."
                        + " ?a a docker:ContainerCreate; docker:name '" + name + "'; prov:used " + image
                        + "; docker:imageReference '" + DockerSocket.BASE_IMAGE + "'; docker:workingDir '/work'; docker:user 'nobody';"
                        + " docker:networkMode 'none'; docker:environmentVariable 'SECRET'; sc:outcome 'success';"
                        + " prov:startedAtTime ?s; prov:endedAtTime ?e; prov:wasAssociatedWith ?docker, ?sc ."
                        + " ?docker prov:qualifiedDelegation [ prov:agent ?sc; prov:hadActivity ?a ]; docker:version ?v; docker:engineId ?engine ."
                        + container + " prov:wasAttributedTo ?who . ?a prov:qualifiedAssociation [ prov:agent ?who; prov:hadRole sc:requester ]"),
                        "the create's record");
                assertTrue(ask("?a prov:generated " + container + "; docker:label [ docker:labelKey 'team'; docker:labelValue 'physics' ];"
                        + " prov:used ?tmp; prov:qualifiedUsage [ prov:entity ?tmp; docker:target '/data'; docker:readOnly true ] ."
                        + " ?tmp a docker:BindMount; docker:source '/tmp'"));
                assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'hunter2'))"), "environment values are never recorded");
                assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'forged'))"), "a client's smartcontainer label is dropped");

                String labelText = direct.run("inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", name).ok().out();
                Model label = ProvenanceLabel.read(labelText);
                ProvValidator.assertValid(label);
                assertTrue(label.contains(null, RDF.type, Vocab.Docker.Create), "label names the activity");
                assertTrue(label.contains(null, Vocab.Prov.used, label.createResource(image.substring(1, image.length() - 1))));
                String activity = label.listSubjectsWithProperty(RDF.type, Vocab.Docker.Create)
                        .next().getURI();
                Model stored = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + activity + "> { ?s ?p ?o } }");
                // Less what only the daemon's answer told: the container itself, the end time, the outcome.
                var act = stored.createResource(activity);
                stored.removeAll(stored.createResource(container.substring(1, container.length() - 1)), null, null);
                stored.removeAll(act, Vocab.Prov.generated, null);
                stored.removeAll(act, Vocab.Prov.endedAtTime, null);
                stored.removeAll(act, Vocab.Sc.outcome, null);
                assertTrue(stored.contains(act, Vocab.Sc.labelledWith, LabelProvenance.digest(labelText)),
                        "the record names the label it set");
                stored.removeAll(act, Vocab.Sc.labelledWith, null);
                assertTrue(stored.isIsomorphicWith(label), "the label is the store's record, less what the answer added"
                        + " and the label's own digest");
                assertEquals("physics", direct.run("inspect", "-f", "{{index .Config.Labels \"team\"}}", name).ok().out());
            } finally {
                direct.run("rm", "-f", name);
            }
        }

        /**
         * The proxy remembers which image a reference names (the label needs it before the create
         * goes out); a tag that moves must never leave a create labelled with the image it named before.
         */
        @Test
        void createsFollowATagThatMoves() throws Exception {
            String tag = cli.name("moving") + ":v1";
            String other = cli.name("other") + ":v1";
            String source = cli.name("source");
            List<String> containers = new ArrayList<>();
            try {
                String first = daemon.dockerId(DockerSocket.BASE_IMAGE);
                direct.run("create", "--name", source, DockerSocket.BASE_IMAGE, "true").ok();
                direct.run("commit", "-m", "a second image", source, other).ok();
                String second = daemon.dockerId(other);
                direct.run("tag", first, tag).ok();
                // The container runs Docker's ID; the label and the store name the image as records do.
                Created fromFirst = new Created(first, daemon.recordedId(first));
                Created fromSecond = new Created(second, daemon.recordedId(second));

                assertEquals(fromFirst, createdFrom(tag, containers), "the tag's first image");
                assertEquals(fromFirst, createdFrom(tag, containers), "again, now that it is remembered");
                cli.run("tag", other, tag).ok(); // through the proxy: the very next create must see it
                assertEquals(fromSecond, createdFrom(tag, containers), "moved through the proxy");
                direct.run("tag", first, tag).ok(); // behind the proxy's back: Docker's event stream tells it
                Created created = createdFrom(tag, containers);
                for (int attempt = 0; attempt < 100 && !created.equals(fromFirst); attempt++) {
                    Thread.sleep(20); // the image event may still be on its way (the window docs/provenance.md describes)
                    created = createdFrom(tag, containers);
                }
                assertEquals(fromFirst, created, "moved behind the proxy's back");
            } finally {
                containers.forEach(container -> direct.run("rm", "-f", container));
                direct.run("rm", "-f", source);
                direct.run("rmi", tag, other);
            }
        }

        /** The image a container runs, and the image its label (and the store) says it was made from. */
        private record Created(String runs, String labelled) {
        }

        /** Creates a container from {@code reference} through the proxy. */
        private Created createdFrom(String reference, List<String> containers) {
            String name = cli.name("follows");
            containers.add(name);
            cli.run("create", "--name", name, reference, "true").ok();
            String runs = direct.run("inspect", "-f", "{{.Image}}", name).ok().out();
            List<String> used = label("container", name).listObjectsOfProperty(Vocab.Prov.used).toList().stream()
                    .filter(RDFNode::isURIResource).map(node -> node.asResource().getURI())
                    .filter(iri -> iri.startsWith(Vocab.imageIri(""))).toList();
            assertEquals(1, used.size(), "the label names one image: " + used);
            String labelled = "sha256:" + used.get(0).substring(Vocab.imageIri("").length());
            assertTrue(ask("<" + Vocab.containerIri(containerId(name)) + "> prov:wasDerivedFrom <" + used.get(0) + ">"),
                    "the store names the same image as the label");
            return new Created(runs, labelled);
        }

        @Test
        void createOfAMissingImageIsAFailedActivity() {
            String missing = "sc-it-no-such-image:never";
            var result = cli.run("create", "--pull", "never", missing);
            assertTrue(result.exitCode() != 0);
            assertTrue(ask("?a a docker:ContainerCreate; docker:imageReference '" + missing + "'; sc:outcome 'failure';"
                    + " sc:errorMessage ?m; prov:endedAtTime ?e FILTER(CONTAINS(?m, 'No such image'))"));
        }
    }

    @Nested
    class MountsOfContainers {
        @Test
        void containersSharingAVolumeOrAHostPathMeetInTheStoreAndTmpfsIsTheirOwn() throws InterruptedException {
            String volume = cli.name("vol");
            String writer = cli.name("writer");
            String reader = cli.name("reader");
            try {
                cli.run("volume", "create", volume).ok();
                cli.run("run", "--name", writer, "-v", volume + ":/out", "-v", "/tmp:/host", "--tmpfs", "/run:rw,size=1m",
                        "--mount", "type=tmpfs,destination=/scratch", DockerSocket.BASE_IMAGE, "sh", "-c", "echo 42 > /out/answer").ok();
                cli.run("run", "--name", reader, "--mount", "type=volume,source=" + volume + ",target=/in,readonly",
                        "--mount", "type=bind,source=/tmp,target=/h", DockerSocket.BASE_IMAGE, "cat", "/in/answer").ok();
                String engine = direct.run("info", "-f", "{{.ID}}").ok().out();
                String volumeIri = "<" + Vocab.volumeIri(engine, volume) + ">";
                String writerIri = "<" + Vocab.containerIri(containerId(writer)) + ">";
                String readerIri = "<" + Vocab.containerIri(containerId(reader)) + ">";
                assertTrue(ask(writerIri + " prov:wasGeneratedBy ?w . ?w prov:used " + volumeIri + "; prov:qualifiedUsage"
                        + " [ prov:entity " + volumeIri + "; docker:target '/out'; docker:readOnly false ] ."
                        + readerIri + " prov:wasGeneratedBy ?r . ?r prov:used " + volumeIri + "; prov:qualifiedUsage"
                        + " [ prov:entity " + volumeIri + "; docker:target '/in'; docker:readOnly true ] ."
                        + volumeIri + " a docker:Volume; docker:name '" + volume + "'"), "one volume, written by one, read by the other");
                assertTrue(ask("?w prov:generated " + writerIri + "; prov:used ?bind . ?r prov:generated " + readerIri
                        + "; prov:used ?bind . ?bind a docker:BindMount; docker:source '/tmp'"), "one host path, two containers");
                assertTrue(ask("?w prov:generated " + writerIri + "; prov:used <" + Vocab.tmpfsIri(containerId(writer), "/run")
                        + ">, <" + Vocab.tmpfsIri(containerId(writer), "/scratch") + "> . <"
                        + Vocab.tmpfsIri(containerId(writer), "/run") + "> a docker:Tmpfs"), "tmpfs, by --tmpfs and by --mount");
                assertTrue(askEventually("?w a docker:ContainerRun; prov:used " + writerIri + ", " + volumeIri + ";"
                        + " prov:qualifiedUsage [ prov:entity " + volumeIri + "; docker:readOnly false ] ."
                        + " ?r a docker:ContainerRun; prov:used " + readerIri + ", " + volumeIri + ";"
                        + " prov:qualifiedUsage [ prov:entity " + volumeIri + "; docker:readOnly true ]"),
                        "run A wrote volume V, run B read it: the runs use the mounts, as Docker's events and inspect tell");
            } finally {
                direct.run("rm", "-f", writer, reader);
                direct.run("volume", "rm", "-f", volume);
            }
        }
    }

    /** Commits. */
    @Nested
    class Commits {
        @Test
        void commitIsRecordedAsAnImageMadeFromTheContainer() {
            String name = cli.name("commit");
            String tag = cli.name("committed") + ":v1";
            try {
                // Its filesystem changes made before the commit: 22 paths added, /bin modified, /bin/ls deleted.
                cli.run("run", "--name", name, DockerSocket.BASE_IMAGE, "sh", "-c",
                        "mkdir /data && for i in $(seq 10 30); do touch /data/f$i; done && rm /bin/ls").ok();
                cli.run("commit", "--change", "ENV STAGE=two", "-m", "checkpoint", "-a", "Ada", name, tag).ok();
                String image = "<" + Vocab.imageIri(imageId(tag)) + ">";
                String container = "<" + Vocab.containerIri(containerId(name)) + ">";
                String base = "<" + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE)) + ">";
                assertTrue(ask(image + " a docker:Image; prov:wasGeneratedBy ?a; prov:wasDerivedFrom " + container + ", " + base
                        + " . ?a a docker:ContainerCommit; prov:used " + container + "; docker:comment 'checkpoint';"
                        + " docker:author 'Ada'; docker:change 'ENV STAGE (values not recorded)'; docker:environmentVariable 'STAGE'; docker:pause true; sc:outcome 'success'"));
                assertTrue(ask("?a prov:generated " + image + "; docker:pathsAdded ?added; docker:pathsModified ?modified;"
                        + " docker:pathsDeleted ?deleted; docker:modifiedPath '/bin'; docker:deletedPath '/bin/ls';"
                        + " docker:addedPath '/data', '/data/f10', '/data/f28' FILTER(?added = 22 && ?modified = 1 && ?deleted = 1)"),
                        "docker diff of the container, counted and listed");
                assertFalse(ask("?a prov:generated " + image + "; docker:addedPath '/data/f29'"), "the first 20 added paths in path order");
                Model label = label("image", tag);
                assertTrue(label.contains(null, RDF.type, Vocab.Docker.Commit));
                assertTrue(direct.run("image", "inspect", "-f", "{{.Config.Env}}", tag).ok().out().contains("STAGE=two"),
                        "the client's --change still applies");
            } finally {
                direct.run("rm", "-f", name);
                direct.run("rmi", "-f", tag);
            }
        }

        @Test
        void commitOfAMissingContainerIsAFailedActivity() {
            var result = cli.run("commit", "sc-it-no-such-container", "sc-it-never:t");
            assertTrue(result.exitCode() != 0);
            assertTrue(ask("?a a docker:ContainerCommit; sc:outcome 'failure'; sc:errorMessage ?m"
                    + " FILTER(CONTAINS(LCASE(?m), 'no such container'))"));
        }
    }

    /** Builds. */
    @Nested
    class Builds {
        @Test
        void classicBuildIsRecordedWithContextDockerfileAndBaseImage() throws Exception {
            Path context = Paths.scratch("bctx");
            String dockerfile = "FROM " + DockerSocket.BASE_IMAGE + " AS base\nARG SECRET\nCOPY data.txt /data.txt\n"
                    + "RUN cat /data.txt > /copy.txt\nFROM base\nRUN true\n";
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            Files.writeString(context.resolve("data.txt"), "payload\n");
            String tag = cli.name("built") + ":v1";
            try {
                cli.withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"))
                        .run("build", "-t", tag, "--build-arg", "SECRET=hunter2", "--label", "team=physics", "--no-cache",
                                context.toString()).ok();
                String image = "<" + Vocab.imageIri(imageId(tag)) + ">";
                String base = "<" + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE)) + ">";
                String dockerfileDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(dockerfile.getBytes(StandardCharsets.UTF_8)));
                assertTrue(ask(image + " a docker:Image; prov:wasGeneratedBy ?a; prov:wasDerivedFrom " + base
                        + " . ?a a docker:ImageBuild; docker:contextListingDigest ?digest; docker:contextFiles ?files;"
                        + " docker:contextSize ?size; sc:outcome 'success';"
                        + " prov:used " + base + "; prov:qualifiedAssociation/prov:hadPlan ?plan"
                        + " . ?plan docker:tag '" + tag + "'; docker:dockerfile 'Dockerfile'; docker:builder 'classic';"
                        + " docker:buildArg 'SECRET'; docker:noCache true; docker:baseImageReference '" + DockerSocket.BASE_IMAGE + "';"
                        + " docker:dockerfileDigest 'sha256:" + dockerfileDigest + "';"
                        + " docker:label [ docker:labelKey 'team'; docker:labelValue 'physics' ]"
                        + " FILTER(STRLEN(?digest) = 71 && ?files = 2 && ?size = " + (dockerfile.length() + "payload\n".length())
                        + ")"), "the build's record: the context's listing, its two files and their bytes");
                assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'hunter2'))"), "build-arg values are never recorded");
                Model buildLabel = label("image", tag);
                assertTrue(buildLabel.contains(null, RDF.type, Vocab.Docker.BuildPlan));
                assertTrue(buildLabel.contains(null, Vocab.Docker.baseImage, buildLabel.createResource(base.substring(1, base.length() - 1))),
                        "the label names the base image it was built from: " + buildLabel);
                assertEquals("physics", direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", tag).ok().out());

                // The same context gzip-compressed (--compress): opened as it streams, same Dockerfile found.
                String compressedTag = cli.name("gz") + ":v1";
                cli.withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"))
                        .run("build", "--compress", "-t", compressedTag, context.toString()).ok();
                assertTrue(ask("<" + Vocab.imageIri(imageId(compressedTag)) + "> prov:wasGeneratedBy ?a; prov:wasDerivedFrom " + base
                        + " . ?a prov:qualifiedAssociation/prov:hadPlan/docker:dockerfileDigest 'sha256:" + dockerfileDigest + "';"
                        + " docker:contextListingDigest ?listing . ?first prov:generated " + image
                        + "; docker:contextListingDigest ?listing"), "a gzip context is opened too: the same listing");
                direct.run("rmi", "-f", compressedTag);
            } finally {
                direct.run("rmi", "-f", tag);
            }
        }

        /** {@code --context-digest whole}: the SHA-256 of every byte of the context, and its size as sent. */
        @Test
        void aClassicBuildDigestsItsWholeContextWhenAsked() throws Exception {
            Path context = Paths.scratch("bwhole");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY data.txt /d\n");
            Files.writeString(context.resolve("data.txt"), "payload\n");
            try (ProxyProcess whole = daemon.startProxy("--store", storeUrl, "--context-digest", "whole")) {
                DockerCli classic = DockerCli.through(whole).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
                String tag = classic.name("whole") + ":v1";
                try {
                    classic.run("build", "-t", tag, context.toString()).ok();
                    assertTrue(ask("?a prov:generated|docker:reusedImage <" + Vocab.imageIri(imageId(tag)) + ">;"
                            + " docker:contextDigest ?digest; docker:contextSize ?size"
                            + " FILTER(STRLEN(?digest) = 71 && ?size >= 2048 && FLOOR(?size / 512) * 512 = ?size)"),
                            "the digest and size of the tar as sent (whole 512-byte blocks)");
                } finally {
                    direct.run("rmi", "-f", tag);
                }
            }
        }

        @Test
        void anIdenticalClassicRebuildKeepsItsImageIdAndIsARunOfItsOwn() throws Exception {
            Path context = Paths.scratch("bcache");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                    + "\nARG N\nCOPY data.txt /data.txt\nRUN cat /data.txt > /copy.txt\n");
            Files.writeString(context.resolve("data.txt"), "the same\n");
            String tag = cli.name("cached") + ":v1";
            var classic = cli.withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
            String[] build = {"build", "-t", tag, "--build-arg", "N=1", "--label", "team=physics", context.toString()};
            try {
                classic.run(build).ok();
                String first = imageId(tag);
                classic.run(build).ok();
                assertEquals(first, imageId(tag), "identical builds, one image ID: the label holds no per-run values");
                String image = "<" + Vocab.imageIri(first) + ">";
                var runs = store.select(PREFIXES + "SELECT ?a ?start ?how WHERE { ?a a docker:ImageBuild; prov:startedAtTime ?start;"
                        + " prov:qualifiedAssociation/prov:hadPlan ?plan; ?how " + image + " . ?plan docker:tag '" + tag + "'"
                        + " FILTER(?how IN (prov:generated, docker:reusedImage)) } ORDER BY ?start");
                List<String> how = new ArrayList<>();
                Set<String> activities = new HashSet<>();
                runs.forEachRemaining(row -> {
                    how.add(row.getResource("how").getLocalName());
                    activities.add(row.getResource("a").getURI());
                });
                assertEquals(List.of("generated", "reusedImage"), how, "both runs recorded: the first made it, the second reused it");
                assertEquals(2, activities.size());
            } finally {
                direct.run("rmi", "-f", tag);
            }
        }

        @Test
        void failedBuildIsAFailedActivity() throws Exception {
            Path context = Paths.scratch("bfail");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                    + "\nRUN echo sc-it-about-to-fail && exit 7\n");
            var result = cli.withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"))
                    .run("build", "-t", "sc-it-never-built:t", context.toString());
            assertTrue(result.exitCode() != 0);
            // The CLI stops reading at the error line, before the daemon ends the stream, and the
            // record is committed when the stream ends: wait for it (bounded only against a hang).
            String failed = "?a a docker:ImageBuild; prov:qualifiedAssociation/prov:hadPlan/docker:tag 'sc-it-never-built:t';"
                    + " sc:outcome 'failure'; sc:errorMessage ?m"
                    + " FILTER(CONTAINS(?m, 'non-zero code: 7'))";
            assertTrue(askEventually(failed));
            assertFalse(ask("?a a docker:ImageBuild; prov:qualifiedAssociation/prov:hadPlan/docker:tag 'sc-it-never-built:t';"
                    + " prov:generated ?image"));
        }

        /** Debian's 20.10 CLI (BuildKit without buildx: {@code /build?version=2}) through a proxy in front of Docker 20.10, same store. */
        @Test
        void buildKitBuildIsRecordedWithItsStepsDockerfileAndBaseImage() throws Exception {
            Path context = Paths.scratch("bkrec");
            // A new Dockerfile each run: BuildKit sends a Dockerfile it already holds no more.
            String dockerfile = "# " + UUID.randomUUID() + "\nFROM " + DockerSocket.BASE_IMAGE + "\nRUN true\n";
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            DockerCli direct20 = DockerCli.direct20();
            try (ProxyProcess proxy20 = ProxyProcess.startInFrontOfDocker20("--store", storeUrl)) {
                DockerCli buildkit = DockerCli.through(proxy20).withBinary(Clients.docker20(), Map.of("DOCKER_BUILDKIT", "1"));
                String tag = buildkit.name("bk") + ":v1";
                try {
                    buildkit.run("build", "--network=none", "-t", tag, "--label", "smartcontainer=forged",
                            context.toString()).ok();
                    String image = "<" + Vocab.imageIri(direct20.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out()) + ">";
                    String base = "<" + Vocab.imageIri(direct20.run("image", "inspect", "-f", "{{.Id}}", DockerSocket.BASE_IMAGE)
                            .ok().out()) + ">";
                    assertTrue(askEventually("?a prov:generated|docker:reusedImage " + image + "; sc:outcome 'success';"
                            + " prov:used " + base + "; docker:dockerfileDigest 'sha256:" + sha256(dockerfile) + "';"
                            + " docker:step [ <http://www.w3.org/2000/01/rdf-schema#label> ?step; docker:cached ?cached ];"
                            + " prov:qualifiedAssociation/prov:hadPlan ?plan . ?plan docker:builder 'buildkit';"
                            + " docker:tag '" + tag + "'; docker:networkMode 'none' FILTER(CONTAINS(?step, 'RUN true'))"),
                            "steps from the trace lines, the Dockerfile and base image from the session");
                    String label = direct20.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", tag).ok().out();
                    assertFalse(label.contains("forged"), label);
                    assertTrue(ProvenanceLabel.read(label).contains(null, RDF.type, Vocab.Docker.BuildPlan));
                } finally {
                    direct20.run("rmi", "-f", tag);
                }
            }
        }
    }

    /** Labels already on images. */
    @Nested
    class LabelsAlreadyOnImages {
        @Test
        void originalSmartContainersLabelsOnUsedImagesAreReadAsTheirProvenance() throws Exception {
            // The provenance module's fixture: a label the original SmartContainers wrote (rdflib JSON-LD).
            String original = Files.readString(Paths.repo().resolve("provenance/src/test/resources/labels/original-smartcontainers.json"));
            String forCreate = cli.name("original-a") + ":v1";
            String forCommit = cli.name("original-b") + ":v1";
            String created = cli.name("from-original");
            String running = cli.name("commit-original");
            String committed = cli.name("committed-original") + ":v1";
            try {
                // Smart images as the original made them, directly: a container created with the label, committed.
                for (String tag : List.of(forCreate, forCommit)) {
                    String maker = direct.run("create", "--label", "smartcontainer=" + original, "--label", "for=" + tag,
                            DockerSocket.BASE_IMAGE, "true").ok().out();
                    direct.run("commit", maker, tag).ok();
                    direct.run("rm", maker).ok();
                }
                cli.run("create", "--name", created, forCreate, "true").ok();
                direct.run("run", "-d", "--name", running, forCommit, "sleep", "300").ok();
                cli.run("commit", running, committed).ok();

                for (String tag : List.of(forCreate, forCommit)) {
                    String image = "<" + Vocab.imageIri(imageId(tag)) + ">";
                    String graph = "<" + LabelProvenance.graphName(imageId(tag)) + ">";
                    assertTrue(askEventually(image + " prov:has_provenance " + graph + " . GRAPH " + graph + " { " + graph
                            + " sc:labelFormat sc:OriginalSmartContainersLabel . ?a a prov:Activity, docker:commitActivity;"
                            + " docker:hasContainerTag 'GreatContainer'; prov:startedAtTime ?s; prov:endedAtTime ?e ."
                            + " ?entity prov:wasGeneratedBy ?a FILTER(?s < ?e) }"), "the original's label on " + tag);
                }
                assertTrue(ask("<" + Vocab.containerIri(containerId(created)) + "> prov:wasDerivedFrom <"
                        + Vocab.imageIri(imageId(forCreate)) + ">"));
                assertEquals("1", store.select(PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g sc:labelFormat ?f }"
                        + " FILTER(?g = <" + LabelProvenance.graphName(imageId(forCreate)) + ">) }")
                        .next().getLiteral("n").getLexicalForm(), "read once");
                assertTrue(label("image", committed).contains(null, RDF.type, Vocab.Docker.Commit),
                        "what the proxy makes from a smart image gets our label");
            } finally {
                direct.run("rm", "-f", created, running);
                direct.run("rmi", "-f", committed, forCreate, forCommit);
            }
        }
    }

    /** Other clients. */
    @Nested
    class OtherClients {
        @Test
        void dockerPyBuildCreateAndCommitAreRecorded() {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Path script = Paths.repo().resolve("tests/src/test/resources/python/docker_py_recorded.py");
            var result = Run.run(proxy.env(), null,
                    List.of(Clients.python(), script.toString(), DockerSocket.BASE_IMAGE, suffix)).ok();
            Map<String, String> ids = new HashMap<>();
            result.stdout().lines().map(l -> l.split(" ")).forEach(p -> ids.put(p[0], p[1]));
            try {
                String image = "<" + daemon.imageIri(ids.get("image")) + ">";
                String container = "<" + Vocab.containerIri(ids.get("container")) + ">";
                assertTrue(ask(image + " prov:wasGeneratedBy [ a docker:ImageBuild; prov:qualifiedAssociation/prov:hadPlan"
                        + " [ docker:dockerfileDigest ?d; docker:label [ docker:labelKey 'made-by'; docker:labelValue 'docker-py' ] ] ];"
                        + " prov:wasDerivedFrom <" + Vocab.imageIri(imageId(DockerSocket.BASE_IMAGE)) + ">"), "gzip build by docker-py");
                assertTrue(ask(container + " prov:wasDerivedFrom " + image + "; prov:wasGeneratedBy [ docker:environmentVariable 'TOKEN' ]"));
                assertTrue(ask("<" + daemon.imageIri(ids.get("committed")) + "> prov:wasDerivedFrom " + container + ", " + image));
                assertFalse(ask("?s ?p ?o FILTER(CONTAINS(STR(?o), 'py-secret'))"));
            } finally {
                direct.run("rmi", "-f", "sc-it-pyrec-" + suffix + "-c:t", "sc-it-pyrec-" + suffix + ":t");
            }
        }
    }

    /** Many at once. */
    @Nested
    class ManyAtOnce {
        @Test
        void fiftyConcurrentCreatesAreEachRecordedOnce() throws Exception {
            String prefix = cli.name("many");
            List<CompletableFuture<Void>> creates = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                for (int i = 0; i < 50; i++) {
                    String name = prefix + "-" + i;
                    creates.add(CompletableFuture.runAsync(
                            () -> cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok(), pool));
                }
                CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)).get();
                var counts = store.select(PREFIXES + "SELECT ?name (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a docker:ContainerCreate;"
                        + " docker:name ?name; sc:outcome 'success' FILTER(STRSTARTS(?name, '" + prefix + "-')) } GROUP BY ?name");
                int names = 0;
                while (counts.hasNext()) {
                    assertEquals(1, counts.next().getLiteral("n").getInt(), "recorded exactly once");
                    names++;
                }
                assertEquals(50, names, "every create recorded");
            } finally {
                pool.shutdown();
                for (int i = 0; i < 50; i++) {
                    direct.run("rm", "-f", prefix + "-" + i);
                }
            }
        }

        @Test
        void tenConcurrentBuildsAreEachRecordedOnce() throws Exception {
            Path context = Paths.scratch("many-builds");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                    + "\nARG N\nRUN echo $N > /n.txt\n");
            String prefix = cli.name("mb");
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<?>> builds = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String tag = prefix + "-" + i + ":t";
                    String n = Integer.toString(i);
                    builds.add(pool.submit(() -> cli.withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"))
                            .run("build", "-q", "--build-arg", "N=" + n, "-t", tag, context.toString()).ok()));
                }
                for (Future<?> build : builds) {
                    build.get();
                }
                for (int i = 0; i < 10; i++) {
                    String tag = prefix + "-" + i + ":t";
                    var count = store.select(PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a docker:ImageBuild;"
                            + " prov:qualifiedAssociation/prov:hadPlan/docker:tag '" + tag + "'; sc:outcome 'success'; prov:generated <" + Vocab.imageIri(imageId(tag)) + "> }");
                    assertEquals(1, count.next().getLiteral("n").getInt(), tag + " recorded exactly once");
                }
            } finally {
                pool.shutdown();
                for (int i = 0; i < 10; i++) {
                    direct.run("rmi", "-f", prefix + "-" + i + ":t");
                }
            }
        }
    }

    /** The store. */
    @Nested
    class TheStore {
        @Test
        void tdb2StoreKeepsRecordsAfterTheDaemonStops() {
            Path directory = Paths.scratch("tdb").resolve("store");
            String name;
            try (ProxyProcess local = daemon.startProxy("--store", directory.toString())) {
                name = DockerCli.through(local).name("durable");
                DockerCli.through(local).run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
            }
            try (LocalStore reopened = LocalStore.onDisk(directory)) {
                assertTrue(reopened.ask(PREFIXES + "ASK { <" + Vocab.containerIri(containerId(name))
                        + "> prov:wasGeneratedBy [ docker:name '" + name + "' ] }"));
            } finally {
                direct.run("rm", "-f", name);
            }
        }
    }

    /** Every record the other tests left, checked after them all. */
    @Order(LAST)
    @Nested
    class CheckedLast {
        /** Checks every record the other tests left in the store. */
        @Test
        void noActivityEndsBeforeItStarts() {
            String name = cli.name("times");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
                assertTrue(ask("?a prov:startedAtTime ?s; prov:endedAtTime ?e"), "there are finished activities");
                assertFalse(ask("?a prov:startedAtTime ?s; prov:endedAtTime ?e FILTER(?e < ?s)"));
                assertFalse(ask("?a a prov:Activity FILTER NOT EXISTS { ?a prov:endedAtTime ?e }"), "every activity ended");
            } finally {
                direct.run("rm", "-f", name);
            }
        }

        /**
         * Every named graph the other tests left (creates, commits, builds, failures, labels read from
         * images) is valid PROV by ProvToolbox's PROV-CONSTRAINTS validator, one graph at a time and all
         * together, since records from many hosts must merge into one consistent account.
         */
        @Test
        void everyRecordedGraphIsValidProv() {
            var graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }");
            int checked = 0;
            while (graphs.hasNext()) {
                String graph = graphs.next().getResource("g").getURI();
                Model model = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + graph + "> { ?s ?p ?o } }");
                try {
                    ProvValidator.assertValid(model);
                } catch (AssertionError e) {
                    throw new AssertionError("graph <" + graph + ">: " + e.getMessage(), e);
                }
                checked++;
            }
            for (String kind : new String[] {"ContainerCreate", "ContainerCommit", "ImageBuild"}) {
                assertTrue(ask("GRAPH ?g { ?a a docker:" + kind + " }"), "the tests before left a " + kind + " to check");
            }
            assertTrue(checked >= 3, "graphs checked: " + checked);
            ProvValidator.assertValid(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"));
        }
    }
}
