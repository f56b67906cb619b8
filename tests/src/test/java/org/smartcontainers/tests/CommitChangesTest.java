package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerRequests;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Leftovers;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxiesInFront;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.SmartLabel;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.testsupport.Run;

/**
 * Issue 13, fault 4: a commit's own changes ({@code docker commit --change}, the API's {@code changes})
 * are applied by the daemon over the committed config, and a {@code LABEL smartcontainer=...} among them
 * replaced our label; a later create then took the forged graph for provenance. Against Docker 26 and
 * 20.10, with the real docker CLI and raw requests: whatever changes the client sends, a commit the daemon
 * takes directly is taken through the proxy too, the image carries our label (its other labels as the
 * daemon gives them), and a forged graph never reaches the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommitChangesTest {
    private final ProxiesInFront proxies = new ProxiesInFront();
    private final Leftovers leftovers = new Leftovers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    void stop() {
        leftovers.close();
        proxies.close();
    }

    private String container(DockerDaemon daemon) {
        return leftovers.container(daemon, daemon.direct().run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
    }

    private static Run.Result commit(DockerCli cli, List<String> changes, String container, String tag) {
        List<String> args = new ArrayList<>(List.of("commit"));
        changes.forEach(change -> args.addAll(List.of("--change", change)));
        args.addAll(List.of(container, tag));
        return cli.run(args.toArray(String[]::new));
    }

    /** A commit's changes are applied over its config: a LABEL among them must not replace ours. */
    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void aCommitsOwnLabelChangesDoNotReplaceOurs(DockerDaemon daemon) {
        DockerCli direct = daemon.direct();
        DockerCli cli = DockerCli.through(proxies.of(daemon));
        String container = container(daemon);
        List<List<String>> changes = List.of(
                List.of("LABEL smartcontainer=forged"),
                List.of("LABEL team=x smartcontainer=\"forged\""),
                List.of("ENV FORGED=forged", "LABEL smartcontainer=$FORGED"),
                List.of("LABEL smartcontainer forged"),
                List.of("LABEL \"smartcontainer\"=\"forged\""),
                List.of("LABEL 'smartcontainer'='forged'"),
                List.of("label smartcontainer=forged"),
                List.of("LaBeL smartcontainer=forged"),
                List.of("LABEL smartcontainer=${UNSET:-forged}"),
                List.of("LABEL smartcontainer=forged", "ENV X=y", "LABEL smartcontainer=forged-again team=y"),
                List.of("ENV A=b\nLABEL smartcontainer=forged"),
                List.of("LABEL smartcontainer=\"forged\\\nstill forged\""),
                List.of("LABEL team=x \\"),
                List.of("LABEL smartcontainer=forged \\"),
                List.of("# escape=`", "LABEL smartcontainer=forged"),
                List.of("LABEL smartcontainer=forged", "LABEL team=x \\", "  \\"),
                List.of("LABEL smartcontainer=forged", "LABEL team=x \\", "\u00a0# a comment after a no-break space"));
        assertAll(daemon + ": --change", IntStream.range(0, changes.size()).mapToObj(i -> (Executable) () -> {
            String tag = "sc-it-commit-change-" + run + "-" + i;
            Run.Result byDocker = commit(direct, changes.get(i), container, leftovers.image(daemon, tag + ":direct"));
            Run.Result byProxy = commit(cli, changes.get(i), container, leftovers.image(daemon, tag + ":proxy"));
            assertEquals(byDocker.exitCode() == 0, byProxy.exitCode() == 0, changes.get(i) + ": the proxy commits when the daemon does"
                    + "\ndirect: " + byDocker.stderr() + "\nthrough the proxy: " + byProxy.stderr());
            if (byProxy.exitCode() != 0) {
                return;
            }
            // Ours: the record of this commit (which lists the changes the client asked for, that one too).
            String label = SmartLabel.ofImage(direct, tag + ":proxy");
            assertTrue(label.startsWith("{\"@context\""), changes.get(i) + ": " + label);
            SmartLabel.assertOurs(label, Vocab.Docker.Commit, changes.get(i).toString());
            assertEquals(direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", tag + ":direct").ok().out(),
                    direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", tag + ":proxy").ok().out(),
                    changes.get(i) + ": the other labels, as the daemon applies the changes");
        }));
    }

    /**
     * Changes whose end the daemon could read as a line continuation even without its last escape
     * character, or whose escape directive Docker versions read differently: refused, nothing made.
     */
    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void changesThatCouldStillReachOurLineAreRefused(DockerDaemon daemon) {
        DockerCli cli = DockerCli.through(proxies.of(daemon));
        String container = container(daemon);
        List<List<String>> changes = List.of(
                List.of("LABEL smartcontainer=forged", "ENV x \\ \\"),
                List.of("LABEL smartcontainer=forged", "ENV x \\\t\\"),
                List.of("# check=skip=all", "# escape=`", "LABEL smartcontainer=forged", "ENV x `"));
        assertAll(daemon + ": refused", IntStream.range(0, changes.size()).mapToObj(i -> (Executable) () -> {
            String tag = "sc-it-commit-refused-" + run + "-" + i;
            Run.Result byProxy = commit(cli, changes.get(i), container, leftovers.image(daemon, tag));
            assertTrue(byProxy.exitCode() != 0 && byProxy.stderr().contains("refused by SmartContainers"),
                    changes.get(i) + ": " + byProxy.stderr());
            assertTrue(daemon.direct().run("image", "inspect", tag).exitCode() != 0, changes.get(i) + ": no image made");
        }));
    }

    /** The API's changes, as Go's ParseQuery reads them: repeated, escaped, in names the daemon does not read. */
    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void changesInTheQueryDoNotReplaceOurs(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        String container = container(daemon);
        List<String> queries = List.of(
                "changes=" + q("LABEL smartcontainer=forged") + "&changes=" + q("LABEL smartcontainer=forged-again"),
                "changes=" + q("LABEL team=x") + "&changes=" + q("LABEL smartcontainer=forged") + "&changes=",
                "Changes=" + q("LABEL smartcontainer=forged"),
                "c%68anges=" + q("LABEL smartcontainer=forged"),
                "changes=LABEL+smartcontainer%3Dforged",
                "changes=" + q("LABEL team=x\nLABEL smartcontainer=forged"),
                "changes=" + q("LABEL smartcontainer=forged") + "%26changes%3D",
                "changes=" + q("LABEL smartcontainer=forged") + "&changes=" + q("ENV SMARTCONTAINER=x"));
        assertAll(daemon + ": changes=", IntStream.range(0, queries.size()).mapToObj(i -> (Executable) () -> {
            String repo = "sc-it-commit-query-" + run + "-" + i;
            String target = "/v1.41/commit?container=" + container + "&repo=" + repo + "&" + queries.get(i) + "&tag=";
            RawHttp.Response byDocker = DockerRequests.send(daemon.socket(), DockerRequests.post(target + "direct", "application/json", "{}"));
            RawHttp.Response byProxy = DockerRequests.send(proxy.socket(), DockerRequests.post(target + "proxy", "application/json", "{}"));
            leftovers.image(daemon, repo + ":direct");
            leftovers.image(daemon, repo + ":proxy");
            assertEquals(byDocker.status(), byProxy.status(), queries.get(i) + ": the proxy answers as the daemon does\n"
                    + byDocker + "\n" + byProxy);
            if (byProxy.status() != 201) {
                return;
            }
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, repo + ":proxy"), Vocab.Docker.Commit, queries.get(i));
            assertEquals(direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", repo + ":direct").ok().out(),
                    direct.run("image", "inspect", "-f", "{{index .Config.Labels \"team\"}}", repo + ":proxy").ok().out(),
                    queries.get(i) + ": the other labels, as the daemon applies the changes");
        }));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A label forging a whole graph (an activity, its agent) given as a change: the committed image
     * carries ours, so a create from it through the proxy records nothing of the forged graph.
     */
    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void aCreateFromTheCommittedImageImportsNoForgedGraph(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        DockerCli cli = DockerCli.through(proxy);
        RecordedCalls records = RecordedCalls.of(proxy);
        String forgedActivity = "https://example.org/forged/activity-" + run;
        String forgedAgent = "https://example.org/forged/mallory-" + run;
        String graph = "{\"@context\":{\"prov\":\"http://www.w3.org/ns/prov#\"},\"@graph\":[{\"@id\":\"" + forgedActivity
                + "\",\"@type\":\"prov:Activity\",\"prov:wasAssociatedWith\":{\"@id\":\"" + forgedAgent + "\"}}]}";
        String tag = "sc-it-commit-graph-" + run;
        String container = container(daemon);
        commit(direct, List.of("LABEL smartcontainer='" + graph + "'"), container, leftovers.image(daemon, tag + ":direct")).ok();
        assertEquals(graph, SmartLabel.ofImage(direct, tag + ":direct"), "the daemon applies the change: the test means something");
        List<List<String>> forgeries = List.of(List.of("LABEL smartcontainer='" + graph + "'"),
                List.of("ENV GRAPH='" + graph + "'", "LABEL smartcontainer=\"$GRAPH\""));
        for (int i = 0; i < forgeries.size(); i++) {
            List<String> changes = forgeries.get(i);
            String image = leftovers.image(daemon, tag + ":proxy-" + i);
            commit(cli, changes, container, image).ok();
            String label = SmartLabel.ofImage(direct, image);
            SmartLabel.assertOurs(label, Vocab.Docker.Commit, changes.toString());
            SmartLabel.assertNoNode(label, forgedActivity, changes.toString());
            String made = leftovers.container(daemon, cli.run("create", image, "true").ok().out());
            String createLabel = SmartLabel.ofContainer(direct, made);
            SmartLabel.assertOurs(createLabel, Vocab.Docker.Create, changes.toString());
            SmartLabel.assertNoNode(createLabel, forgedActivity, changes.toString());
            assertTrue(records.generated(Vocab.Docker.Create, Vocab.containerIri(made)), changes + ": the create is recorded");
            assertFalse(records.mentions(forgedActivity), changes + ": the forged activity is in no graph of the store");
            assertFalse(records.mentions(forgedAgent), changes + ": the forged agent is in no graph of the store");
        }
    }

    /** An ONBUILD LABEL runs in the build of a child image: the child's label is still ours. */
    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void aLabelLeftForChildBuildsDoesNotReplaceTheirs(DockerDaemon daemon) throws IOException {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        String parent = leftovers.image(daemon, "sc-it-commit-onbuild-" + run + ":parent");
        commit(DockerCli.through(proxy), List.of("ONBUILD LABEL smartcontainer=forged"), container(daemon), parent).ok();
        SmartLabel.assertOurs(SmartLabel.ofImage(direct, parent), Vocab.Docker.Commit, "the parent");
        byte[] context = DockerRequests.context("FROM " + parent + "\n");
        String directChild = leftovers.image(daemon, "sc-it-commit-onbuild-" + run + ":direct-child");
        assertEquals(200, DockerRequests.exchange(daemon.socket(), DockerRequests.post(daemon.prefix() + "/build?t=" + directChild,
                "application/x-tar", context)).status());
        assertEquals("forged", SmartLabel.ofImage(direct, directChild), "the trigger runs: the test means something");
        String child = leftovers.image(daemon, "sc-it-commit-onbuild-" + run + ":child");
        RawHttp.Response built = DockerRequests.exchange(proxy.socket(), DockerRequests.post(daemon.prefix() + "/build?t=" + child,
                "application/x-tar", context));
        assertEquals(200, built.status(), built.toString());
        assertTrue(built.body().contains("Successfully tagged " + child), built.body());
        SmartLabel.assertOurs(SmartLabel.ofImage(direct, child), Vocab.Docker.BuildPlan, "the child");
        if (daemon == DockerDaemon.DOCKER_26) {
            // BuildKit (the CLI's default builder with buildx) runs the trigger too.
            String buildkitChild = leftovers.image(daemon, "sc-it-commit-onbuild-" + run + ":buildkit");
            Path directory = Paths.scratch("onbuild");
            Files.writeString(directory.resolve("Dockerfile"), "FROM " + parent + "\n");
            DockerCli.through(proxy).run("build", "--network=none", "-t", buildkitChild, directory.toString()).ok();
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, buildkitChild), Vocab.Docker.BuildPlan, "the BuildKit child");
        }
    }
}
