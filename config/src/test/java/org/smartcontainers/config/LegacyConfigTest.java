package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code legacy/sc.config} is what the original tool (crcresearch/smartcontainers, sc/cli.py and
 * sc/configmanager.py) saved: the Turtle ORCID's public API returned for a record, written verbatim.
 * Its shape follows ORCID's RDF writer of the time; the person is ORCID's fictitious test researcher.
 */
class LegacyConfigTest {
    private static final String ORCID_IRI = "https://orcid.org/0000-0002-1825-0097";

    @TempDir
    Path dir;

    @Test
    void readsTheOrcidRecordTheOriginalSaved() throws URISyntaxException {
        Agent agent = LegacyConfig.read(Path.of(getClass().getResource("/legacy/sc.config").toURI()));
        assertEquals(new Agent("Josiah Carberry", "Josiah", "Carberry", "jcarberry@example.edu", null,
                "http://www.example.edu/~jcarberry/", ORCID_IRI), agent,
                "mailto: stripped, the http://orcid.org subject kept as the https IRI, the linked FOAF profile not taken for the user");
    }

    @Test
    void readsTheShapeWrittenForAUserWithoutOrcid() throws IOException {
        // What rdflib serialised for cli.py's "no ORCID profile" answers: a urn:uuid subject, no type.
        Agent agent = LegacyConfig.read(write("""
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xml: <http://www.w3.org/XML/1998/namespace> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

                <urn:uuid:0b5c1f5e-6a49-4a3e-9d8e-2f4c2b7a9e11> foaf:familyName "Lovelace" ;
                    foaf:givenName "Ada" .

                """));
        assertEquals(new Agent(null, "Ada", "Lovelace", null, null, null, null), agent);
    }

    @Test
    void theOrcidIsTakenAsABareIdToo() throws IOException {
        assertEquals(ORCID_IRI, LegacyConfig.read(write("""
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                [] foaf:name "Ada Lovelace" ;
                   foaf:account [ foaf:accountName "0000-0002-1825-0097" ; foaf:accountServiceHomepage <http://orcid.org> ] .
                """)).orcid(), "the account's name");
        assertEquals(ORCID_IRI, LegacyConfig.read(write("0000-0002-1825-0097\n")).orcid(),
                "a development version saved only the iD");
    }

    @Test
    void findLooksWhereTheOriginalWroteInOrder() throws IOException {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Path scHome = Files.createDirectories(dir.resolve("schome"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("SC_HOME", scHome.toString());
        assertEquals(Optional.empty(), LegacyConfig.find(configDir, env, home));

        Path earlierName = touch(home.resolve(".sc/orcid_turtle.SCconfig"));
        assertEquals(Optional.of(earlierName), LegacyConfig.find(configDir, env, home), "the name used before sc.config");
        Path dotSc = touch(home.resolve(".sc/sc.config"));
        assertEquals(Optional.of(dotSc), LegacyConfig.find(configDir, env, home));
        Path glued = touch(dir.resolve("schomesc.config"));
        assertEquals(Optional.of(glued), LegacyConfig.find(configDir, env, home), "$SC_HOME and the name joined without '/'");
        Path inScHome = touch(scHome.resolve("sc.config"));
        assertEquals(Optional.of(inScHome), LegacyConfig.find(configDir, env, home));
        assertEquals(Optional.of(dotSc), LegacyConfig.find(configDir, Map.of(), home), "~/.sc without SC_HOME");
        Path inConfigDir = touch(configDir.resolve("sc.config"));
        assertEquals(Optional.of(inConfigDir), LegacyConfig.find(configDir, env, home));

        Files.delete(inConfigDir);
        Files.createDirectory(inConfigDir);
        assertEquals(Optional.of(inScHome), LegacyConfig.find(configDir, env, home), "only regular files count");
    }

    @Test
    void aBadCheckDigitIsRefusedNamingTheFile() throws IOException, URISyntaxException {
        String sample = Files.readString(Path.of(getClass().getResource("/legacy/sc.config").toURI()));
        Path file = write(sample.replace("0000-0002-1825-0097", "0000-0002-1825-0098"));
        ConfigException e = assertThrows(ConfigException.class, () -> LegacyConfig.read(file));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("check digit is 8"), e.getMessage());
    }

    @Test
    void aFileThatIsNotTurtleIsRefusedClearly() throws IOException {
        // The JSON a development version wrote instead.
        Path file = write("{\n    \"orcid-id\": \"0000-0002-1825-0097\",\n    \"turtle-profile\": \"...\"\n}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LegacyConfig.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a legacy sc.config: not Turtle ("), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertTrue(assertThrows(ConfigException.class, () -> LegacyConfig.read(file)).getMessage().contains("not UTF-8"));
    }

    @Test
    void aFileWithNoPersonIsRefused() throws IOException {
        // ORCID answered errors in Turtle too.
        Path file = write("""
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <> rdfs:label "Error"@en ; rdfs:comment "Not found : No entity found for query"@en .
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> LegacyConfig.read(file));
        assertTrue(e.getMessage().startsWith(file + " describes no person"), e.getMessage());
    }

    @Test
    void twoPeopleWithoutAnOrcidAreAmbiguous() throws IOException {
        Path file = write("""
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <urn:uuid:1> foaf:givenName "Ada" .
                <urn:uuid:2> foaf:givenName "Charles" .
                """);
        assertTrue(assertThrows(ConfigException.class, () -> LegacyConfig.read(file)).getMessage()
                .contains("describes 2 people"));
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path file = dir.resolve("sc.config");
        assertEquals(file + " cannot be read: there is no such file",
                assertThrows(ConfigException.class, () -> LegacyConfig.read(file)).getMessage());
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("sc.config"), content);
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }
}
