package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/** What issue 15 asks of {@code bin/sc} as people use it, run as a process against a running daemon. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScCliUsabilityTest {
    private final DockerCli direct = DockerCli.direct();
    private final List<String> made = new ArrayList<>();
    private ProxyProcess proxy;
    private DockerCli docker;
    private String container;

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
        docker = DockerCli.through(proxy);
        container = docker.name("usability");
        docker.run("create", "--name", container, DockerSocket.BASE_IMAGE, "true").ok();
        made.add(container);
    }

    @AfterAll
    void stop() {
        made.forEach(name -> direct.run("rm", "-f", name));
        made.forEach(name -> direct.run("rmi", "-f", name));
        proxy.close();
    }

    /** {@code bin/sc ARGS} with SC_HOST and whatever else {@code env} adds. */
    private Run.Result sc(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(Map.of("SC_HOST", proxy.socket().toString()));
        all.putAll(env);
        return Run.run(all, null, command);
    }

    private Run.Result sc(String... args) {
        return sc(Map.of(), args);
    }

    private String containerId() {
        return direct.run("container", "inspect", "-f", "{{.Id}}", container).ok().out();
    }

    @Test
    void queryKnowsOurPrefixesAndPrintsCompactIris() {
        String table = sc("query", "SELECT ?b ?type WHERE { ?x prov:wasDerivedFrom ?b; prov:wasGeneratedBy/rdf:type ?type"
                + " FILTER(?x = <https://w3id.org/daspos/smartcontainers/container/" + containerId() + ">) }").ok().stdout();
        assertTrue(table.startsWith("b ") && table.contains("docker:ContainerCreate"), table);
        assertTrue(table.contains("<https://w3id.org/daspos/smartcontainers/image/"), "no prefix fits: as it is\n" + table);

        // Their docker: names PROV's namespace: docker:Activity is then prov:Activity, which every activity is.
        String theirs = sc("query", "PREFIX docker: <http://www.w3.org/ns/prov#>\n"
                + "SELECT DISTINCT ?t WHERE { ?a a ?t FILTER(?t = docker:Activity) }").ok().stdout();
        assertTrue(theirs.endsWith("\n1 row\n"), theirs);
    }

    @Test
    void queryFitsTheTableToColumns() {
        Run.Result narrow = sc(Map.of("COLUMNS", "50"), "query",
                "SELECT ?activity ?used WHERE { ?activity prov:used ?used }");
        List<String> lines = narrow.ok().stdout().lines().toList();
        assertTrue(lines.size() > 3, narrow.stdout());
        lines.forEach(line -> assertTrue(line.codePointCount(0, line.length()) <= 50, "wider than 50: " + line));
        assertTrue(lines.get(2).contains("…"), "an IRI of ours is wider than half of 50: cut\n" + narrow.stdout());
        String wide = sc("query", "SELECT ?activity ?used WHERE { ?activity prov:used ?used }").ok().stdout();
        assertTrue(wide.lines().anyMatch(line -> line.length() > 50), "without COLUMNS, 100 wide\n" + wide);
    }

    @Test
    void aQuerySyntaxErrorIsOneReadableLine() {
        Run.Result broken = sc("query", "SELECT ?b\nWHERE ?x prov:wasDerivedFrom ?b }");
        assertEquals(1, broken.exitCode(), broken.toString());
        assertEquals("sc query: the query has a syntax error at line 2, column 7: unexpected \"?x\"; expected \"{\"",
                broken.stderr().strip());
        Run.Result update = sc("query", "INSERT DATA { <urn:a> prov:used <urn:b> }");
        assertEquals(1, update.exitCode(), update.toString());
        assertEquals("sc query: this endpoint is read-only: SPARQL Update is never accepted here", update.stderr().strip(),
                "an update (which needs our prefixes to be read as one) is the daemon's to refuse");
    }

    /** The store learns names from Docker's events, a moment after the call: asks until it says {@code expected}, 10 s at most. */
    private String lineageOnceItSays(String reference, String expected) throws InterruptedException {
        String lineage = "";
        for (int i = 0; i < 50 && !lineage.contains(expected); i++) {
            lineage = sc("lineage", reference).ok().stdout();
            Thread.sleep(200);
        }
        return lineage;
    }

    @Test
    void lineageOfAContainerStartsFromItsCreateAndGoesOnToItsImageByItsNames() throws Exception {
        String tag = docker.name("usability-base") + ":v1";
        docker.run("tag", DockerSocket.BASE_IMAGE, tag).ok();
        made.add(tag);
        String named = docker.name("lineage");
        docker.run("create", "--name", named, tag, "true").ok();
        made.add(named);
        String id = direct.run("container", "inspect", "-f", "{{.Id}}", named).ok().out();
        String imageId = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();

        String lineage = lineageOnceItSays(named, tag);
        List<String> lines = lineage.lines().toList();
        assertEquals("container " + id.substring(0, 12) + " (" + named + ")", lines.get(0), lineage);
        assertTrue(lines.get(1).startsWith("  made by ContainerCreate at ") && lines.get(1).contains(", by ")
                && lines.get(1).endsWith(" (observed)"), lineage);
        assertTrue(lines.get(2).startsWith("└─ derived from image sha256:" + imageId.substring(7, 19) + " (")
                && lines.get(2).contains(tag), "the image by the names the store holds for it now\n" + lineage);
        assertTrue(lines.get(3).startsWith("     (no record: "), lineage);

        Run.Result byId = sc("lineage", id.substring(0, 12));
        assertEquals(lineage, byId.ok().stdout(), "a container's ID names it as its name does");
        Run.Result asContainer = sc("lineage", "--container", named);
        assertEquals(lineage, asContainer.ok().stdout());
    }

    @Test
    void lineageOfAnImageNamesItByDockersOwnTags() {
        String tag = docker.name("usability-top") + ":v2";
        direct.run("tag", DockerSocket.BASE_IMAGE, tag).ok(); // straight to Docker: the store holds no name
        made.add(tag);
        String imageId = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
        String first = sc("lineage", tag).ok().stdout().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("image sha256:" + imageId.substring(7, 19) + " (") && first.contains(tag), first);
        Run.Result none = sc("lineage", "sc-it-no-such-thing");
        assertEquals(1, none.exitCode());
        assertEquals("sc lineage: no such image or container: sc-it-no-such-thing", none.stderr().strip());
    }

    @Test
    void pointedAtDockersOwnSocketScSaysItIsNotOurDaemon() {
        for (List<String> args : List.of(List.of("version"), List.of("query", "ASK {}"), List.of("config", "show"))) {
            List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
            command.addAll(args);
            Run.Result result = Run.run(Map.of("SC_HOST", DockerSocket.path().toString()), null, command);
            assertEquals(1, result.exitCode(), result.toString());
            assertEquals("sc " + String.join(" ", args.subList(0, args.get(0).equals("config") ? 2 : 1)) + ": "
                    + DockerSocket.path() + " is not the SmartContainers daemon (it has no /sc/v1/ API: Docker's own"
                    + " socket?); point --host or SC_HOST at the socket sc daemon listens on", result.stderr().strip());
        }
    }

    @Test
    void aUsageErrorIsPlainAndExitsWith2() {
        Run.Result missing = sc("lineage");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals("sc lineage: missing IMAGE|CONTAINER (see sc lineage --help)", missing.stderr().strip());
        Run.Result help = sc("lineage", "--help");
        assertTrue(help.ok().stdout().contains("Examples:\n  sc lineage "), help.stdout());
    }

    @Test
    void bashAcceptsTheCompletionScriptAndCompletesACommandName() throws Exception {
        Path script = Files.createTempFile("sc-completion", ".bash");
        Files.writeString(script, sc("completion", "bash").ok().stdout());
        Run.run(Map.of(), null, List.of("bash", "-n", script.toString())).ok();
        String offered = Run.run(Map.of(), null, List.of("bash", "-c", "source " + script
                + "; COMP_WORDS=(sc lin); COMP_CWORD=1; _sc; echo \"${COMPREPLY[*]}\"")).ok().stdout().strip();
        assertEquals("lineage", offered);
    }

    @Test
    void zshLoadsTheCompletionScriptAndCompletesCommandsAndOptionsByPosition() throws Exception {
        Path script = Files.createTempFile("sc-completion", ".zsh");
        String written = sc("completion", "zsh").ok().stdout();
        assertTrue(written.startsWith("#compdef sc\n"), written);
        Files.writeString(script, written);
        String zsh = Clients.zsh();
        Run.run(Map.of(), null, List.of(zsh, "-n", script.toString())).ok();
        // Loaded as users load it (compinit, then source): sc's completer is registered.
        String registered = Run.run(Map.of(), null, List.of(zsh, "-fc", "autoload -U compinit && compinit -u -D"
                + " && source " + script + " && print -r -- \"$_comps[sc]\"")).ok().stdout().strip();
        assertEquals("_sc", registered);
        // What it offers after words typed so far: compadd (zsh's builtin, which filters by prefix) prints its candidates here.
        String offer = "compdef() { : }; source " + script + "; compadd() { shift; print -r -- \"$*\" }; _files() { print -r -- FILES }; ";
        assertEquals("show set import-legacy -h --help\nFILES", Run.run(Map.of(), null, List.of(zsh, "-fc", offer
                + "words=(sc config s); CURRENT=3; _sc")).ok().stdout().strip(), "config's subcommands");
        String lineage = Run.run(Map.of(), null, List.of(zsh, "-fc", offer
                + "words=(sc --host /tmp/x.sock lineage --); CURRENT=5; _sc")).ok().stdout().strip();
        assertEquals("--container --host -h --help", lineage, "lineage's options, --host and its value skipped");
    }

    @Test
    void importLegacyNeverMergesTwoPeople() throws Exception {
        ObjectMapper json = new ObjectMapper();
        sc("config", "set", "--orcid", "0000-0002-1825-0097", "--name", "Josiah Carberry", "--affiliation", "Brown University").ok();
        JsonNode josiah = json.readTree(sc("config", "show", "--stored").ok().stdout()).path("agent");
        // The original tool's shape without foaf:name: given and family name, and the ORCID iD as the subject.
        Path legacy = Paths.scratch("sc-legacy").resolve("sc.config");
        Files.writeString(legacy, """
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <http://orcid.org/0000-0001-5109-3700> a foaf:Person ; foaf:givenName "Laure" ; foaf:familyName "Haak" .
                """);
        Run.Result imported = sc("config", "import-legacy", legacy.toString());
        assertTrue(imported.ok().stdout().startsWith("imported " + legacy + " as the default person, in place of Josiah"
                + " Carberry (someone else: nothing of theirs is kept)"), imported.stdout());
        JsonNode laure = json.readTree(sc("config", "show", "--stored").ok().stdout()).path("agent");
        assertEquals("https://orcid.org/0000-0001-5109-3700", laure.path("orcid").asText());
        assertEquals("Laure", laure.path("givenName").asText());
        assertTrue(laure.path("name").isMissingNode() && laure.path("affiliation").isMissingNode(), "nothing of Josiah's: " + laure);
        assertTrue(laure.path("id").isTextual() && !laure.path("id").equals(josiah.path("id")), "an id of her own: " + laure);

        // Her own file again, with her full name: the same person, updated, keeping her id.
        Files.writeString(legacy, """
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <http://orcid.org/0000-0001-5109-3700> a foaf:Person ; foaf:name "Laure L. Haak" .
                """);
        sc("config", "import-legacy", legacy.toString()).ok();
        JsonNode again = json.readTree(sc("config", "show", "--stored").ok().stdout()).path("agent");
        assertEquals("Laure L. Haak", again.path("name").asText());
        assertEquals("Laure", again.path("givenName").asText(), "what the file lacks stays");
        assertEquals(laure.path("id"), again.path("id"));
    }

    @Test
    void theDaemonSaysTheDockerSocketIsMissingAndServesUntilItAppears() throws Exception {
        Path notYet = Paths.scratch("sc-docker-later").resolve("docker.sock");
        try (ProxyProcess waiting = ProxyProcess.start(notYet, "")) {
            for (int i = 0; i < 50 && !waiting.log().contains("DockerSocketWait"); i++) {
                Thread.sleep(100); // said right after the proxy listens
            }
            assertTrue(waiting.log().contains("WARN DockerSocketWait - the Docker socket " + notYet + " does not exist:"
                    + " is Docker running?"), waiting.log());
            assertTrue(waiting.log().lines().noneMatch(line -> line.contains("DockerSocketWait") && line.contains("Exception")),
                    waiting.log());
            Thread.sleep(1500);
            assertTrue(waiting.isAlive(), "it keeps running\n" + waiting.log());
            assertTrue(waiting.sc("version", "--client").ok().stdout().startsWith("sc "));

            Files.createSymbolicLink(notYet, DockerSocket.path()); // Docker's socket appears
            for (int i = 0; i < 50 && !waiting.log().contains("the Docker socket " + notYet + " is there now"); i++) {
                Thread.sleep(100);
            }
            assertTrue(waiting.log().contains("INFO DockerSocketWait - the Docker socket " + notYet + " is there now"),
                    waiting.log());
            String version = waiting.sc("version").ok().stdout();
            assertTrue(version.contains("\ndocker: "), "Docker answers through it now: " + version);
        }
    }
}
