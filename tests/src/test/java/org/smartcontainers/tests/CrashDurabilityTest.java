package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;

/**
 * The daemon killed with SIGKILL while calls are going through: the TDB2 store opens intact
 * afterwards, and every call whose response had completed is in it.
 */
class CrashDurabilityTest {

    @Test
    void everyAnsweredBuildSurvivesSigkillInTheMiddleOfBuilds() throws Exception {
        Path directory = Paths.scratch("crashb").resolve("store");
        Path context = Paths.scratch("crashctx");
        java.nio.file.Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                + "\nARG N\nRUN echo $N > /n.txt && sleep 0.2\n");
        ProxyProcess proxy = ProxyProcess.start("--store", directory.toString());
        DockerCli cli = DockerCli.through(proxy).withBinary(DockerCli.CLI_28, java.util.Map.of("DOCKER_BUILDKIT", "0"));
        String prefix = cli.name("crashb");
        List<String> answered = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                String tag = prefix + "-" + i + ":t";
                if (cli.run("build", "-q", "--build-arg", "N=" + i, "-t", tag, context.toString()).exitCode() != 0) {
                    return; // the proxy is gone, in the middle of this build
                }
                answered.add(tag);
            }
        });
        load.start();
        while (answered.size() < 3 && load.isAlive()) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // into the next build
        proxy.kill();
        load.join();
        try {
            assertFalse(answered.isEmpty());
            try (LocalStore store = LocalStore.onDisk(directory)) {
                for (String tag : answered) {
                    String id = DockerCli.direct().run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
                    assertTrue(store.ask("ASK { <" + Vocab.imageIri(id) + "> <" + Vocab.PROV_NS + "wasGeneratedBy> ?a ."
                            + " ?a <" + Vocab.DOCKER_NS + "tag> '" + tag + "' }"), tag + " was answered, so it is recorded");
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
        List<String> answered = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                String name = prefix + "-" + i;
                if (cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").exitCode() != 0) {
                    return; // the proxy is gone
                }
                answered.add(name);
            }
        });
        load.start();
        while (answered.size() < 10 && load.isAlive()) {
            Thread.sleep(10);
        }
        proxy.kill();
        load.join();
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
}
