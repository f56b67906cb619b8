package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.smartcontainers.tests.support.ProxiesInFront;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.tests.support.SmartLabel;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Issue 13, fault 1: requests classified by another reading of the request target than the Docker
 * daemon's router. Each spelling of a create, commit and build target (escapes, version prefixes,
 * absolute forms, dot segments, doubled and trailing slashes, case) is sent to the daemon directly and
 * through the proxy, against Docker 26 and 20.10. The daemon's answer is the reference: the proxy
 * answers with its status, and whatever the daemon takes as a create, commit or build is recorded and
 * carries our label, not the one the client sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestTargetSpellingsTest {
    private static final String FORGED = "forged";
    private static final List<String> CREATE_TARGETS = List.of(
            "/v1.41/containers/create", "/containers/create", "/v1.41/containers/%63reate", "/v1.41/%63ontainers/create",
            "/v1.41/containers%2Fcreate", "/v1.41/containers%2fcreate", "/v1.41/containers/%63%72%65%61%74%65",
            "/%76%31.41/containers/create", "/v1.41.0/containers/create", "/v1/containers/create",
            "http://docker/v1.41/containers/create", "http://docker/containers/%63reate",
            "/v1.41//containers/create", "/v1.41/./containers/create", "/v1.41/x/../containers/create",
            "/v1.41/containers/%2E/create", "/v1.41/containers/create/", "/v1.41/Containers/create",
            "/v1.41/containers/cre%ate",
            // Absolute forms Go's ParseRequestURI reads: any scheme, with or without an authority.
            "http:/v1.41/containers/create", "docker:/v1.41/containers/%63reate", "a+b.c-d:/containers/create",
            "unix:///v1.41/containers/create", "HTTP://docker/v1.41/containers/create", "http:///v1.41/containers/create",
            "http://user@docker:2375/v1.41/containers/create",
            // Version prefixes: the router's [0-9.]+, the daemon's own reading of the number.
            "/v1.041/containers/create", "/V1.41/containers/create", "/v./containers/create", "/v1.41/v1.41/containers/create",
            // What the path ends with, and dot segments only an unescaping reveals.
            "/v1.41/containers/create#x", "/v1.41/containers/create;x", "/v1.41/containers/create%3Fx=y",
            "/v1.41/containers/%2e%2e/containers/create", "//v1.41/containers/create", "/v1.41/containers/%63reate%2F");
    /** {v} is the daemon's version prefix ({@code /v1.45}), {n} its number, {z} the number with its minor zero-padded. */
    private static final List<String> COMMIT_AND_BUILD_TARGETS = List.of(
            "{v}/ROUTE", "/ROUTE", "{v}/ESCAPED", "/%76{n}/ROUTE", "{z}/ROUTE", "{v}/ROUTE%2F", "{v}/%2FROUTE",
            "{v}//ROUTE", "//ROUTE", "{v}/./ROUTE", "{v}/x/../ROUTE", "{v}/x/%2e%2e/ROUTE", "{v}/ROUTE/", "/V{n}/ROUTE",
            "{v}/CAPITAL", "{v}/ROUTE#x", "{v}/ROUTE;x", "http://docker{v}/ROUTE", "HTTP://docker{v}/ESCAPED",
            "unix://{v}/ROUTE", "http:{v}/ROUTE", "docker:{v}/ESCAPED", "x-y.z+1:/ROUTE",
            // "://" in the query of a target not starting with '/': Netty's client encoder added a '/' to such targets.
            "http:{v}/ROUTE?from=a://b", "x:/ESCAPED?from=a://b");

    private final ProxiesInFront proxies = new ProxiesInFront();
    private final Leftovers leftovers = new Leftovers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    void stop() {
        leftovers.close();
        proxies.close();
    }

    private static String spelled(String target, DockerDaemon daemon, String route, String escaped) {
        String number = daemon.prefix().substring(2);
        String[] parts = number.split("\\.");
        return target.replace("{v}", daemon.prefix()).replace("{n}", number).replace("{z}", "/v" + parts[0] + ".0" + parts[1])
                .replace("ROUTE", route).replace("ESCAPED", escaped)
                .replace("CAPITAL", Character.toUpperCase(route.charAt(0)) + route.substring(1));
    }

    private static String query(String target, String pairs) {
        return target + (target.contains("?") ? "&" : "?") + pairs;
    }

    private RawHttp.Response create(Path socket, String target, String name) {
        return DockerRequests.create(socket, query(target, "name=" + name), "{" + DockerRequests.IMAGE_AND_COMMAND
                + ",\"Labels\":{\"smartcontainer\":\"" + FORGED + "\",\"team\":\"physics\"}}");
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void everySpellingTheDaemonTakesAsACreateIsRecordedAndLabelled(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        RecordedCalls records = RecordedCalls.of(proxy);
        AtomicInteger created = new AtomicInteger();
        assertAll(daemon + ": create spellings", IntStream.range(0, CREATE_TARGETS.size()).mapToObj(i -> (Executable) () -> {
            String target = CREATE_TARGETS.get(i);
            RawHttp.Response byDocker = create(daemon.socket(), target, "sc-it-spell-direct-" + run + "-" + i);
            RawHttp.Response byProxy = create(proxy.socket(), target, "sc-it-spell-proxy-" + run + "-" + i);
            if (byDocker.status() == 201) {
                leftovers.container(daemon, ScApi.parse(byDocker).path("Id").asText());
            }
            if (byProxy.status() == 201) {
                leftovers.container(daemon, ScApi.parse(byProxy).path("Id").asText());
            }
            assertEquals(byDocker.status(), byProxy.status(), target + ": the proxy answers as the daemon does\n"
                    + byDocker + "\n" + byProxy);
            if (byProxy.status() != 201) {
                return;
            }
            created.incrementAndGet();
            String container = ScApi.parse(byProxy).path("Id").asText();
            SmartLabel.assertOurs(SmartLabel.ofContainer(direct, container), Vocab.Docker.Create, FORGED, target);
            assertTrue(records.generated(Vocab.Docker.Create, Vocab.containerIri(container)), target + ": recorded");
        }));
        assertTrue(created.get() >= 10, "most spellings create: " + created);
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void everySpellingTheDaemonTakesAsACommitIsRecordedAndLabelled(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        RecordedCalls records = RecordedCalls.of(proxy);
        String container = leftovers.container(daemon, direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
        String body = "{\"Labels\":{\"smartcontainer\":\"" + FORGED + "\"}}";
        AtomicInteger committed = new AtomicInteger();
        assertAll(daemon + ": commit spellings", IntStream.range(0, COMMIT_AND_BUILD_TARGETS.size()).mapToObj(i -> (Executable) () -> {
            String target = spelled(COMMIT_AND_BUILD_TARGETS.get(i), daemon, "commit", "%63ommit");
            String repo = "sc-it-spell-commit-" + run + "-" + i;
            RawHttp.Response byDocker = DockerRequests.send(daemon.socket(), DockerRequests.post(
                    query(target, "container=" + container + "&repo=" + repo + "&tag=direct"), "application/json", body));
            RawHttp.Response byProxy = DockerRequests.send(proxy.socket(), DockerRequests.post(
                    query(target, "container=" + container + "&repo=" + repo + "&tag=proxy"), "application/json", body));
            leftovers.image(daemon, repo + ":direct");
            leftovers.image(daemon, repo + ":proxy");
            assertEquals(byDocker.status(), byProxy.status(), target + ": the proxy answers as the daemon does\n"
                    + byDocker + "\n" + byProxy);
            if (byProxy.status() != 201) {
                return;
            }
            committed.incrementAndGet();
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, repo + ":proxy"), Vocab.Docker.Commit, FORGED, target);
            assertTrue(records.generated(Vocab.Docker.Commit, Vocab.imageIri(ScApi.parse(byProxy).path("Id").asText())),
                    target + ": recorded");
        }));
        assertTrue(committed.get() >= 8, "most spellings commit: " + committed);
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void everySpellingTheDaemonTakesAsABuildIsRecordedAndLabelled(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        RecordedCalls records = RecordedCalls.of(proxy);
        String labels = URLEncoder.encode("{\"smartcontainer\":\"" + FORGED + "\"}", StandardCharsets.UTF_8);
        AtomicInteger built = new AtomicInteger();
        assertAll(daemon + ": build spellings", IntStream.range(0, COMMIT_AND_BUILD_TARGETS.size()).mapToObj(i -> (Executable) () -> {
            String target = spelled(COMMIT_AND_BUILD_TARGETS.get(i), daemon, "build", "%62uild");
            // An image of its own for each spelling: its record says generated, not reused.
            byte[] context = DockerRequests.context("FROM " + DockerSocket.BASE_IMAGE + "\nLABEL spelling=" + run + "-" + i + "\n");
            String tag = "sc-it-spell-build-" + run + "-" + i;
            // Kept alive: a daemon that answers before reading the body (a redirect) then discards it, not resets.
            RawHttp.Response byDocker = DockerRequests.exchange(daemon.socket(), DockerRequests.post(
                    query(target, "t=" + tag + ":direct&labels=" + labels), "application/x-tar", context));
            RawHttp.Response byProxy = DockerRequests.exchange(proxy.socket(), DockerRequests.post(
                    query(target, "t=" + tag + ":proxy&labels=" + labels), "application/x-tar", context));
            leftovers.image(daemon, tag + ":direct");
            leftovers.image(daemon, tag + ":proxy");
            assertEquals(byDocker.status(), byProxy.status(), target + ": the proxy answers as the daemon does\n"
                    + byDocker + "\n" + byProxy);
            if (byProxy.status() != 200) {
                return;
            }
            assertTrue(byProxy.body().contains("Successfully tagged " + tag + ":proxy"), target + ": " + byProxy.body());
            built.incrementAndGet();
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, tag + ":proxy"), Vocab.Docker.BuildPlan, FORGED, target);
            String image = direct.run("image", "inspect", "-f", "{{.Id}}", tag + ":proxy").ok().out();
            assertTrue(records.generated(Vocab.Docker.Build, Vocab.imageIri(image)), target + ": recorded");
        }));
        assertTrue(built.get() >= 8, "most spellings build: " + built);
    }
}
