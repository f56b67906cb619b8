package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;

/**
 * The daemon killed with SIGKILL while calls are going through: the TDB2 store opens intact
 * afterwards, and every call whose response had completed is in it.
 */
class CrashDurabilityTest {

    @Test
    void everyAnsweredBuildSurvivesSigkillInTheMiddleOfBuilds() throws Exception {
        everyAnsweredBuildSurvivesSigkill("crashb", proxy -> DockerCli.through(proxy)
                .withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0")), List.of());
    }

    /** The CLI 28 with buildx: the build's end (its solve's trailers) reaches the client once its record is committed. */
    @Test
    void everyAnsweredBuildKitBuildSurvivesSigkillInTheMiddleOfBuilds() throws Exception {
        everyAnsweredBuildSurvivesSigkill("crashbk", DockerCli::through, List.of("--network=none"));
    }

    /** Builds through {@code client} until the proxy is killed; each build the client saw succeed is in the store. */
    private static void everyAnsweredBuildSurvivesSigkill(String name, Function<ProxyProcess, DockerCli> client,
            List<String> buildFlags) throws Exception {
        Path directory = Paths.scratch(name).resolve("store");
        Path context = Paths.scratch(name + "ctx");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                + "\nARG N\nRUN echo $N > /n.txt && sleep 0.2\n");
        ProxyProcess proxy = ProxyProcess.start("--store", directory.toString());
        DockerCli cli = client.apply(proxy);
        String prefix = cli.name(name);
        List<String> answered = answeredUntilSigkill(proxy, 50, 3, 100, i -> {
            String tag = prefix + "-" + i + ":t";
            List<String> args = new ArrayList<>(List.of("build", "-q"));
            args.addAll(buildFlags);
            args.addAll(List.of("--build-arg", "N=" + i, "-t", tag, context.toString()));
            return cli.run(args.toArray(String[]::new)).exitCode() == 0 ? tag : null;
        });
        try {
            assertFalse(answered.isEmpty());
            try (LocalStore store = LocalStore.onDisk(directory)) {
                for (String tag : answered) {
                    String id = DockerCli.direct().run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
                    assertTrue(store.ask("ASK { ?a <" + Vocab.PROV_NS + "generated>|<" + Vocab.DOCKER_NS + "reusedImage> <" + Vocab.imageIri(id) + "> ."
                            + " ?a <" + Vocab.PROV_NS + "qualifiedAssociation>/<" + Vocab.PROV_NS + "hadPlan>/<" + Vocab.DOCKER_NS + "tag> '" + tag + "' }"),
                            tag + " was answered, so it is recorded");
                }
            }
        } finally {
            for (int i = 0; i < 50; i++) {
                DockerCli.direct().run("rmi", "-f", prefix + "-" + i + ":t");
            }
        }
    }

    @Test
    void everyAnsweredCallSurvivesSigkill() throws Exception {
        Path directory = Paths.scratch("crash").resolve("store");
        ProxyProcess proxy = ProxyProcess.start("--store", directory.toString());
        DockerCli cli = DockerCli.through(proxy);
        String prefix = cli.name("crash");
        List<String> answered = answeredUntilSigkill(proxy, 200, 10, 0, i -> {
            String name = prefix + "-" + i;
            return cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").exitCode() == 0 ? name : null;
        });
        try {
            assertFalse(answered.isEmpty());
            try (LocalStore store = LocalStore.onDisk(directory)) {
                for (String name : answered) {
                    String id = DockerCli.direct().run("inspect", "-f", "{{.Id}}", name).ok().out();
                    assertTrue(store.ask("ASK { <" + Vocab.containerIri(id) + "> <" + Vocab.PROV_NS + "wasGeneratedBy> ?a ."
                            + " ?a <" + Vocab.DOCKER_NS + "name> '" + name + "' }"), name + " was answered, so it is recorded");
                }
            }
        } finally {
            for (int i = 0; i < 200; i++) {
                DockerCli.direct().run("rm", "-f", prefix + "-" + i);
            }
        }
    }

    /**
     * Makes calls one after another ({@code call} returns what it made, or null once the proxy is
     * gone), SIGKILLs the proxy after {@code before} were answered and {@code intoNextMillis} more,
     * and returns what was answered.
     */
    private static List<String> answeredUntilSigkill(ProxyProcess proxy, int limit, int before, long intoNextMillis,
                                                     IntFunction<String> call) throws InterruptedException {
        List<String> answered = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            for (int i = 0; i < limit; i++) {
                String made = call.apply(i);
                if (made == null) {
                    return; // the proxy is gone, in the middle of this call
                }
                answered.add(made);
            }
        });
        load.start();
        while (answered.size() < before && load.isAlive()) {
            Thread.sleep(10);
        }
        Thread.sleep(intoNextMillis);
        proxy.kill();
        load.join();
        return answered;
    }
}
