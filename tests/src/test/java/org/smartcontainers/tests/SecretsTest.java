package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerRequests;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Leftovers;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.tests.support.SmartLabel;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Issue 13, fault 11: no secret value reaches a log line, the store or a label. Values go in as users
 * give them, through the real clients against Docker 26: {@code docker run -e} and {@code --env-file},
 * build arguments (classic builder and BuildKit, a failing build too), a commit's {@code ENV} changes,
 * registry credentials ({@code X-Registry-Auth}, {@code X-Registry-Config}, {@code docker login}),
 * credentials in a request target's userinfo, query strings, requests the proxy refuses as unreadable,
 * and image history that {@code sc infect} reconstructs from. Each value is looked for in our label, in
 * the whole store (every graph, as {@code sc export} gives it) and in the proxy's log (at debug). Where
 * the daemon keeps the value (a container's environment, an image's config or history), the test first
 * checks that it does, so that its absence from ours means something.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsTest {
    private static final DockerDaemon DAEMON = DockerDaemon.DOCKER_26;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Leftovers leftovers = new Leftovers();
    private final DockerCli direct = DAEMON.direct();
    private ProxyProcess proxy;
    private DockerCli cli;
    private RecordedCalls records;

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
        cli = DockerCli.through(proxy);
        records = RecordedCalls.of(proxy);
    }

    @AfterAll
    void stop() {
        leftovers.close();
        proxy.close();
    }

    /** A value no other test sends, made of characters that every syntax writes as they are. */
    private String secret(String what) {
        return "s3cr3t-" + what + "-" + run;
    }

    /** Not in our label (null: nothing labelled), not anywhere in the store, not in the proxy's log. */
    private void assertNowhere(String value, String label, String why) {
        if (label != null) {
            assertFalse(label.contains(value), why + ": the label holds " + value + ":\n" + label);
        }
        assertFalse(records.export().contains(value), why + ": the store holds " + value);
        assertFalse(proxy.log().contains(value), why + ": the log holds " + value);
    }

    private static Path file(Path directory, String name, String content) {
        try {
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void environmentValuesOfARunAreNowhere() {
        String given = secret("env"), fromFile = secret("env-file"), fromClient = secret("env-client");
        Path envFile = file(Paths.scratch("secrets-env"), "env", "PASSWORD=" + fromFile + "\n");
        String name = leftovers.container(DAEMON, cli.name("secrets-run"));
        cli.withBinary(cli.binary(), Map.of("CLIENT_TOKEN", fromClient)).run("run", "--name", name, "--network", "none",
                "-e", "TOKEN=" + given, "--env-file", envFile.toString(), "-e", "CLIENT_TOKEN", DockerSocket.BASE_IMAGE, "true").ok();
        String env = direct.run("container", "inspect", "-f", "{{json .Config.Env}}", name).ok().out();
        String label = SmartLabel.ofContainer(direct, name);
        String id = direct.run("container", "inspect", "-f", "{{.Id}}", name).ok().out();
        assertTrue(records.generated(Vocab.Docker.Create, Vocab.containerIri(id)), "recorded");
        for (String value : List.of(given, fromFile, fromClient)) {
            assertTrue(env.contains(value), "the container holds " + value + ": the test means something\n" + env);
            assertNowhere(value, label, "docker run");
        }
        assertTrue(ScApi.of(proxy).ask("ASK { ?a <" + Vocab.PROV_NS + "generated> <" + Vocab.containerIri(id) + ">; <"
                + Vocab.Docker.environmentVariable.getURI() + "> 'TOKEN', 'PASSWORD', 'CLIENT_TOKEN' }"), "the names are kept");
    }

    @Test
    void buildArgumentValuesAreNowhereWithEitherBuilder() {
        Path context = Paths.scratch("secrets-build");
        file(context, "Dockerfile", "FROM " + DockerSocket.BASE_IMAGE + "\nARG TOKEN\nARG BUILDER\nRUN test -n \"$TOKEN\" && echo \"$BUILDER\" > /b\n");
        assertAll(Map.of("classic", Map.of("DOCKER_BUILDKIT", "0"), "buildkit", Map.<String, String>of()).entrySet().stream()
                .map(builder -> (Executable) () -> {
                    String value = secret("build-arg-" + builder.getKey());
                    String tag = leftovers.image(DAEMON, cli.name("secrets-build-" + builder.getKey()) + ":v1");
                    cli.withBinary(cli.binary(), builder.getValue()).run("build", "--network=none", "--build-arg", "TOKEN=" + value,
                            "--build-arg", "BUILDER=" + builder.getKey() + "-" + run, "-t", tag, context.toString()).ok();
                    String image = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
                    assertTrue(records.generatedEventually(Vocab.Docker.Build, Vocab.imageIri(image)), builder.getKey() + ": recorded");
                    String history = direct.run("history", "--no-trunc", "--format", "{{.CreatedBy}}", tag).ok().out();
                    assertTrue(history.contains(value), "the image's history holds the value: the test means something\n" + history);
                    assertNowhere(value, SmartLabel.ofImage(direct, tag), builder.getKey() + " build");
                }));
    }

    /** BuildKit names a step by its command with ${V%9}, ${V/X/Y}, ${V#?} expanded: a value less or changed a character. */
    @Test
    void buildArgumentValuesBuildKitExpandsInStepNamesAreNowhere() {
        Path context = Paths.scratch("secrets-expanded");
        file(context, "Dockerfile", "FROM " + DockerSocket.BASE_IMAGE + "\nARG SA\nRUN echo \"${SA%9}\" > /a\nRUN echo ${SA/X/Y} > /b\n"
                + "RUN echo ${SA#?} > /c\n");
        String value = secret("expandedX") + "-9";
        String tag = leftovers.image(DAEMON, cli.name("secrets-expanded") + ":v1");
        cli.run("build", "--network=none", "--build-arg", "SA=" + value, "-t", tag, context.toString()).ok();
        String image = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
        assertTrue(records.generatedEventually(Vocab.Docker.Build, Vocab.imageIri(image)), "recorded");
        String label = SmartLabel.ofImage(direct, tag);
        for (String expanded : List.of(value.substring(0, value.length() - 1), value.replace('X', 'Y'), value.substring(1))) {
            assertNowhere(expanded, label, "a step's name with the value expanded");
        }
        assertTrue(records.export().contains("RUN (arguments not recorded"), "the steps are recorded, their arguments withheld");
    }

    @Test
    void buildArgumentValuesOfAFailedBuildAreNowhere() {
        Path context = Paths.scratch("secrets-failed");
        file(context, "Dockerfile", "FROM " + DockerSocket.BASE_IMAGE + "\nARG TOKEN\nRUN test -n \"$TOKEN\" && false\n");
        String value = secret("failed-build");
        String tag = leftovers.image(DAEMON, cli.name("secrets-failed") + ":v1");
        assertNotEquals(0, cli.withBinary(cli.binary(), Map.of("DOCKER_BUILDKIT", "0")).run("build", "--network=none",
                "--build-arg", "TOKEN=" + value, "-t", tag, context.toString()).exitCode());
        assertTrue(ScApi.of(proxy).ask("ASK { ?a a <" + Vocab.Docker.Build.getURI() + ">; <" + Vocab.SC_NS + "outcome> ?o"
                + " FILTER(?o != 'success') }"), "the failed build is recorded");
        assertNowhere(value, null, "a failed build");
    }

    @Test
    void commitEnvValuesAreNowhereNorInACreateFromTheImage() {
        String plain = secret("commit-env"), second = secret("commit-env-second"), old = secret("commit-env-old");
        String onbuild = secret("commit-onbuild");
        // Docker parses the changes as one Dockerfile: line continuations, and the old form's value is the line's rest.
        String padded = secret("commit-padded") + "==", split = secret("commit-split"), wrapped = secret("commit-wrapped");
        String container = leftovers.container(DAEMON, direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
        String tag = leftovers.image(DAEMON, cli.name("secrets-commit") + ":v1");
        cli.run("commit", "--change", "ENV TOKEN=" + plain, "--change", "env A=\"x y\" B=" + second, "--change", "ENV OLD " + old,
                "--change", "ONBUILD ENV KEY=" + onbuild, "--change", "ENV PADDED " + padded, "--change", "ENV SPLIT=\\\n" + split,
                "--change", "ENV \\\n  WRAPPED=" + wrapped, container, tag).ok();
        String config = direct.run("image", "inspect", "-f", "{{json .Config.Env}} {{json .Config.OnBuild}}", tag).ok().out();
        String label = SmartLabel.ofImage(direct, tag);
        String made = leftovers.container(DAEMON, cli.run("create", tag, "true").ok().out());
        String createLabel = SmartLabel.ofContainer(direct, made);
        for (String value : List.of(plain, second, old, onbuild, padded, split, wrapped)) {
            assertTrue(config.contains(value), "the image holds " + value + ": the test means something\n" + config);
            assertNowhere(value, label, "docker commit --change");
            assertNowhere(value, createLabel, "a create from the committed image");
        }
        assertTrue(records.export().contains("ENV TOKEN"), "the change is recorded, by its variable's name");
    }

    @Test
    void registryCredentialsAndQueriesNeverReachTheLog() {
        try (ProxyProcess own = ProxyProcess.start(); RawHttp http = new RawHttp(own.socket())) {
            RawHttp.Response answer = http.send("GET /v1.41/images/json?secret-query=QUERYSECRET HTTP/1.1\r\nHost: docker\r\n"
                    + "X-Registry-Auth: AUTHSECRET\r\nX-Registry-Config: CONFIGSECRET\r\n\r\n").read();
            assertEquals(200, answer.status());
            own.terminate();
            String log = own.log();
            assertTrue(log.contains("GET /v1.41/images/json -> 200"), "the request was logged at debug:\n" + log);
            for (String secret : List.of("AUTHSECRET", "CONFIGSECRET", "QUERYSECRET")) {
                assertFalse(log.contains(secret), secret + " leaked into the log");
            }
        }
    }

    /**
     * An absolute-form target may carry credentials ({@code http://user:password@host/...}), which Go's
     * ParseRequestURI accepts and the daemon ignores: a relayed call, a recorded create and a refused one.
     */
    @Test
    void credentialsInTheTargetNeverReachTheLog() {
        String password = secret("userinfo");
        String target = "http://sc-it:" + password + "@docker/v1.45";
        RawHttp.Response ping = DockerRequests.send(proxy.socket(), "GET " + target + "/_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
        assertEquals(200, ping.status(), ping.toString());
        RawHttp.Response created = DockerRequests.create(proxy.socket(), target + "/containers/create", "{" + DockerRequests.IMAGE_AND_COMMAND + "}");
        assertEquals(201, created.status(), created.toString());
        String id = leftovers.container(DAEMON, ScApi.parse(created).path("Id").asText());
        RawHttp.Response refused = DockerRequests.create(proxy.socket(), target + "/containers/create", "{" + DockerRequests.IMAGE_AND_COMMAND);
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(proxy.log().contains("/v1.45/_ping -> 200"), "the relayed call was logged at debug:\n" + proxy.log());
        assertNowhere(password, SmartLabel.ofContainer(direct, id), "userinfo");
    }

    /**
     * The CLI sends stored credentials as X-Registry-Auth (a pull), X-Registry-Config (a classic build) and a
     * login's password in the body of {@code POST /auth}. The registry is a closed port: each call fails fast.
     */
    @Test
    void registryCredentialsOfTheRealClientAreNowhere() throws IOException {
        String registry = "127.0.0.1:1";
        String password = secret("registry-password"), login = secret("login-password");
        String auth = Base64.getEncoder().encodeToString(("sc-it:" + password).getBytes(StandardCharsets.UTF_8));
        Path config = Paths.scratch("secrets-config");
        file(config, "config.json", "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
        DockerCli withCredentials = cli.withBinary(cli.binary(), Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_BUILDKIT", "0"));
        assertNotEquals(0, withCredentials.run("pull", registry + "/sc-it/none:latest").exitCode(), "no registry there");
        Path context = Paths.scratch("secrets-registry-build");
        file(context, "Dockerfile", "FROM " + DockerSocket.BASE_IMAGE + "\nLABEL registry=" + run + "\n");
        String tag = leftovers.image(DAEMON, cli.name("secrets-registry") + ":v1");
        withCredentials.run("build", "-t", tag, context.toString()).ok();
        assertNotEquals(0, withCredentials.pipe(login, "login", "--username", "sc-it", "--password-stdin", registry).exitCode(),
                "no registry there");
        String label = SmartLabel.ofImage(direct, tag);
        for (String value : List.of(password, auth, login)) {
            assertNowhere(value, label, "registry credentials");
        }
    }

    /** A request the HTTP decoder cannot read: its answer may say why, the log names only the kind of fault. */
    @Test
    void aMalformedRequestsValuesNeverReachTheLog() {
        String value = secret("malformed");
        for (String garbage : List.of("GET /v1.45/images/json?token=" + value + " HTTP/9.x\r\n\r\n",
                "POST /v1.45/containers/create?t=" + value + " HTTP/1.1\r\nHost: docker\r\nContent-Length: " + value + "\r\n\r\n",
                "POST /v1.45/build HTTP/1.1\r\nHost docker " + value + "\r\n\r\n")) {
            try (RawHttp bad = new RawHttp(proxy.socket())) {
                assertEquals(400, bad.send(garbage).read().status(), garbage);
            }
        }
        assertNowhere(value, null, "malformed requests");
    }

    /** Reasons say where, never what: a value in a body or a query the proxy refuses is not quoted, in its answer or its log. */
    @Test
    void valuesInRequestsTheProxyRefusesAreNeverQuoted() {
        String value = secret("refused");
        String image = DockerRequests.IMAGE_AND_COMMAND;
        String container = leftovers.container(DAEMON, direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("an invalid escape", DockerRequests.post("/v1.45/containers/create", "application/json",
                "{" + image + ",\"Env\":[\"TOKEN=" + value + "\\q\"]}"));
        refused.put("a string cut off", DockerRequests.post("/v1.45/containers/create", "application/json",
                "{" + image + ",\"Env\":[\"TOKEN=" + value));
        refused.put("a bare name", DockerRequests.post("/v1.45/containers/create", "application/json", "{" + value + ":1}"));
        refused.put("a missing comma", DockerRequests.post("/v1.45/containers/create", "application/json",
                "{" + image + ",\"Env\":[\"TOKEN=" + value + "\"] \"Tty\":true}"));
        refused.put("a control character", DockerRequests.post("/v1.45/containers/create", "application/json",
                "{" + image + ",\"Env\":[\"TOKEN=" + value + "\u0001\"]}"));
        refused.put("Labels a list", DockerRequests.post("/v1.45/containers/create", "application/json",
                "{" + image + ",\"Labels\":[\"smartcontainer=" + value + "\"]}"));
        refused.put("a bad number", DockerRequests.post("/v1.45/containers/create", "application/json",
                "{" + image + ",\"StopTimeout\":-" + value + "}"));
        refused.put("a commit's label a bare word", DockerRequests.post("/v1.45/commit?container=" + container, "application/json",
                "{\"Env\":[\"TOKEN=" + value + "\"],\"Labels\":{\"a\":" + value + "}}"));
        refused.put("a semicolon in the query", DockerRequests.post("/v1.45/containers/create?name=x;TOKEN=" + value,
                "application/json", "{" + image + "}"));
        refused.put("a bad escape in the query", DockerRequests.post("/v1.45/containers/create?name=x&TOKEN=" + value + "%zz",
                "application/json", "{" + image + "}"));
        refused.put("a build's labels not an object", DockerRequests.post("/v1.45/build?labels=%5B%22" + value + "%22%5D",
                "application/x-tar", DockerRequests.context("FROM " + DockerSocket.BASE_IMAGE + "\n")));
        assertAll(refused.entrySet().stream().map(request -> (Executable) () -> {
            RawHttp.Response answer = DockerRequests.exchange(proxy.socket(), request.getValue());
            assertEquals(400, answer.status(), request.getKey() + ": refused by the proxy: " + answer);
            assertFalse(answer.toString().contains(value), request.getKey() + ": the answer quotes the value: " + answer);
            assertNowhere(value, null, request.getKey());
        }));
    }

    /** An image built elsewhere with a build argument and an ENV: infect records their names, never their values. */
    @Test
    void infectRecordsNoBuildArgumentOrEnvValues() throws Exception {
        String secret = "s3cr3t" + ProcessHandle.current().pid();
        Path context = Paths.scratch("infect-secrets");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nARG TOKEN\nARG MODE=" + secret
                + "x\nENV PASSWORD=" + secret + "y\nRUN test -n \"$TOKEN\"\n");
        String image = leftovers.image(DAEMON, cli.name("sc-it-cli-secrets") + ":v1");
        // Built directly, with both builders: each writes the arguments into the image history.
        for (Map<String, String> builder : List.of(Map.of("DOCKER_BUILDKIT", "0"), Map.<String, String>of())) {
            direct.withBinary(direct.binary(), builder).run("build", "--network=none", "--build-arg", "TOKEN=" + secret + "z", "-t", image,
                    context.toString()).ok();
            String history = direct.run("history", "--no-trunc", "--format", "{{.CreatedBy}}", image).ok().out();
            assertTrue(history.contains(secret + "z"), "the history holds the value: the test means something\n" + history);
            proxy.sc("infect", image).ok();
            String label = direct.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", image).ok().out();
            String exported = proxy.sc("export").ok().stdout();
            for (String value : List.of(secret + "x", secret + "y", secret + "z")) {
                assertFalse(label.contains(value), builder + ": not in the label: " + value + "\n" + label);
                assertFalse(exported.contains(value), builder + ": not in the store: " + value);
                assertFalse(proxy.log().contains(value), builder + ": not in the log: " + value);
            }
            assertTrue(exported.contains("TOKEN=") && exported.contains("PASSWORD="), "the names are kept");
        }
    }

    /** A container created elsewhere: its reconstructed create records the variables' names, never their values. */
    @Test
    void infectOfAContainerRecordsNoEnvValues() {
        String value = secret("infect-container");
        String name = leftovers.container(DAEMON, direct.name("secrets-infect"));
        direct.run("create", "--name", name, "-e", "TOKEN=" + value, DockerSocket.BASE_IMAGE, "true").ok();
        proxy.sc("infect", name, "--container").ok();
        String id = direct.run("container", "inspect", "-f", "{{.Id}}", name).ok().out();
        assertTrue(ScApi.of(proxy).ask("ASK { ?a <" + Vocab.PROV_NS + "generated> <" + Vocab.containerIri(id) + "> }"),
                "the create is reconstructed");
        assertNowhere(value, null, "sc infect --container");
    }
}
