package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.DocumentedQueries;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.ProvValidator;

/**
 * Labels that travel: a chain made through our daemon on one host (Docker 26, with either image store: a build, a
 * commit of a container of it, a build from the commit; classic builds, and buildx's), the last image saved and loaded onto another
 * host (Docker 20.10) behind a daemon of ours with a store of its own, which never saw the ancestors:
 * {@code sc lineage} there shows the whole chain with who and when, from the one image's label; and the
 * label that carries the ancestors still lets an identical rebuild keep its image ID.
 */
class LabelsThatTravelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <" + Vocab.SC_NS
            + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> ";
    private static final String ORCID = "0000-0002-1825-0097";

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"classic, DOCKER_26", "buildx, DOCKER_26", "classic, DOCKER_26_CONTAINERD", "buildx, DOCKER_26_CONTAINERD"})
    void anImageAloneTellsItsWholeLineageOnAHostThatNeverSawItsAncestors(String builder, DockerDaemon makers) throws Exception {
        Path scratch = Paths.scratch("travel");
        try (ProxyProcess maker = makers.startProxy(); ProxyProcess elsewhere = ProxyProcess.startInFrontOfDocker20()) {
            maker.sc("config", "set", "--orcid", ORCID, "--name", "Josiah Carberry").ok();
            DockerCli on26 = DockerCli.through(maker);
            // The classic builder (POST /build), or buildx (BuildKit's gRPC; its result returned by the client).
            DockerCli build = on26.withBinary(on26.binary(), Map.of("DOCKER_BUILDKIT", builder.equals("classic") ? "0" : "1"));
            DockerCli direct26 = makers.direct();
            DockerCli direct20 = DockerCli.direct20();
            String base = on26.name("travel-base") + ":1";
            String committed = on26.name("travel-commit") + ":1";
            String top = on26.name("travel-top") + ":1";
            String container = on26.name("travel-work");
            Path baseContext = Files.createDirectories(scratch.resolve("base"));
            Files.writeString(baseContext.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nCOPY a.txt /a.txt\n");
            Files.writeString(baseContext.resolve("a.txt"), "a\n");
            Path topContext = Files.createDirectories(scratch.resolve("top"));
            Files.writeString(topContext.resolve("Dockerfile"), "FROM " + committed + "\nCOPY b.txt /b.txt\n");
            Files.writeString(topContext.resolve("b.txt"), "b\n");
            Path archive = scratch.resolve("top.tar");
            try {
                build.run("build", "-q", "--network=none", "-t", base, baseContext.toString()).ok();
                on26.run("create", "--name", container, base, "true").ok();
                on26.run("commit", "-m", "by hand", container, committed).ok();
                build.run("build", "-q", "--network=none", "-t", top, topContext.toString()).ok();
                // Named as records name them: by config digest, which the containerd store's IDs are not.
                JsonNode topImage = inspect(direct26, top);
                String topId = makers.recordedId(topImage.path("Id").asText());
                String committedId = makers.recordedId(inspect(direct26, committed).path("Id").asText());
                JsonNode baseImage = inspect(direct26, base);
                String baseId = makers.recordedId(baseImage.path("Id").asText());
                String busyboxId = makers.recordedId(inspect(direct26, DockerSocket.BASE_IMAGE).path("Id").asText());

                // The label carries each ancestor's history, named by its image.
                String labelText = topImage.path("Config").path("Labels").path("smartcontainer").asText();
                assertEquals(Set.of(Vocab.imageIri(committedId), Vocab.imageIri(baseId), Vocab.imageIri(busyboxId)),
                        LabelProvenance.parseCarrying(labelText).carried().keySet(),
                        "the label carries the commit's, the base's and the first base's histories: " + labelText);

                build.run("build", "-q", "--network=none", "-t", top, topContext.toString()).ok();
                assertEquals(topId, makers.recordedId(inspect(direct26, top).path("Id").asText()),
                        "an identical rebuild carries the same histories and keeps its image (its config digest)");
                String plan = LabelProvenance.parse(labelText).listSubjectsWithProperty(RDF.type, Vocab.Prov.Plan)
                        .next().getURI();
                assertEquals(List.of("2"), ScApi.of(maker).select(PREFIXES + "SELECT (COUNT(DISTINCT ?run) AS ?n) WHERE {"
                        + " ?run prov:qualifiedAssociation/prov:hadPlan <" + plan + "> ; sc:labelledWith '"
                        + LabelProvenance.digest(labelText) + "' }", "n"), "both runs followed the plan the label names,"
                        + " and set that label");

                direct26.run("save", "-o", archive.toString(), top).ok();
                DockerCli.through(elsewhere).run("load", "-i", archive.toString()).ok();
                assertEquals(topId, inspect(direct20, top).path("Id").asText(), "one image on both hosts");

                ScApi api = ScApi.of(elsewhere);
                String baseGraph = "<" + Vocab.imageIri(baseId) + "/label>";
                // Read as the load is recorded, one history after the other: the last may come a moment after the first.
                assertTrue(api.askEventually(PREFIXES + "ASK { <" + Vocab.imageIri(topId) + "> prov:wasDerivedFrom <"
                        + Vocab.imageIri(committedId) + "> . <" + Vocab.imageIri(committedId) + "> prov:wasDerivedFrom <"
                        + Vocab.imageIri(baseId) + "> . <" + Vocab.imageIri(baseId) + "> prov:wasDerivedFrom <"
                        + Vocab.imageIri(busyboxId) + "> }"), "the chain, down to the base the first build used\n"
                        + elsewhere.log());
                assertTrue(api.ask(PREFIXES + "ASK { GRAPH " + baseGraph + " { " + baseGraph
                        + " a sc:LabelClaims; sc:carriedBy <" + Vocab.imageIri(topId) + "> } }"),
                        "the load read the label, and what it carries of the base, as the base's claims");
                String dockerfileDigest = "sha256:" + sha256(Files.readString(baseContext.resolve("Dockerfile")));
                assertTrue(api.ask(PREFIXES + "ASK { GRAPH " + baseGraph + " { ?plan a docker:BuildPlan;"
                        + " docker:dockerfileDigest '" + dockerfileDigest + "' } }"), "the base's plan names its Dockerfile");
                String topLabel = topImage.path("Config").path("Labels").path("smartcontainer").asText();
                List<String> agrees = api.select(DocumentedQueries.query("Whether the label of image X agrees with the store",
                        Map.of("\"sha256:X\"", "\"" + topId + "\"", "\"sha256:LABEL\"", "\"sha256:" + sha256(topLabel) + "\"")),
                        "agrees");
                assertEquals(List.of("true"), agrees, "the store read the label the image carries (and only that one: "
                        + "the histories it carries are not their images' labels)");

                String lineage = elsewhere.sc("lineage", top).ok().stdout();
                String[] steps = lineage.split("derived from ");
                assertEquals(4, steps.length, "top, commit, base, busybox:\n" + lineage);
                assertTrue(steps[0].startsWith("image sha256:" + topId.substring(7, 19) + " (" + top + ")")
                        && steps[0].contains("made by ImageBuild ending " + Instant.parse(topImage.path("Created").asText()))
                        && steps[0].contains("Josiah Carberry <https://orcid.org/" + ORCID + ">"), lineage);
                assertTrue(steps[1].startsWith("image sha256:" + committedId.substring(7, 19))
                        && steps[1].contains("made by ContainerCommit at ")
                        && steps[1].contains("Josiah Carberry <https://orcid.org/" + ORCID + ">"), lineage);
                assertTrue(steps[2].startsWith("image sha256:" + baseId.substring(7, 19))
                        && steps[2].contains("made by ImageBuild ending " + Instant.parse(baseImage.path("Created").asText()))
                        && steps[2].contains("Josiah Carberry <https://orcid.org/" + ORCID + ">"), lineage);
                assertTrue(steps[3].startsWith("image sha256:" + busyboxId.substring(7, 19)) && steps[3].contains("no record"),
                        lineage);
                assertEquals(3, lineage.split("claimed by the image's label; not observed", -1).length - 1,
                        "each claim is marked as one: " + lineage);

                ProvValidator.assertEachGraphValid(RecordedCalls.of(elsewhere).export());
            } finally {
                direct26.run("rm", "-f", container);
                direct26.removeImages(top, committed, base);
                direct20.removeImages(top);
            }
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode inspect(DockerCli cli, String image) throws Exception {
        return JSON.readTree(cli.run("image", "inspect", image).ok().out()).get(0);
    }
}
