package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.DocumentedQueries;
import org.smartcontainers.tests.support.EventAgents;
import org.smartcontainers.tests.support.Leftovers;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.ProvValidator;

/**
 * Containers run with the real docker CLI, through the proxy and straight to the daemon, on Docker 26 and
 * 20.10: each run is recorded from Docker's event stream, from its start to its death, with its exit code,
 * the signal that killed it, an out-of-memory kill, who started it, and the events of its life (pause,
 * unpause, rename, exec, removal); events that came while our daemon was down are recorded once it is back,
 * none twice. Each fact is checked by SPARQL, every graph by the PROV validator. Records are written as
 * Docker's events arrive, after the client returned: polled, with a bound against a hang only.
 */
class ContainerRunsTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <" + Vocab.SC_NS
            + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";
    private static final String BASE = DockerSocket.BASE_IMAGE;
    private static final String SECRET = "run-secret-" + Long.toHexString(System.nanoTime());

    private static boolean ask(ScApi api, String where) {
        return api.ask(PREFIXES + "ASK { " + where + " }");
    }

    /** {@link #ask}, polled: the record follows Docker's event, which follows the call. */
    private static boolean askEventually(ScApi api, String where) throws InterruptedException {
        return api.askEventually(PREFIXES + "ASK { " + where + " }");
    }


    private static String container(DockerCli cli, String name) {
        return "<" + Vocab.containerIri(cli.run("inspect", "-f", "{{.Id}}", name).ok().out()) + ">";
    }



    /** A container started through the proxy that says when it is ready (its trap set), detached. */
    private static void runReady(DockerCli cli, String name, String script) throws InterruptedException {
        cli.run("run", "-d", "--name", name, "--network", "none", BASE, "sh", "-c", script + " & echo ready; wait").ok();
        for (int i = 0; i < 600 && !cli.run("logs", name).stdout().contains("ready"); i++) {
            Thread.sleep(100);
        }
    }

    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void eachRunIsRecordedFromStartToDeathWithItsExitCodeSignalAndWhoStartedIt(DockerDaemon daemon) throws Exception {
        try (ProxyProcess proxy = daemon.startProxy(); Leftovers made = new Leftovers()) {
            DockerCli cli = DockerCli.through(proxy);
            DockerCli direct = daemon.direct();
            ScApi api = ScApi.of(proxy);

            // Exit code 3; started a second time: two runs, each with its own times.
            String exits = made.container(daemon, cli.name("exits"));
            assertEquals(3, cli.run("run", "--name", exits, "--network", "none", BASE, "sh", "-c", "exit 3").exitCode());
            assertEquals(3, cli.run("start", "-a", exits).exitCode());
            String k = container(cli, exits);
            assertTrue(askEventually(api, "{ SELECT (COUNT(DISTINCT ?run) AS ?runs) WHERE { ?run a docker:ContainerRun;"
                    + " prov:used " + k + "; docker:exitCode 3 } HAVING (COUNT(DISTINCT ?run) = 2) }"),
                    "two runs, each exited 3\n" + proxy.log());
            assertTrue(ask(api, "?run a docker:ContainerRun, prov:Activity; prov:used " + k + "; prov:startedAtTime ?s;"
                    + " prov:endedAtTime ?e; docker:exitCode 3; sc:outcome 'failure';"
                    + " docker:name '" + exits + "' . " + EventAgents.byAPerson("?run") + " FILTER(?s < ?e)"));
            assertFalse(ask(api, "?run a docker:ContainerRun; prov:used " + k + "; docker:signal ?signal"), "never killed");
            assertFalse(ask(api, "?run a docker:ContainerRun; prov:used " + k + "; docker:oomKilled ?oom"), "nor out of memory");
            assertEquals(List.of("3", "3"), documentedRunsOf(api, exits, "exitCode"), "the documented query answers it");
            String idPrefix = k.substring(k.lastIndexOf('/') + 1, k.lastIndexOf('/') + 13);
            assertEquals(List.of("3", "3"), documentedRunsOf(api, idPrefix, "exitCode"), "by an ID prefix too");

            // run --rm: it ran, exited, and was removed.
            Path cidFile = Paths.scratch("runs").resolve("rm.cid");
            cli.run("run", "--rm", "--cidfile", cidFile.toString(), "--network", "none", BASE, "true").ok();
            String removed = "<" + Vocab.containerIri(Files.readString(cidFile).trim()) + ">";
            assertTrue(askEventually(api, removed + " prov:wasInvalidatedBy ?removal . ?removal a docker:ContainerRemoval;"
                    + " prov:startedAtTime ?at . ?run a docker:ContainerRun; prov:used " + removed + "; docker:exitCode 0;"
                    + " sc:outcome 'success'; prov:endedAtTime ?died FILTER(?died <= ?at)"), "run --rm: the run, then its removal");

            // Killed with SIGKILL, and with SIGTERM that its trap turns into exit 7: the signal of each.
            String killed = made.container(daemon, cli.name("sigkill"));
            runReady(cli, killed, "sleep 1000");
            cli.run("kill", "-s", "SIGKILL", killed).ok();
            String termed = made.container(daemon, cli.name("sigterm"));
            runReady(cli, termed, "trap 'exit 7' TERM; sleep 1000");
            cli.run("kill", "-s", "SIGTERM", termed).ok();
            assertTrue(askEventually(api, "?run a docker:ContainerRun; prov:used " + container(cli, killed) + ";"
                    + " docker:exitCode 137; docker:signal 9 . ?kill a docker:ContainerKill; prov:used " + container(cli, killed)
                    + "; docker:signal 9 . " + EventAgents.byAPerson("?kill")), "SIGKILL: exit 137, signal 9\n" + proxy.log());
            assertTrue(askEventually(api, "?run a docker:ContainerRun; prov:used " + container(cli, termed) + ";"
                    + " docker:exitCode 7; docker:signal 15"), "SIGTERM: the trap's exit 7, signal 15");

            // Paused, unpaused, renamed, an exec (its environment never recorded), removed: events of its life.
            String lives = made.container(daemon, cli.name("lives"));
            runReady(cli, lives, "sleep 1000");
            String l = container(cli, lives);
            cli.run("pause", lives).ok();
            cli.run("unpause", lives).ok();
            String renamed = made.container(daemon, cli.name("renamed"));
            cli.run("rename", lives, renamed).ok();
            assertEquals(5, cli.run("exec", "-e", "RUN_SECRET=" + SECRET, renamed, "sh", "-c", "exit 5").exitCode());
            cli.run("rm", "-f", renamed).ok();
            assertTrue(askEventually(api, l + " prov:wasInvalidatedBy ?removal . " + EventAgents.byAPerson("?removal")), "removed");
            for (String kind : List.of("ContainerPause", "ContainerUnpause", "ContainerRename", "ContainerRemoval")) {
                assertTrue(ask(api, "?event a docker:" + kind + ", prov:Activity; prov:used " + l + "; prov:startedAtTime ?t;"
                        + " prov:endedAtTime ?t . " + EventAgents.byAPerson("?event")), kind);
            }
            assertTrue(ask(api, "?rename a docker:ContainerRename; docker:oldName '" + lives + "'; docker:name '" + renamed + "'"));
            assertTrue(askEventually(api, "?exec a docker:ExecRun; prov:used " + l + "; docker:command '[\"sh\",\"-c\",\"exit 5\"]';"
                    + " docker:commandLine 'sh -c exit 5'; prov:startedAtTime ?s; prov:endedAtTime ?e; docker:exitCode 5 . "
                    + EventAgents.byAPerson("?exec") + " FILTER(?s <= ?e)"), "the exec, its command, who, times, exit code");
            assertTrue(ask(api, "?run a docker:ContainerRun; prov:used " + l + "; docker:exitCode 137; docker:signal 9"),
                    "rm -f killed it");

            // Restarted by its policy: a second run, which the engine alone started.
            String restarts = made.container(daemon, cli.name("restarts"));
            cli.run("run", "-d", "--name", restarts, "--network", "none", "--restart", "on-failure:1", BASE, "sh", "-c", "exit 1").ok();
            String r = container(cli, restarts);
            assertTrue(askEventually(api, "?first a docker:ContainerRun; prov:used " + r + "; prov:startedAtTime ?s1; docker:exitCode 1 ."
                    + " ?second a docker:ContainerRun; prov:used " + r + "; prov:startedAtTime ?s2; docker:exitCode 1 . "
                    + EventAgents.byAPerson("?first") + EventAgents.byTheEngineAlone("?second") + " FILTER(?s1 < ?s2)"), "the policy's restart, by the engine");

            // Started straight against the daemon, not through the proxy: recorded, with the engine as its only agent.
            String outside = made.container(daemon, direct.name("outside"));
            assertEquals(4, direct.run("run", "--name", outside, "--network", "none", BASE, "sh", "-c", "exit 4").exitCode());
            assertTrue(askEventually(api, "?run a docker:ContainerRun; prov:used " + container(direct, outside) + ";"
                    + " docker:exitCode 4; prov:startedAtTime ?s; prov:endedAtTime ?e . " + EventAgents.byTheEngineAlone("?run")),
                    "a start the proxy never saw");

            if (daemon == DockerDaemon.DOCKER_26) { // Docker 20.10 reports no oom under cgroup v2 (its State.OOMKilled is false too)
                String oom = made.container(daemon, cli.name("oom"));
                cli.run("run", "--name", oom, "--network", "none", "-m", "8m", "--memory-swap", "8m", BASE, "sh", "-c",
                        "x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done");
                String o = container(cli, oom);
                assertTrue(askEventually(api, "?run a docker:ContainerRun; prov:used " + o + ";"
                        + " docker:oomKilled true; docker:exitCode 137 . ?o a docker:ContainerOutOfMemory; prov:used " + o),
                        () -> "the out-of-memory kill; Docker says " + cli.run("inspect", "-f", "{{json .State}}", oom).stdout()
                                + "; recorded: " + api.select(PREFIXES + "SELECT ?fact WHERE { ?event prov:used " + o
                                        + "; ?p ?v . BIND(CONCAT(STR(?event), ' ', STR(?p), ' ', STR(?v)) AS ?fact) }", "fact"));
            }

            String export = RecordedCalls.of(proxy).export();
            assertFalse(export.contains(SECRET), "an exec's environment values are never recorded");
            ProvValidator.assertEachGraphValid(export);
            assertFalse(proxy.log().contains(SECRET), "nor logged");
        }
    }

    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void whatHappenedWhileTheDaemonWasDownIsRecordedWhenItIsBackAndNothingTwice(DockerDaemon daemon) throws Exception {
        Path store = Paths.scratch("runs-store").resolve("tdb2");
        try (Leftovers made = new Leftovers()) {
            DockerCli direct = daemon.direct();
            String ran = made.container(daemon, direct.name("across"));
            String k;
            try (ProxyProcess first = daemon.startProxy("--store", store.toString())) {
                DockerCli cli = DockerCli.through(first);
                runReady(cli, ran, "sleep 1000");
                k = container(cli, ran);
                assertTrue(askEventually(ScApi.of(first), "?run a docker:ContainerRun; prov:used " + k + " . " + EventAgents.byAPerson("?run")));
                first.kill(); // a crash: nothing flushed on the way out
            }
            // While no daemon of ours runs: it is killed, started again and exits 6, and another container runs.
            direct.run("kill", "-s", "SIGKILL", ran).ok();
            String unseen = made.container(daemon, direct.name("unseen"));
            assertEquals(6, direct.run("run", "--name", unseen, "--network", "none", BASE, "sh", "-c", "exit 6").exitCode());

            try (ProxyProcess next = daemon.startProxy("--store", store.toString())) {
                ScApi api = ScApi.of(next);
                assertTrue(askEventually(api, "?run a docker:ContainerRun; prov:used " + container(direct, unseen)
                        + "; docker:exitCode 6 . " + EventAgents.byTheEngineAlone("?run")), "a run while we were down\n" + next.log());
                assertTrue(ask(api, "?run a docker:ContainerRun; prov:used " + k + "; prov:startedAtTime ?s;"
                        + " prov:endedAtTime ?e; docker:exitCode 137; docker:signal 9 . " + EventAgents.byAPerson("?run")),
                        "the run that began before the crash ends with the kill that came while we were down");
                assertEquals(List.of("1"), api.select(PREFIXES + "SELECT (COUNT(DISTINCT ?run) AS ?n) WHERE { ?run a"
                        + " docker:ContainerRun; prov:used " + k + " }", "n"), "the start, read again, is one run");
                assertEquals(List.of("1"), api.select(PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?run a"
                        + " docker:ContainerRun; prov:used " + k + "; prov:endedAtTime ?e }", "n"), "one end");
                assertTrue(ask(api, "?kill a docker:ContainerKill; prov:used " + k + "; docker:signal 9 . " + EventAgents.byTheEngineAlone("?kill")));
                next.terminate();
            }
            // And once more, with nothing new: nothing is added.
            try (ProxyProcess again = daemon.startProxy("--store", store.toString())) {
                ScApi api = ScApi.of(again);
                Thread.sleep(2000); // no event to wait for: a moment for a replay that should add nothing
                assertEquals(List.of("1"), api.select(PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?run a"
                        + " docker:ContainerRun; prov:used " + k + "; prov:endedAtTime ?e }", "n"));
                ProvValidator.assertEachGraphValid(RecordedCalls.of(again).export());
            }
        }
    }


    /**
     * The competency question "when did container K start and stop, and its exit code", as
     * {@code docs/queries.md} gives it (its example name replaced by K's): one value of {@code column} per run.
     */
    private static List<String> documentedRunsOf(ScApi api, String name, String column) {
        return api.select(DocumentedQueries.query("When did container K start and stop, and its exit code",
                Map.of("\"my-container\"", "\"" + name + "\"")), column);
    }

}
