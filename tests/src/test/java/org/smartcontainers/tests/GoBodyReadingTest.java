package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.tests.support.SmartLabel;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Issue 13, fault 3, and the half of fault 2 about limits: create and commit bodies read as Docker's Go
 * code reads them. Go matches field names case-insensitively with Unicode folding ({@code LABELS},
 * {@code Label\u017f}, escaped names), decodes a name seen again into what is there (a map merged, a
 * slice or a null replacing), and has no limits on names, numbers or nesting a stricter reader would
 * refuse at. Against Docker 26 and 20.10: every container or image made through the proxy carries our
 * label and, apart from it, the labels the daemon gives the same body directly; what the proxy records
 * of a create's host config is what the daemon applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoBodyReadingTest {
    private static final String IMAGE = DockerRequests.IMAGE_AND_COMMAND;
    /** Labels bodies: each forges ours in a way Go reads as the Labels field (or not at all). */
    private static final List<String> LABEL_FIELDS = List.of(
            "\"Labels\":{\"a\":\"b\"},\"labels\":{\"smartcontainer\":\"FORGED\"}",
            "\"LABELS\":{\"smartcontainer\":\"FORGED\"}",
            "\"lAbElS\":{\"smartcontainer\":\"FORGED\",\"team\":\"x\"}",
            "\"Label\u017f\":{\"smartcontainer\":\"FORGED\"}",
            "\"label\u017f\":{\"team\":\"x\"},\"Labels\":{\"smartcontainer\":\"FORGED\"}",
            "\"\\u004cabels\":{\"smartcontainer\":\"FORGED\"}",
            "\"\\u004C\\u0061bel\\u017f\":{\"smartcontainer\":\"FORGED\"}",
            "\"Labels\":{\"team\":\"x\"},\"Labels\":{\"smartcontainer\":\"FORGED\"}",
            "\"Labels\":{\"smartcontainer\":\"FORGED\"},\"Labels\":{\"team\":\"x\"}",
            "\"Labels\":{\"smartcontainer\":\"FORGED\"},\"Labels\":null",
            "\"Labels\":null,\"labels\":{\"smartcontainer\":\"FORGED\"}",
            "\"Labels\":{\"a\":\"b\"},\"Labels\":null,\"LABELS\":{\"smartcontainer\":\"FORGED\",\"c\":\"d\"}",
            "\"Labels\":{},\"labels\":{\"smartcontainer\":\"FORGED\"}",
            "\"Labels\":{\"smartcontainer\":\"FORGED\",\"smartcontainer\":\"FORGED-AGAIN\"}",
            "\"Labels\":{\"smart\\u0063ontainer\":\"FORGED\"}",
            "\"Labels \":{\"smartcontainer\":\"FORGED\"}");

    private final ProxiesInFront proxies = new ProxiesInFront();
    private final Leftovers leftovers = new Leftovers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    void stop() {
        leftovers.close();
        proxies.close();
    }

    /** Bodies Docker's Go code reads one way and a stricter reader another: the label is ours on every container made. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void everyBodyTheDaemonTakesGetsOurLabel(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        List<String> bodies = List.of(
                "{" + IMAGE + ",\"Labels\":{\"a\":\"b\"},\"labels\":{\"smartcontainer\":\"FORGED\"}}",
                "{" + IMAGE + ",\"LABELS\":{\"smartcontainer\":\"FORGED\"}}",
                "{" + IMAGE + ",\"Label\u017f\":{\"smartcontainer\":\"FORGED\"}}",
                "{" + IMAGE + ",\"Labels\":{\"smartcontainer\":\"FORGED\"},\"Labels\":{\"team\":\"x\"}}",
                "{" + IMAGE + ",\"Labels\":{\"smartcontainer\":\"FORGED\",\"deep\":\"\"},\"Cmd\":" + "[".repeat(1500)
                        + "]".repeat(1500) + ",\"cmd\":[\"true\"]}",
                "{" + IMAGE + ",\"StopTimeout\":1" + "0".repeat(1200).replace("0", "") + ",\"Labels\":{\"smartcontainer\":\"FORGED\"}}",
                "{" + IMAGE + ",\"Labels\":{\"smartcontainer\":\"FORGED\",\"" + "k".repeat(60_000) + "\":\"v\"}}",
                "{" + IMAGE + ",\"Labels\":{\"smartcontainer\":\"FORGED\"}} {\"Labels\":{\"smartcontainer\":\"FORGED\"}}",
                "{" + IMAGE + ",\"Labels\":{\"smartcontainer\":\"FORGED\",\"bad\":\"\u00ff\"}}");
        int created = 0;
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            RawHttp.Response byProxy = DockerRequests.create(proxy.socket(), "/v1.41/containers/create?name=sc-it-body-" + run + "-" + i, body);
            if (byProxy.status() != 201) {
                RawHttp.Response byDocker = DockerRequests.create(daemon.socket(),
                        "/v1.41/containers/create?name=sc-it-body-direct-" + run + "-" + i, body);
                if (byDocker.status() == 201) {
                    leftovers.container(daemon, ScApi.parse(byDocker).path("Id").asText());
                }
                assertTrue(byProxy.status() >= 400 && byProxy.body().contains("message"),
                        "body " + i + ": refused in Docker's shape when not created: " + byProxy);
                continue;
            }
            created++;
            String container = leftovers.container(daemon, ScApi.parse(byProxy).path("Id").asText());
            SmartLabel.assertOurs(SmartLabel.ofContainer(direct, container), Vocab.Docker.Create, "FORGED", "body " + i);
        }
        assertTrue(created >= 5, "created: " + created);
    }

    /** Every label but ours, as the daemon holds them: what the same body gives directly and through the proxy. */
    private static JsonNode othersThanOurs(DockerCli direct, String kind, String reference) {
        try {
            JsonNode labels = ScApi.JSON.readTree(direct.run(kind, "inspect", "-f", "{{json .Config.Labels}}", reference).ok().out());
            if (labels.isObject()) {
                ((ObjectNode) labels).remove("smartcontainer");
                return labels;
            }
            return ScApi.JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void everySpellingOfLabelsInACreateBodyGetsOurLabelAndKeepsTheOthersAsTheDaemonReadsThem(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        AtomicInteger created = new AtomicInteger();
        assertAll(daemon + ": create bodies", IntStream.range(0, LABEL_FIELDS.size()).mapToObj(i -> (Executable) () -> {
            String body = "{" + IMAGE + "," + LABEL_FIELDS.get(i) + "}";
            RawHttp.Response byDocker = DockerRequests.create(daemon.socket(), "/v1.41/containers/create", body);
            RawHttp.Response byProxy = DockerRequests.create(proxy.socket(), "/v1.41/containers/create", body);
            assertEquals(201, byDocker.status(), LABEL_FIELDS.get(i) + ": the daemon takes it: " + byDocker);
            String expected = leftovers.container(daemon, ScApi.parse(byDocker).path("Id").asText());
            assertEquals(201, byProxy.status(), LABEL_FIELDS.get(i) + ": " + byProxy);
            String container = leftovers.container(daemon, ScApi.parse(byProxy).path("Id").asText());
            created.incrementAndGet();
            SmartLabel.assertOurs(SmartLabel.ofContainer(direct, container), Vocab.Docker.Create, "FORGED", LABEL_FIELDS.get(i));
            assertEquals(othersThanOurs(direct, "container", expected), othersThanOurs(direct, "container", container),
                    LABEL_FIELDS.get(i) + ": the other labels, as the daemon reads the body");
        }));
        assertEquals(LABEL_FIELDS.size(), created.get());
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void everySpellingOfLabelsInACommitBodyGetsOurLabelAndKeepsTheOthersAsTheDaemonReadsThem(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        String container = leftovers.container(daemon, direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
        assertAll(daemon + ": commit bodies", IntStream.range(0, LABEL_FIELDS.size()).mapToObj(i -> (Executable) () -> {
            String body = "{" + LABEL_FIELDS.get(i) + "}";
            String repo = "sc-it-body-commit-" + run + "-" + i;
            String target = "/v1.41/commit?container=" + container + "&repo=" + repo + "&tag=";
            RawHttp.Response byDocker = DockerRequests.send(daemon.socket(), DockerRequests.post(target + "direct", "application/json", body));
            RawHttp.Response byProxy = DockerRequests.send(proxy.socket(), DockerRequests.post(target + "proxy", "application/json", body));
            leftovers.image(daemon, repo + ":direct");
            leftovers.image(daemon, repo + ":proxy");
            assertEquals(201, byDocker.status(), LABEL_FIELDS.get(i) + ": the daemon takes it: " + byDocker);
            assertEquals(201, byProxy.status(), LABEL_FIELDS.get(i) + ": " + byProxy);
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, repo + ":proxy"), Vocab.Docker.Commit, "FORGED", LABEL_FIELDS.get(i));
            assertEquals(othersThanOurs(direct, "image", repo + ":direct"), othersThanOurs(direct, "image", repo + ":proxy"),
                    LABEL_FIELDS.get(i) + ": the other labels, as the daemon reads the body");
        }));
    }

    /** Go decodes a HostConfig seen again into the one there (a field replaced, a null dropping it all): so is it recorded. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aHostConfigGivenTwiceIsRecordedAsTheDaemonAppliedIt(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        ScApi api = ScApi.of(proxy);
        List<String> hostConfigs = List.of(
                "\"HostConfig\":{\"NetworkMode\":\"none\",\"Binds\":[\"/tmp:/data:ro\"]},\"hostconfig\":{\"NetworkMode\":\"host\"}",
                "\"HostConfig\":{\"NetworkMode\":\"none\",\"Binds\":[\"/tmp:/data:ro\"]},\"HostConfig\":null",
                "\"HostConfig\":{\"Binds\":[\"/tmp:/data:ro\"]},\"HOSTCONFIG\":{\"Binds\":[\"/etc:/data:ro\"]}",
                "\"HostConfig\":{\"NetworkMode\":\"none\",\"networkmode\":\"host\"}",
                "\"hostConfig\":{\"NetworkMode\":\"host\"},\"Ho\u017ftConfig\":{\"NetworkMode\":\"none\"}");
        assertAll(daemon + ": host configs", hostConfigs.stream().map(hostConfig -> (Executable) () -> {
            RawHttp.Response byProxy = DockerRequests.create(proxy.socket(), "/v1.41/containers/create",
                    "{" + IMAGE + "," + hostConfig + "}");
            assertEquals(201, byProxy.status(), hostConfig + ": " + byProxy);
            String container = leftovers.container(daemon, ScApi.parse(byProxy).path("Id").asText());
            String applied = direct.run("container", "inspect", "-f", "{{.HostConfig.NetworkMode}}", container).ok().out();
            List<String> sources = direct.run("container", "inspect", "-f", "{{range .HostConfig.Binds}}{{.}}\n{{end}}", container)
                    .ok().out().lines().filter(line -> !line.isBlank()).map(bind -> bind.split(":")[0]).toList();
            String activity = "?a <" + Vocab.PROV_NS + "generated> <" + Vocab.containerIri(container) + ">";
            assertFalse(api.ask("ASK { " + activity + "; <" + Vocab.Docker.networkMode.getURI() + "> ?mode FILTER(?mode != '"
                    + applied + "') }"), hostConfig + ": no network mode recorded but " + applied);
            if (hostConfig.contains("\"host\"") && applied.equals("host")) {
                assertTrue(api.ask("ASK { " + activity + "; <" + Vocab.Docker.networkMode.getURI() + "> 'host' }"), hostConfig);
            }
            String sourceList = sources.stream().map(s -> "'" + s + "'").reduce((x, y) -> x + ", " + y).orElse("''");
            assertFalse(api.ask("ASK { " + activity + "; <" + Vocab.Prov.used.getURI() + "> [ <" + Vocab.Docker.source.getURI()
                    + "> ?source ] FILTER(?source NOT IN (" + sourceList + ")) }"), hostConfig + ": no mount recorded but " + sources);
            for (String source : sources) {
                assertTrue(api.ask("ASK { " + activity + "; <" + Vocab.Prov.used.getURI() + "> [ <" + Vocab.Docker.source.getURI()
                        + "> '" + source + "' ] }"), hostConfig + ": the mount of " + source + " is recorded");
            }
        }));
    }

    /**
     * Docker reads a create body only when it is sent as JSON ({@code Content-Type: application/json}, parameters and
     * case aside); otherwise it refuses the create. Through the proxy it is answered the same.
     */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aCreateBodyIsReadOnlyWhenTheDaemonWouldReadItAsJson(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        String body = "{" + IMAGE + ",\"Labels\":{\"smartcontainer\":\"FORGED\"}}";
        List<String> contentTypes = List.of("application/json; charset=utf-8", "Application/JSON", "text/plain",
                "application/x-www-form-urlencoded", "application/jsonx", "");
        assertAll(daemon + ": content types", contentTypes.stream().map(type -> (Executable) () -> {
            String request = "POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\n"
                    + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n") + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            RawHttp.Response byDocker = DockerRequests.send(daemon.socket(), request);
            RawHttp.Response byProxy = DockerRequests.send(proxy.socket(), request);
            if (byDocker.status() == 201) {
                leftovers.container(daemon, ScApi.parse(byDocker).path("Id").asText());
            }
            if (byProxy.status() == 201) {
                String container = leftovers.container(daemon, ScApi.parse(byProxy).path("Id").asText());
                SmartLabel.assertOurs(SmartLabel.ofContainer(direct, container), Vocab.Docker.Create, "FORGED", "'" + type + "'");
            }
            assertEquals(byDocker.status(), byProxy.status(), "Content-Type '" + type + "': the proxy answers as the daemon does\n"
                    + byDocker + "\n" + byProxy);
        }));
    }
}
