package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;
import org.openprovenance.prov.model.Document;
import org.openprovenance.prov.model.Identifiable;
import org.openprovenance.prov.vanilla.ProvFactory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.ProvValidator;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.testsupport.RoCrateRules;
import org.smartcontainers.testsupport.Run;
import org.smartcontainers.testsupport.SlsaSchema;

/**
 * Images built through a real proxy by the docker CLI (a classic build on Docker 20.10, a buildx build on
 * Docker 26) are exported by {@code sc export} in every form: PROV-N valid by ProvToolbox's validator,
 * PROV-JSON, the RO-Crate by the RO-Crate 1.1 and profile rules, SLSA by its schema; each names the real
 * image ID and the Docker engine that built it, and none holds a build argument's or an environment value.
 */
class ExportsOfRealBuildsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORCID = "https://orcid.org/0000-0002-1825-0097";
    private static final String SECRET = "s3cret-value-never-exported";

    private static Path context(String name) throws IOException {
        Path context = Paths.scratch(name);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nARG TOKEN\nRUN echo built > /built.txt\n");
        return context;
    }

    /** {@code sc export ARGS} against this daemon: its standard output, the command having succeeded. */
    private static String export(ProxyProcess proxy, String... args) {
        List<String> command = new ArrayList<>(List.of("export"));
        command.addAll(List.of(args));
        String out = proxy.sc(command.toArray(String[]::new)).ok().stdout();
        assertFalse(out.contains(SECRET), "no value of a build argument or environment variable: " + List.of(args));
        return out;
    }

    @Test
    void aClassicBuildOnDocker20AndAContainerFromItExportInEveryForm() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.startInFrontOfDocker20()) {
            proxy.sc("config", "set", "--orcid", ORCID, "--name", "Josiah Carberry").ok();
            DockerCli cli = DockerCli.through(proxy).withBinary(Clients.docker20(), Map.of("DOCKER_BUILDKIT", "0"));
            String tag = cli.name("export-classic") + ":v1";
            String container = cli.name("export-run");
            try {
                cli.run("build", "--network=none", "-t", tag, "--build-arg", "TOKEN=" + SECRET, context("export-classic").toString()).ok();
                cli.run("create", "--name", container, "-e", "TOKEN=" + SECRET, tag, "true").ok();
                String id = Vocab.bareId(DockerCli.direct20().run("image", "inspect", "-f", "{{.Id}}", tag).ok().out());
                String engine = Vocab.engineIri(DockerCli.direct20().run("info", "-f", "{{.ID}}").ok().out());

                Document provN = new org.openprovenance.prov.notation.ProvDeserialiser(ProvFactory.getFactory())
                        .deserialiseDocument(new ByteArrayInputStream(export(proxy, "--format", "provn", "--image", tag)
                                .getBytes(StandardCharsets.UTF_8)));
                ProvValidator.assertValid(provN);
                List<String> ids = provN.getStatementOrBundle().stream().filter(Identifiable.class::isInstance)
                        .map(s -> ((Identifiable) s).getId().getUri()).toList();
                assertTrue(ids.containsAll(List.of(Vocab.imageIri(id), engine, ORCID)), ids.toString());

                JsonNode provJson = JSON.readTree(export(proxy, "--format", "provjson", "--container", container));
                assertTrue(provJson.path("entity").has("sci:image/" + id), provJson.toString());
                assertTrue(provJson.path("agent").fieldNames().hasNext(), provJson.toString());
                assertTrue(provJson.toString().contains(engine.substring(Vocab.INSTANCE_BASE.length())), provJson.toString());

                Model turtle = ModelFactory.createDefaultModel();
                RDFParser.create().source(new StringReader(export(proxy, "--format", "turtle", "--image", tag)))
                        .lang(Lang.TURTLE).parse(turtle);
                assertTrue(turtle.contains(null, Vocab.Prov.generated, turtle.createResource(Vocab.imageIri(id))));

                JsonNode crate = JSON.readTree(export(proxy, "--format", "rocrate", "--image", tag, "--license", "CC0-1.0"));
                assertEquals(List.of(), RoCrateRules.problems(crate), crate.toPrettyString());
                JsonNode build = entityMaking(crate, Vocab.imageIri(id));
                assertEquals(engine, build.path("instrument").path("@id").asText());
                assertEquals(ORCID, build.path("agent").path("@id").asText());
                assertTrue(crate.toString().contains("\"sha256\":\"" + id + "\""), crate.toString());

                List<String> slsa = export(proxy, "--format", "slsa", "--image", tag).lines().toList();
                assertEquals(1, slsa.size(), slsa.toString());
                JsonNode statement = JSON.readTree(slsa.get(0));
                assertEquals(List.of(), SlsaSchema.problems(statement), statement.toPrettyString());
                assertEquals(tag, statement.at("/subject/0/name").asText());
                assertEquals(id, statement.at("/subject/0/digest/sha256").asText());
                assertEquals(engine, statement.at("/predicate/runDetails/builder/id").asText());
                assertEquals("classic", statement.at("/predicate/buildDefinition/internalParameters/builder").asText());
                assertEquals("TOKEN", statement.at("/predicate/buildDefinition/externalParameters/buildArgNames/0").asText());

                export(proxy, "--format", "trig"); // the whole store holds no secret either
            } finally {
                DockerCli.direct20().run("rm", "-f", container);
                DockerCli.direct20().run("rmi", "-f", tag);
            }
        }
    }

    @Test
    void aBuildxBuildOnDocker26ExportsAsSlsaAndAsACrate() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start()) {
            proxy.sc("config", "set", "--orcid", ORCID, "--name", "Josiah Carberry").ok();
            DockerCli cli = DockerCli.through(proxy);
            String tag = cli.name("export-buildx") + ":v1";
            try {
                cli.run("buildx", "build", "--load", "--network=none", "-t", tag, "--build-arg", "TOKEN=" + SECRET,
                        context("export-buildx").toString()).ok();
                String id = Vocab.bareId(DockerCli.direct().run("image", "inspect", "-f", "{{.Id}}", tag).ok().out());
                awaitRecordOf(ScApi.of(proxy), id);
                String engine = Vocab.engineIri(DockerCli.direct().run("info", "-f", "{{.ID}}").ok().out());

                List<String> slsa = export(proxy, "--format", "slsa", "--image", tag).lines().toList();
                assertEquals(1, slsa.size(), slsa.toString());
                JsonNode statement = JSON.readTree(slsa.get(0));
                assertEquals(List.of(), SlsaSchema.problems(statement), statement.toPrettyString());
                assertEquals(id, statement.at("/subject/0/digest/sha256").asText());
                assertEquals(engine, statement.at("/predicate/runDetails/builder/id").asText());
                assertEquals("buildkit", statement.at("/predicate/buildDefinition/internalParameters/builder").asText());
                assertTrue(StreamSupport.stream(statement.at("/predicate/buildDefinition/resolvedDependencies").spliterator(), false)
                        .anyMatch(d -> d.path("name").asText().equals("context")), "the context's listing digest");

                JsonNode crate = JSON.readTree(export(proxy, "--format", "rocrate", "--image", tag));
                assertEquals(List.of(), RoCrateRules.problems(crate), crate.toPrettyString());
                assertEquals(ORCID, entityMaking(crate, Vocab.imageIri(id)).path("agent").path("@id").asText());

                // All recorded builds: this one among them, each statement valid.
                for (String line : export(proxy, "--format", "slsa").lines().toList()) {
                    assertEquals(List.of(), SlsaSchema.problems(JSON.readTree(line)), line);
                }
            } finally {
                DockerCli.direct().run("rmi", "-f", tag);
            }
        }
    }

    @Test
    void badRequestsGetClearErrorsFromTheApiAndTheCli() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start()) {
            RawHttp.Response unknown = ScApi.of(proxy).get("/sc/v1/export?format=rocrate&image=sc-it-no-such-image:none");
            assertEquals(404, unknown.status(), unknown.toString());
            assertTrue(ScApi.parse(unknown).path("message").asText().contains("No such image"), unknown.toString());

            Run.Result cli = proxy.sc("export", "--format", "rocrate", "--image", "sc-it-no-such-image:none");
            assertEquals(1, cli.exitCode());
            assertTrue(cli.stderr().startsWith("sc export: ") && cli.stderr().contains("No such image"), cli.stderr());

            Run.Result noRef = proxy.sc("export", "--format", "rocrate");
            assertEquals(1, noRef.exitCode());
            assertTrue(noRef.stderr().contains("rocrate is of one image or container"), noRef.stderr());

            Run.Result format = proxy.sc("export", "--format", "spdx");
            assertEquals(1, format.exitCode());
            assertTrue(format.stderr().contains("trig, turtle, jsonld, provn, provjson, rocrate or slsa"), format.stderr());

            String base = Vocab.bareId(DockerCli.direct().run("image", "inspect", "-f", "{{.Id}}", DockerSocket.BASE_IMAGE)
                    .ok().out());
            Run.Result unrecorded = proxy.sc("export", "--format", "rocrate", "--image", DockerSocket.BASE_IMAGE);
            assertEquals(1, unrecorded.exitCode());
            assertTrue(unrecorded.stderr().contains("no record of image " + base), unrecorded.stderr());
        }
    }

    /** The crate's action whose result is this image. */
    private static JsonNode entityMaking(JsonNode crate, String imageIri) {
        for (JsonNode entity : crate.path("@graph")) {
            if (entity.path("@type").asText().equals("CreateAction") && !entity.path("@id").asText().startsWith("#")
                    && RoCrateRules.refs(entity.path("result")).contains(imageIri)) {
                return entity;
            }
        }
        throw new AssertionError("no action made " + imageIri + ":\n" + crate.toPrettyString());
    }

    /**
     * A BuildKit build's record is written as its gRPC calls end, just after the CLI returns: polled, with a
     * bound only against a hang. An image that every step took from the cache may be one a run made before.
     */
    private static void awaitRecordOf(ScApi api, String imageId) throws InterruptedException {
        String ask = "ASK { GRAPH ?g { ?a <" + Vocab.PROV_NS + "generated>|<" + Vocab.DOCKER_NS + "reusedImage> <"
                + Vocab.imageIri(imageId) + "> } }";
        for (int i = 0; i < 600 && !api.ask(ask); i++) {
            Thread.sleep(100);
        }
        assertTrue(api.ask(ask), "the build of " + imageId + " was recorded");
    }
}
