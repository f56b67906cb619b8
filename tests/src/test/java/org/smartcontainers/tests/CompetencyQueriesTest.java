package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.DocumentedQueries;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;

/**
 * The competency questions of {@code docs/queries.md}, each run as written there against one recorded
 * workflow through the proxy (Docker 26, the docker CLI 28): a configured person builds X from the base
 * image B with a build argument and a label, builds Y from X, fails a build, runs two containers from X
 * sharing a volume, and commits one of them as C.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompetencyQueriesTest {
    private static final String ORCID = "https://orcid.org/0000-0002-1825-0097";
    private static final String SECRET = "s3cr3t-build-arg-value";
    private final DockerCli direct = DockerCli.direct();
    private ProxyProcess proxy;
    private ScApi api;
    private DockerCli cli;
    private String run;
    private String x;
    private String y;
    private String c;
    private String b;
    private String writer;
    private String reader;
    private String volume;

    @BeforeAll
    void recordTheWorkflow() throws IOException {
        proxy = ProxyProcess.start();
        api = ScApi.of(proxy);
        cli = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
        proxy.sc("config", "set", "--orcid", ORCID, "--name", "Josiah Carberry").ok();
        run = cli.name("cq");
        volume = run + "-data";
        cli.run("build", "-t", run + "-x:1", "--build-arg", "TOKEN=" + SECRET, "--label", "team=physics",
                context("x", "FROM " + DockerSocket.BASE_IMAGE + "\nARG TOKEN\nRUN echo built > /built\n").toString()).ok();
        cli.run("build", "-t", run + "-y:1", context("y", "FROM " + run + "-x:1\nRUN echo more > /more\n").toString()).ok();
        cli.run("build", "-t", run + "-broken:1", context("broken", "FROM " + DockerSocket.BASE_IMAGE + "\nRUN exit 3\n").toString());
        writer = run + "-writer";
        reader = run + "-reader";
        cli.run("run", "--name", writer, "-v", volume + ":/out", run + "-x:1", "sh", "-c", "echo 42 > /out/answer && rm /built").ok();
        cli.run("run", "--name", reader, "-v", volume + ":/in:ro", run + "-x:1", "cat", "/in/answer").ok();
        cli.run("commit", "--change", "ENV STAGE=" + SECRET, writer, run + "-c:1").ok();
        x = imageId(run + "-x:1");
        y = imageId(run + "-y:1");
        c = imageId(run + "-c:1");
        b = imageId(DockerSocket.BASE_IMAGE);
    }

    @AfterAll
    void stop() {
        direct.run("rm", "-f", writer, reader);
        direct.run("volume", "rm", "-f", volume);
        direct.removeImages(run + "-c:1", run + "-y:1", run + "-x:1");
        proxy.close();
    }

    private static Path context(String name, String dockerfile) throws IOException {
        Path dir = Paths.scratch("cq-" + name);
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return dir;
    }

    private String imageId(String reference) {
        return direct.run("image", "inspect", "-f", "{{.Id}}", reference).ok().out();
    }

    private List<String> select(String heading, Map<String, String> replacements, String column) {
        String query = DocumentedQueries.query(heading, replacements);
        return api.select(query, column);
    }

    @Test
    void whoBuiltX() {
        Map<String, String> forX = Map.of("\"sha256:X\"", "\"" + x + "\"");
        assertEquals(List.of(ORCID), select("Who built image X", forX, "person"));
        assertEquals(List.of("Josiah Carberry"), select("Who built image X", forX, "name"));
        assertEquals(1, select("Who built image X", forX, "recorderVersion").size());
        String engineVersion = direct.run("version", "-f", "{{.Server.Version}}").ok().out();
        assertEquals(List.of(engineVersion), select("Who built image X", forX, "engineVersion"));
        assertEquals(List.of(direct.run("info", "-f", "{{.Name}}").ok().out()), select("Who built image X", forX, "host"));
    }

    @Test
    void whetherTheLabelOfXAgreesWithTheStore() throws Exception {
        String label = direct.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", x).ok().out();
        String heading = "Whether the label of image X agrees with the store";
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(label.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> asOnX = Map.of("\"sha256:X\"", "\"" + x + "\"", "\"sha256:LABEL\"", "\"" + digest + "\"");
        assertEquals(List.of("true"), select(heading, asOnX, "agrees"), "the label X carries is the one set as it was built");
        assertEquals(List.of("observed: the label set as the image was made"), select(heading, asOnX, "kind"));
        Map<String, String> another = Map.of("\"sha256:X\"", "\"" + x + "\"", "\"sha256:LABEL\"", "\"sha256:"
                + "0".repeat(64) + "\"");
        assertEquals(List.of("false"), select(heading, another, "agrees"), "any other label is not");
    }

    @Test
    void theBasesOfYTransitively() {
        assertEquals(Set.of(x, b), Set.copyOf(select("The bases of image X, transitively",
                Map.of("\"sha256:X\"", "\"" + y + "\""), "baseId")));
    }

    @Test
    void theBuildArgumentNamesAndLabelsOfX() {
        Map<String, String> forX = Map.of("\"sha256:X\"", "\"" + x + "\"");
        String heading = "The build arguments (names) and labels of the builds of image X";
        assertEquals(List.of("TOKEN"), select(heading, forX, "buildArg"));
        assertEquals(List.of("team"), select(heading, forX, "labelKey"));
        assertEquals(List.of("physics"), select(heading, forX, "labelValue"));
        assertFalse(api.ask("ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), '" + SECRET + "')) }"), "no value of a build argument or ENV");
    }

    @Test
    void theContainersCreatedFromXAndByWhom() {
        Map<String, String> forX = Map.of("\"sha256:X\"", "\"" + x + "\"");
        assertEquals(List.of(writer, reader), select("The containers created from image X, and by whom", forX, "name"));
        assertEquals(List.of(ORCID, ORCID), select("The containers created from image X, and by whom", forX, "person"));
    }

    @Test
    void theImagesDerivedFromB() {
        assertTrue(Set.copyOf(select("The images derived from image B", Map.of("\"sha256:B\"", "\"" + b + "\""), "imageId"))
                .containsAll(Set.of(x, y, c)), "X, Y built from it and C committed from a container of X");
        assertEquals(Set.of(y, c), Set.copyOf(select("The images derived from image B",
                Map.of("\"sha256:B\"", "\"" + x + "\""), "imageId")), "from X: Y and C");
    }

    @Test
    void whatCommitCChanged() {
        Map<String, String> forC = Map.of("\"sha256:C\"", "\"" + c + "\"");
        assertEquals(List.of("ENV STAGE (values not recorded)"), select("What commit C changed", forC, "change"));
        assertEquals(List.of("1"), select("What commit C changed", forC, "deleted"));
        assertEquals(List.of("/built"), select("What commit C changed", forC, "deletedPath"));
        assertTrue(select("What commit C changed", forC, "container").get(0).endsWith(
                direct.run("inspect", "-f", "{{.Id}}", writer).ok().out()));
    }

    @Test
    void whichBuildsFailedAndWhy() {
        List<String> messages = select("Which builds failed, and why", Map.of(), "message");
        assertTrue(messages.stream().anyMatch(m -> m.contains("returned a non-zero code: 3")), messages.toString());
    }

    @Test
    void whatThePersonDidInATimeRange() {
        List<String> types = select("What person U did between two times", Map.of(), "type");
        assertTrue(types.containsAll(List.of("http://w3id.org/daspos/docker#ImageBuild",
                "http://w3id.org/daspos/docker#ContainerCreate", "http://w3id.org/daspos/docker#ContainerCommit")), types.toString());
        assertEquals(List.of(), select("What person U did between two times",
                Map.of("\"2100-01-01T00:00:00Z\"", "\"2001-01-01T00:00:00Z\""), "activity"), "nothing before 2001");
    }

    @Test
    void theMountsOfKAndWhoElseUsedThem() {
        String k = direct.run("inspect", "-f", "{{.Id}}", writer).ok().out();
        Map<String, String> forK = Map.of("\"K\"", "\"" + k + "\"");
        String heading = "The mounts of container K, and which other containers used them";
        assertEquals(List.of("/out"), select(heading, forK, "target"));
        assertEquals(List.of("false"), select(heading, forK, "readOnly"));
        assertEquals(List.of("http://w3id.org/daspos/docker#Volume"), select(heading, forK, "type"));
        assertTrue(select(heading, forK, "other").get(0).endsWith(direct.run("inspect", "-f", "{{.Id}}", reader).ok().out()));
        assertEquals(List.of("/in"), select(heading, forK, "otherTarget"));
        assertEquals(List.of("true"), select(heading, forK, "otherReadOnly"));
    }
}
