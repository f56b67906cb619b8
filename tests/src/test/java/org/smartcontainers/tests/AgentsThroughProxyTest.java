package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * Who the records name: the person the config gives for the connecting client's uid (the kernel's word,
 * from the Unix socket), with the chain Docker -> SmartContainers -> person. A second uid is a real second
 * process under {@code setpriv}, so the test runs as root (as CI does) and fails otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentsThroughProxyTest {
    private static final int SECOND_UID = 1001;
    private static final String ORCID = "https://orcid.org/0000-0002-1825-0097";
    private static final String NEW_ORCID = "https://orcid.org/0000-0001-5109-3700";
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
            + "> PREFIX sc: <" + Vocab.SC_NS + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> PREFIX rdfs: <" + RDFS.getURI()
            + "> PREFIX schema: <" + Vocab.Schema.NS + "> ";
    /** The default person and, for the second uid, a person known by e-mail alone. */
    private static final String CONFIG = "{\"agent\": {\"name\": \"Josiah Carberry\", \"email\": \"josiah@example.org\","
            + " \"affiliation\": \"Brown University\", \"orcid\": \"0000-0002-1825-0097\"},"
            + " \"users\": {\"" + SECOND_UID + "\": {\"givenName\": \"Ada\", \"familyName\": \"Second\", \"email\": \"ada@example.org\"}}}";
    /** Another default, and root keyed by user name; the second uid has no entry any more. */
    private static final String NEW_CONFIG = "{\"agent\": {\"name\": \"Laure Haak\", \"orcid\": \"0000-0001-5109-3700\"},"
            + " \"users\": {\"root\": {\"name\": \"Root By Name\"}}}";

    private final DockerCli direct = DockerCli.direct();
    private final String host = read(Path.of("/proc/sys/kernel/hostname")).strip();
    private ProxyProcess proxy;
    private DockerCli cli;
    private ScApi api;

    @BeforeAll
    void start() {
        String uid = Run.run(Map.of(), null, List.of("id", "-u")).ok().out();
        if (!uid.equals("0")) {
            throw new AssertionError("AgentsThroughProxyTest must run as root (CI does): it runs a client as uid "
                    + SECOND_UID + " with setpriv; this is uid " + uid);
        }
        Clients.setpriv(); // fails here, before any proxy starts, when it is missing
        Clients.curl();
        // The second uid must be able to connect: the socket's default mode is 0660.
        proxy = ProxyProcess.start("--socket-mode", "0666");
        cli = DockerCli.through(proxy);
        api = ScApi.of(proxy);
    }

    @AfterAll
    void stop() {
        proxy.close();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure(String config) {
        var answer = api.json("PUT", "/sc/v1/config", config);
        assertEquals(200, answer.status(), answer.toString());
    }

    /** {@code user@host} as the daemon names an account: the passwd name, else "uid N". */
    private String account(int uid) {
        String user = read(Path.of("/etc/passwd")).lines().map(line -> line.split(":", -1))
                .filter(fields -> fields.length > 2 && fields[2].equals(Integer.toString(uid)))
                .map(fields -> fields[0]).findFirst().orElse("uid " + uid);
        return user + "@" + host;
    }

    /**
     * The local IRI of a configured person without an ORCID iD: from the id the config store keeps for
     * them, which for one first stored with an e-mail address is the UUID of {@code mailto:} it (the IRI
     * records gave them before ids).
     */
    private static String localPerson(JsonNode person) {
        String id = person.path("id").asText();
        assertTrue(id.matches("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}"), "an id: " + person);
        return Vocab.INSTANCE_BASE + "agent/person-" + id;
    }

    /** The local IRI of a person first configured with the e-mail address in {@code key} ({@code mailto:…}). */
    private static String localPerson(String key) {
        return Vocab.INSTANCE_BASE + "agent/person-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode storedUser(String user) {
        return ScApi.parse(api.get("/sc/v1/config?layer=stored")).path("users").path(user);
    }

    /** {@code bin/sc ARGS}, finding the daemon through SC_HOST as a user would. */
    private Run.Result sc(String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
        command.addAll(List.of(args));
        return Run.run(Map.of("SC_HOST", proxy.socket().toString()), null, command).ok();
    }

    private String createAsRoot(String name) {
        cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
        return direct.run("inspect", "-f", "{{.Id}}", name).ok().out();
    }

    /** A call to the proxy by another process under the second uid; returns the 2xx answer's JSON. */
    private JsonNode asSecondUid(String method, String path, String body) {
        List<String> command = new ArrayList<>(List.of(Clients.setpriv(), "--reuid=" + SECOND_UID, "--regid=" + SECOND_UID,
                "--clear-groups", Clients.curl(), "-q", "-sS", "--unix-socket", proxy.socket().toString(), "-X", method,
                "-w", "\n%{http_code}"));
        if (body != null) {
            command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        command.add("http://docker" + path);
        Run.Result result = Run.run(Map.of(), null, command).ok();
        String out = result.out();
        int status = Integer.parseInt(out.substring(out.lastIndexOf('\n') + 1));
        assertTrue(status / 100 == 2, "uid " + SECOND_UID + ": " + method + " " + path + " -> " + out);
        try {
            return ScApi.JSON.readTree(out.substring(0, out.lastIndexOf('\n')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String createAsSecondUid(String name) {
        return asSecondUid("POST", "/containers/create?name=" + name,
                "{\"Image\": \"" + DockerSocket.BASE_IMAGE + "\", \"Cmd\": [\"true\"]}").path("Id").asText();
    }

    /** The create's record, in its own graph, names {@code person} along the whole chain, and no other person. */
    private boolean namesOnly(String containerId, String person, String account) {
        return api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(containerId) + "> prov:wasGeneratedBy ?a ."
                + " ?a a docker:ContainerCreate; prov:wasAssociatedWith <" + person + ">, ?sc, ?docker;"
                + " prov:qualifiedAssociation [ prov:agent <" + person + ">; prov:hadRole sc:requester; sc:localAccount '" + account + "' ] ."
                + " <" + person + "> a prov:Person, foaf:Person ."
                + " ?sc a prov:SoftwareAgent; rdfs:label 'SmartContainers'; sc:version ?scVersion;"
                + " prov:qualifiedDelegation [ prov:agent <" + person + ">; prov:hadActivity ?a ] ."
                + " ?docker a prov:SoftwareAgent; rdfs:label 'Docker Engine'; docker:version ?dockerVersion; docker:engineId ?engine;"
                + " prov:qualifiedDelegation [ prov:agent ?sc; prov:hadActivity ?a ]"
                + " FILTER NOT EXISTS { ?a prov:wasAssociatedWith ?other . ?other a prov:Person FILTER(?other != <" + person + ">) }"
                + " FILTER NOT EXISTS { ?sc prov:qualifiedDelegation [ prov:agent ?otherPrincipal; prov:hadActivity ?a ]"
                + " FILTER(?otherPrincipal != <" + person + ">) } } }");
    }

    @Test
    void aCreateByRootNamesTheDefaultPersonWithTheWholeChain() {
        configure(CONFIG);
        String name = cli.name("root");
        try {
            String id = createAsRoot(name);
            assertTrue(namesOnly(id, ORCID, account(0)), "Docker -> SmartContainers -> the default person, by ORCID iD");
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(id) + "> prov:wasGeneratedBy ?a ."
                    + " <" + ORCID + "> foaf:name 'Josiah Carberry'; foaf:mbox <mailto:josiah@example.org>;"
                    + " schema:affiliation ?org . ?org a foaf:Organization; foaf:name 'Brown University' FILTER(isIRI(?org)) } }"),
                    "what the config says of them");
            assertTrue(api.ask(PREFIXES + "ASK { <" + Vocab.containerIri(id) + "> prov:wasAttributedTo <" + ORCID + "> }"),
                    "the container is attributed to the person who made it");

            // The container's label names them too: it is the record as the request showed it.
            String label = direct.run("inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", name).ok().out();
            Model model = ModelFactory.createDefaultModel();
            RDFParser.fromString(label, Lang.JSONLD).parse(model);
            assertTrue(model.contains(model.createResource(ORCID), RDF.type, Vocab.Prov.Person), label);
            assertTrue(model.contains(null, Vocab.Prov.agent, model.createResource(ORCID)), label);
        } finally {
            direct.run("rm", "-f", name);
        }
    }

    @Test
    void aCreateByAnotherUidNamesThatUsersAgent() {
        configure(CONFIG);
        String name = cli.name("uid" + SECOND_UID);
        try {
            String id = createAsSecondUid(name);
            assertEquals(id, direct.run("inspect", "-f", "{{.Id}}", name).ok().out());
            String ada = localPerson("mailto:ada@example.org");
            assertTrue(namesOnly(id, ada, account(SECOND_UID)), "the second uid's own agent, by a stable local IRI");
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(id) + "> prov:wasGeneratedBy ?a ."
                    + " <" + ada + "> foaf:name 'Ada Second'; foaf:givenName 'Ada'; foaf:familyName 'Second';"
                    + " foaf:mbox <mailto:ada@example.org> } }"));
            assertFalse(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(id) + "> prov:wasGeneratedBy ?a ."
                    + " ?s ?p <" + ORCID + "> } }"), "not the default person");
        } finally {
            direct.run("rm", "-f", name);
        }
    }

    @Test
    void aCommitsAuthorIsLinkedToThePersonTheConfigKnowsByEmailOrName() {
        configure(CONFIG);
        String name = cli.name("authored");
        String byEmail = cli.name("by-email") + ":v1";
        String byName = cli.name("by-name") + ":v1";
        String unknown = cli.name("unknown") + ":v1";
        try {
            cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
            cli.run("commit", "-a", "J. Carberry <JOSIAH@example.org>", name, byEmail).ok();
            cli.run("commit", "-a", "Ada Second <ada@example.org>", name, byName).ok();
            cli.run("commit", "-a", "Josiah", name, unknown).ok();
            String ada = localPerson("mailto:ada@example.org");
            assertTrue(authorOf(byEmail, ORCID), "the default person, by e-mail address (case aside), by their ORCID iD");
            assertTrue(api.ask(PREFIXES + "ASK { ?a prov:generated <" + Vocab.imageIri(imageId(byEmail)) + ">;"
                    + " docker:author 'J. Carberry <JOSIAH@example.org>' }"), "the author as given is kept");
            assertTrue(authorOf(byName, ada), "the second uid's person, by e-mail address, as their own records name them");
            assertFalse(api.ask(PREFIXES + "ASK { ?a prov:generated <" + Vocab.imageIri(imageId(unknown)) + ">;"
                    + " docker:authorAgent ?someone }"), "a name no configured person has exactly links nobody");
        } finally {
            direct.run("rm", "-f", name);
            direct.run("rmi", "-f", byEmail, byName, unknown);
        }
    }

    private String imageId(String reference) {
        return direct.run("image", "inspect", "-f", "{{.Id}}", reference).ok().out();
    }

    private boolean authorOf(String image, String person) {
        return api.ask(PREFIXES + "ASK { GRAPH ?a { ?a prov:generated <" + Vocab.imageIri(imageId(image)) + ">;"
                + " docker:authorAgent <" + person + "> . <" + person + "> a prov:Person } }");
    }

    @Test
    void anExtensionApiCommitByAnotherUidIsRecordedForThatUser() {
        configure(CONFIG);
        String tag = "sc-it-agents-" + UUID.randomUUID().toString().substring(0, 8) + ":v1";
        // An image of its own (not a tag of sc-busybox, whose tags the relabel would move).
        String maker = direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out();
        String oldId = direct.run("commit", maker, tag).ok().out();
        direct.run("rm", "-f", maker).ok();
        String newId = null;
        try {
            JsonNode made = asSecondUid("PUT", "/sc/v1/images/" + tag + "/label?commit=true",
                    "{\"@context\": {\"dct\": \"http://purl.org/dc/terms/\"}, \"@id\": \"https://example.org/sc-it/agents\","
                            + " \"dct:title\": \"made by uid " + SECOND_UID + "\"}");
            newId = made.path("Id").asText();
            String activity = made.path("Activity").asText();
            String ada = localPerson("mailto:ada@example.org");
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH <" + activity + "> { <" + activity + "> a docker:ContainerCommit;"
                    + " prov:wasAssociatedWith <" + ada + ">, ?sc; prov:qualifiedAssociation [ prov:agent <" + ada + ">;"
                    + " sc:localAccount '" + account(SECOND_UID) + "' ] . ?sc prov:qualifiedDelegation [ prov:agent <" + ada + ">;"
                    + " prov:hadActivity <" + activity + "> ] } }"), made.toString());
            assertFalse(api.ask(PREFIXES + "ASK { GRAPH <" + activity + "> { ?s ?p <" + ORCID + "> } }"), "not the default person");
        } finally {
            direct.removeImages(tag, newId, oldId);
        }
    }

    @Test
    void aNewConfigNamesNewPeopleWhileOldRecordsKeepTheirs() {
        configure(CONFIG);
        String rootBefore = cli.name("root-before");
        String secondBefore = cli.name("second-before");
        String rootAfter = cli.name("root-after");
        String secondAfter = cli.name("second-after");
        try {
            String rootBeforeId = createAsRoot(rootBefore);
            String secondBeforeId = createAsSecondUid(secondBefore);
            String ada = localPerson("mailto:ada@example.org");

            configure(NEW_CONFIG);
            String rootAfterId = createAsRoot(rootAfter);
            String secondAfterId = createAsSecondUid(secondAfter);

            // Root is now named by its user name's entry (by the id the config store gave it); the second
            // uid, without one, by the new default.
            assertTrue(namesOnly(rootAfterId, localPerson(storedUser("root")), account(0)));
            assertTrue(namesOnly(secondAfterId, NEW_ORCID, account(SECOND_UID)));
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(secondAfterId) + "> prov:wasGeneratedBy ?a ."
                    + " <" + NEW_ORCID + "> foaf:name 'Laure Haak' FILTER NOT EXISTS { <" + NEW_ORCID + "> foaf:mbox ?m } } }"),
                    "nothing of the old default carries over");

            // What was recorded before still names who acted then.
            assertTrue(namesOnly(rootBeforeId, ORCID, account(0)));
            assertTrue(namesOnly(secondBeforeId, ada, account(SECOND_UID)));
            assertFalse(namesOnly(rootBeforeId, NEW_ORCID, account(0)), "the new default is not written into old records");
            assertFalse(namesOnly(secondBeforeId, NEW_ORCID, account(SECOND_UID)));
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(rootBeforeId) + "> prov:wasGeneratedBy ?a ."
                    + " <" + ORCID + "> foaf:name 'Josiah Carberry' } }"));
        } finally {
            direct.run("rm", "-f", rootBefore, secondBefore, rootAfter, secondAfter);
        }
    }

    @Test
    void aPersonKnownByNameAloneKeepsTheirIriThroughARenameAndSharesItWithNoOneOfTheSameName() {
        configure("{\"users\": {\"root\": {\"name\": \"Pat Doe\"}, \"" + SECOND_UID + "\": {\"name\": \"Pat Doe\"}}}");
        String before = cli.name("pat-before");
        String after = cli.name("pat-after");
        String other = cli.name("other-pat");
        try {
            String pat = localPerson(storedUser("root"));
            String otherPat = localPerson(storedUser(Integer.toString(SECOND_UID)));
            String beforeId = createAsRoot(before);

            sc("config", "set", "--user", "root", "--name", "Pat Smith", "--family-name", "Smith");
            assertEquals("Pat Smith", storedUser("root").path("name").asText());
            String afterId = createAsRoot(after);
            String otherId = createAsSecondUid(other);

            assertTrue(namesOnly(beforeId, pat, account(0)), "before the rename: " + pat);
            assertTrue(namesOnly(afterId, pat, account(0)), "after it, the same person");
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(afterId) + "> prov:wasGeneratedBy ?a ."
                    + " <" + pat + "> foaf:name 'Pat Smith'; foaf:familyName 'Smith' } }"), "under their new name");
            assertTrue(api.ask(PREFIXES + "ASK { GRAPH ?a { <" + Vocab.containerIri(beforeId) + "> prov:wasGeneratedBy ?a ."
                    + " <" + pat + "> foaf:name 'Pat Doe' } }"), "the old record keeps the name they had then");
            assertFalse(pat.equals(otherPat), "another Pat Doe is another person");
            assertTrue(namesOnly(otherId, otherPat, account(SECOND_UID)), otherPat);
        } finally {
            direct.run("rm", "-f", before, after, other);
        }
    }
}
