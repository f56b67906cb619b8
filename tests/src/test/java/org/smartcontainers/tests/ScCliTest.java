package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Run;

/** Every {@code sc} client command run as a process against a running daemon, its output checked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORCID = "https://orcid.org/0000-0002-1825-0097";
    private final DockerCli direct = DockerCli.direct();
    private ProxyProcess proxy;
    private DockerCli docker;
    private final List<String> made = new ArrayList<>();

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
        docker = DockerCli.through(proxy);
    }

    @AfterAll
    void stop() {
        made.forEach(name -> direct.run("rm", "-f", name));
        made.forEach(name -> direct.run("rmi", "-f", name));
        proxy.close();
    }

    /** {@code bin/sc ARGS}, finding the daemon through SC_HOST as a user would. */
    private Run.Result sc(String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
        command.addAll(List.of(args));
        return Run.run(Map.of("SC_HOST", proxy.socket().toString()), null, command);
    }

    private String tagged(String base) {
        String name = docker.name(base) + ":v1";
        direct.run("tag", DockerSocket.BASE_IMAGE, name).ok();
        made.add(name);
        return name;
    }

    private String container(String image) {
        String name = docker.name("cli");
        docker.run("create", "--name", name, image, "true").ok();
        made.add(name);
        return name;
    }

    @Test
    void versionNamesTheClientTheDaemonAndDocker() {
        String out = sc("version").ok().stdout();
        String dockerVersion = direct.run("version", "--format", "{{.Server.Version}}").ok().out();
        assertTrue(out.matches("(?s)sc \\S+ \\(Java .*\\)\ndaemon: SmartContainers \\S+ \\(extension API 1\\) at "
                + Pattern.quote(proxy.socket().toString()) + "\ndocker: "
                + Pattern.quote(dockerVersion) + " \\(API [0-9.]+\\)\n"), out);
        // --host before the command works as after it.
        Run.Result viaFlag = Run.run(Map.of(), null, List.of(Paths.repo().resolve("bin/sc").toString(),
                "--host", "unix://" + proxy.socket(), "version"));
        assertTrue(viaFlag.ok().stdout().contains("daemon: SmartContainers"), viaFlag.stdout());
    }

    @Test
    void withNoDaemonEveryCommandSaysHowToStartItInOneLine() throws Exception {
        Path nowhere = Paths.scratch("sc-nodaemon").resolve("sc.sock");
        for (List<String> args : List.of(List.of("version"), List.of("config", "show"), List.of("query", "ASK {}"),
                List.of("lineage", "x"), List.of("export"))) {
            List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
            command.addAll(args);
            command.addAll(List.of("--host", nowhere.toString()));
            Run.Result result = Run.run(Map.of(), null, command);
            assertEquals(1, result.exitCode(), args + ": " + result);
            assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
            assertTrue(result.stderr().contains("not running at " + nowhere) && result.stderr().contains("sc daemon"),
                    result.stderr());
        }
    }

    @Test
    void configSetShowAndImportLegacy() throws Exception {
        Run.Result set = sc("config", "set", "--orcid", "0000-0002-1825-0097", "--name", "Josiah Carberry",
                "--email", "jc@example.org", "--affiliation", "Brown University");
        assertTrue(set.ok().stdout().contains("\"orcid\" : \"" + ORCID + "\""), set.stdout());

        Run.Result bad = sc("config", "set", "--orcid", "0000-0002-1825-0098");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().startsWith("sc config set: invalid config") && bad.stderr().contains("check digit"),
                bad.stderr());
        JsonNode shown = JSON.readTree(sc("config", "show").ok().stdout());
        assertEquals(ORCID, shown.path("agent").path("orcid").asText(), "a refused change loses nothing");
        assertEquals("Brown University", shown.path("agent").path("affiliation").asText());

        sc("config", "set", "--user", "4242", "--name", "Second User").ok();
        JsonNode second = JSON.readTree(sc("config", "show", "--stored").ok().stdout()).path("users").path("4242");
        assertEquals("Second User", second.path("name").asText());
        assertTrue(second.path("id").asText().matches("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}"),
                "the config store gave them an id: " + second);
        sc("config", "set", "--user", "4242", "--name", "Second User Renamed").ok();
        assertEquals(second.path("id"), JSON.readTree(sc("config", "show").ok().stdout()).path("users").path("4242").path("id"),
                "a rename keeps it");
        sc("config", "set", "--email", "").ok(); // an empty value removes the field
        assertTrue(JSON.readTree(sc("config", "show").ok().stdout()).path("agent").path("email").isMissingNode());

        Path legacy = Paths.scratch("sc-legacy").resolve("sc.config");
        Files.writeString(legacy, """
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix prov: <http://www.w3.org/ns/prov#> .
                <http://orcid.org/0000-0001-5109-3700> a prov:Person, foaf:Person ;
                    foaf:givenName "Laure" ; foaf:familyName "Haak" ; foaf:name "Laure Haak" .
                """);
        Run.Result imported = sc("config", "import-legacy", legacy.toString());
        assertTrue(imported.ok().stdout().startsWith("imported " + legacy), imported.stdout());
        JsonNode after = JSON.readTree(sc("config", "show").ok().stdout()).path("agent");
        assertEquals("https://orcid.org/0000-0001-5109-3700", after.path("orcid").asText());
        assertEquals("Laure Haak", after.path("name").asText());
        // Laure is not Josiah: nothing of his stays on her (issue 15; ScCliUsabilityTest has the same person's import).
        assertTrue(after.path("affiliation").isMissingNode(), "another person's affiliation does not stay: " + after);
        Run.Result none = sc("config", "import-legacy", legacy.resolveSibling("missing.config").toString());
        assertEquals(1, none.exitCode());
        // Put back the person the other tests expect.
        sc("config", "set", "--orcid", "0000-0002-1825-0097", "--name", "Josiah Carberry").ok();
    }

    @Test
    void labelGetPutAndEntry() throws Exception {
        sc("config", "set", "--orcid", "0000-0002-1825-0097", "--name", "Josiah Carberry").ok();
        String image = tagged("sc-it-cli-label");
        String name = container(image);
        JsonNode label = JSON.readTree(sc("label", "get", name).ok().stdout());
        assertTrue(label.has("@context") && label.toString().contains(ORCID), "the label names the person: " + label);

        Path document = Files.createTempFile("doc", ".jsonld");
        Files.writeString(document, "{\"@context\": {\"dct\": \"http://purl.org/dc/terms/\"}, \"@id\": \"\","
                + " \"dct:title\": \"analysis tool\"}");
        Run.Result put = sc("label", "put", image, document.toString(), "--commit");
        String out = put.ok().stdout();
        assertTrue(out.contains("attached: " + proxy.httpUrl()) && out.contains("/metadata/"), out);
        String newId = out.lines().filter(l -> l.startsWith("new image: ")).findFirst().orElseThrow()
                .substring("new image: ".length()).split(" ")[0];
        assertEquals(newId, direct.run("image", "inspect", "-f", "{{.Id}}", image).ok().out(), "the tag moved to it");
        Model newLabel = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(sc("label", "get", image).ok().stdout())).lang(Lang.JSONLD).parse(newLabel);
        assertTrue(newLabel.contains(null, DCTerms.title, "analysis tool"), "the label holds it");

        Run.Result toContainer = sc("label", "put", name, document.toString(), "--commit");
        assertEquals(1, toContainer.exitCode());
        assertTrue(toContainer.stderr().contains("is a container"), toContainer.stderr());

        JsonNode entry = JSON.readTree(sc("entry", name).ok().stdout());
        assertEquals("hydra:EntryPoint", entry.path("@type").asText());
        assertTrue(entry.path("metadata").asText().startsWith(proxy.httpUrl() + "/containers/"), entry.toString());

        Run.Result unknown = sc("label", "get", "sc-it-no-such-thing");
        assertEquals(1, unknown.exitCode());
        assertEquals("sc label get: no such image or container: sc-it-no-such-thing", unknown.stderr().strip());
    }

    @Test
    void infectQueryLineageAndExport() throws Exception {
        sc("config", "set", "--orcid", "0000-0002-1825-0097", "--name", "Josiah Carberry").ok();
        String image = tagged("sc-it-cli-infect");
        String before = direct.run("image", "inspect", "-f", "{{.Id}}", image).ok().out();
        Run.Result infect = sc("infect", image);
        assertTrue(infect.ok().stdout().contains("(reconstructed)") && infect.stdout().contains("smart image: sha256:"),
                infect.stdout());
        String after = direct.run("image", "inspect", "-f", "{{.Id}}", image).ok().out();
        assertNotEquals(before, after, "the named tag moved to the labelled image");
        assertEquals(before, direct.run("image", "inspect", "-f", "{{.Id}}", DockerSocket.BASE_IMAGE).ok().out(),
                "tags the user did not name stay where they were");

        String lineage = sc("lineage", image).ok().stdout();
        assertTrue(lineage.startsWith("image sha256:" + after.substring(7, 19) + " (" + image + ")"), lineage);
        assertTrue(lineage.contains("made by ContainerCommit at ") && lineage.contains("Josiah Carberry <" + ORCID + ">"),
                lineage);
        assertTrue(lineage.contains("└─ derived from image sha256:" + before.substring(7, 19)), lineage);
        assertTrue(lineage.contains("(reconstructed after the fact)"), lineage);

        String table = sc("query", "SELECT ?name WHERE { <" + ORCID + "> <http://xmlns.com/foaf/0.1/name> ?name }").ok().stdout();
        assertTrue(table.startsWith("name\n----") && table.contains("Josiah Carberry"), table);
        String csv = sc("query", "--format", "csv", "SELECT ?name WHERE { <" + ORCID + "> <http://xmlns.com/foaf/0.1/name> ?name }")
                .ok().stdout();
        assertTrue(csv.startsWith("name\r\n") && csv.contains("Josiah Carberry"), csv);
        JsonNode json = JSON.readTree(sc("query", "--format", "json", "ASK { ?a <http://www.w3.org/ns/prov#qualifiedDelegation>"
                + " [ <http://www.w3.org/ns/prov#agent> <" + ORCID + "> ] }").ok().stdout());
        assertTrue(json.path("boolean").asBoolean(), json.toString());
        Path queryFile = Files.createTempFile("q", ".rq");
        Files.writeString(queryFile, "ASK { ?s ?p ?o }");
        assertEquals("yes", sc("query", "--file", queryFile.toString()).ok().out());
        Run.Result broken = sc("query", "SELEKT nothing");
        assertEquals(1, broken.exitCode());
        assertTrue(broken.stderr().startsWith("sc query: ") && broken.stderr().strip().lines().count() == 1, broken.stderr());

        Dataset exported = DatasetFactory.create();
        RDFParser.create().source(new StringReader(sc("export").ok().stdout())).lang(Lang.TRIG).parse(exported);
        assertTrue(exported.listNames().hasNext(), "TriG keeps the named graphs");
        for (String format : List.of("turtle", "jsonld")) {
            Model merged = ModelFactory.createDefaultModel();
            RDFParser.create().source(new StringReader(sc("export", "--format", format).ok().stdout()))
                    .lang(format.equals("turtle") ? Lang.TURTLE : Lang.JSONLD).parse(merged);
            assertTrue(merged.contains(merged.createResource(ORCID), RDF.type,
                    merged.createResource("http://www.w3.org/ns/prov#Person")), format);
        }
        assertEquals(1, sc("export", "--format", "xml").exitCode());
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> args : List.of(List.of("version"), List.of("config"), List.of("config", "show"),
                List.of("config", "set"), List.of("config", "import-legacy"), List.of("label"), List.of("label", "get"),
                List.of("label", "put"), List.of("entry"), List.of("infect"), List.of("query"), List.of("lineage"),
                List.of("export"))) {
            List<String> withHelp = new ArrayList<>(args);
            withHelp.add("--help");
            Run.Result help = sc(withHelp.toArray(String[]::new));
            assertTrue(help.ok().stdout().contains("Usage: " + args.get(args.size() - 1)), args + ": " + help.stdout());
        }
    }
}
