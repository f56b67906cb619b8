package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * A recorded call whose answer never ends is still recorded, as failed, saying why. The daemon's
 * death is played by cutting the one thing between the proxy and the real daemon: a socat relay,
 * killed in the middle of a build, which is what the proxy sees when dockerd dies.
 */
class CutOffCallsTest {

    /** socat between {@code socket} and the real daemon; each connection is a child process. */
    private static Process relayToDocker(Path socket) throws IOException {
        Process socat = new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork",
                "UNIX-CONNECT:" + DockerSocket.path()).redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            sleep(50);
        }
        assertTrue(Files.exists(socket), "socat listens");
        return socat;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClassicBuildCutOffByTheDaemonIsRecordedAsFailedSayingWhy() throws Exception {
        Path dir = Paths.scratch("cutoff");
        Process socat = relayToDocker(dir.resolve("docker.sock"));
        String token = UUID.randomUUID().toString();
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN sleep 60 # " + token + "\n");
        String tag = "sc-it-cutoff-" + token.substring(0, 8) + ":t";
        try (ProxyProcess proxy = ProxyProcess.start(dir.resolve("docker.sock"), "")) {
            DockerCli classic = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
            CompletableFuture<Run.Result> build = CompletableFuture.supplyAsync(
                    () -> classic.run("build", "-t", tag, context.toString()));
            awaitStepRunning(token);

            socat.descendants().forEach(ProcessHandle::destroyForcibly);
            socat.destroyForcibly().waitFor();

            assertNotEquals(0, build.get().exitCode(), "the client sees the build fail");
            ScApi api = ScApi.of(proxy);
            String failedBuild = "ASK { ?build a <" + Vocab.DOCKER_NS + "ImageBuild>; <" + Vocab.SC_NS + "outcome> 'failure';"
                    + " <" + Vocab.SC_NS + "errorMessage> ?why; <" + Vocab.PROV_NS + "qualifiedAssociation>/<" + Vocab.PROV_NS
                    + "hadPlan>/<" + Vocab.DOCKER_NS + "tag> '" + tag + "'"
                    + " FILTER(CONTAINS(?why, 'the Docker daemon closed the connection in the middle of its answer')) }";
            boolean recorded = false;
            for (int i = 0; i < 100 && !(recorded = api.ask(failedBuild)); i++) {
                sleep(100); // the record is written off the event loop once the connection has gone
            }
            assertTrue(recorded, "the cut-off build is recorded as failed, saying why");
            assertTrue(proxy.isAlive());
        } finally { // the build's step container, if the daemon left it running
            for (String id : DockerCli.direct().run("ps", "-aq", "--no-trunc", "--filter", "status=running").out().split("\\s+")) {
                if (!id.isBlank() && DockerCli.direct().run("inspect", "-f", "{{.Path}} {{join .Args \" \"}}", id).out().contains(token)) {
                    DockerCli.direct().run("rm", "-f", id);
                }
            }
        }
    }

    /** Until the daemon runs the build's RUN step (its command carries the token). */
    private static void awaitStepRunning(String token) {
        for (int i = 0; i < 600; i++) {
            List<String> commands = List.of(DockerCli.direct().run("ps", "--no-trunc", "--format", "{{.Command}}").out().split("\n"));
            if (commands.stream().anyMatch(command -> command.contains(token))) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the build's RUN step never started");
    }
}
