package org.smartcontainers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.config.LegacyConfig;

class LegacyImportTest {
    private static final String JOSIAH = "{\"agent\": {\"id\": \"5f0c3b1e-8d2a-4c6f-9b7e-2a1d4e6f8c90\","
            + " \"name\": \"Josiah Carberry\", \"affiliation\": \"Brown University\","
            + " \"orcid\": \"https://orcid.org/0000-0002-1825-0097\"}}";

    @TempDir
    Path dir;

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) ApiClient.JSON.readTree(text);
    }

    /** The person a legacy file holds, read as the command reads it. */
    private ObjectNode legacy(String turtle) throws IOException {
        Path file = Files.writeString(dir.resolve("sc.config"), "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n" + turtle);
        return ApiClient.JSON.valueToTree(LegacyConfig.read(file));
    }

    @Test
    void anotherPersonReplacesTheStoredOneWhole() throws IOException {
        // The original tool's shape without foaf:name: a field-by-field merge kept Josiah's name on Laure.
        ObjectNode config = json(JOSIAH);
        String said = LegacyImport.apply(config, legacy("<http://orcid.org/0000-0001-5109-3700> a foaf:Person ;"
                + " foaf:givenName \"Laure\" ; foaf:familyName \"Haak\" ."));
        assertEquals(json("{\"agent\": {\"givenName\": \"Laure\", \"familyName\": \"Haak\","
                + " \"orcid\": \"https://orcid.org/0000-0001-5109-3700\"}}"), config, "nothing of Josiah's, not even his id");
        assertEquals("as the default person, in place of Josiah Carberry (someone else: nothing of theirs is kept)", said);
    }

    @Test
    void theSamePersonIsUpdatedKeepingWhatTheFileLacks() throws IOException {
        ObjectNode config = json(JOSIAH);
        LegacyImport.apply(config, legacy("<http://orcid.org/0000-0002-1825-0097> a foaf:Person ;"
                + " foaf:name \"Josiah S. Carberry\" ."));
        assertEquals(json("{\"agent\": {\"id\": \"5f0c3b1e-8d2a-4c6f-9b7e-2a1d4e6f8c90\", \"name\": \"Josiah S. Carberry\","
                + " \"affiliation\": \"Brown University\", \"orcid\": \"https://orcid.org/0000-0002-1825-0097\"}}"), config);
    }

    @Test
    void samePersonIsTheOrcidElseTheEmailElseTheName() throws IOException {
        assertFalse(LegacyImport.samePerson(json("{\"name\": \"A B\", \"orcid\": \"https://orcid.org/0000-0002-1825-0097\"}"),
                json("{\"name\": \"A B\", \"orcid\": \"https://orcid.org/0000-0001-5109-3700\"}")), "one name, two iDs");
        assertTrue(LegacyImport.samePerson(json("{\"name\": \"A B\", \"email\": \"a@example.org\"}"),
                json("{\"givenName\": \"Al\", \"email\": \"A@example.org\", \"orcid\": \"https://orcid.org/0000-0001-5109-3700\"}")));
        assertFalse(LegacyImport.samePerson(json("{\"name\": \"A B\", \"email\": \"a@example.org\"}"),
                json("{\"name\": \"A B\", \"email\": \"b@example.org\"}")), "one name, two addresses");
        assertTrue(LegacyImport.samePerson(json("{\"name\": \"Laure  Haak\"}"),
                json("{\"givenName\": \"Laure\", \"familyName\": \"Haak\"}")));
        assertFalse(LegacyImport.samePerson(json("{\"affiliation\": \"Brown University\"}"),
                json("{\"givenName\": \"Laure\"}")), "nothing to tell them by: not the same");
    }

    @Test
    void withNobodyStoredTheImportIsTheDefaultPerson() throws IOException {
        ObjectNode config = json("{\"users\": {}}");
        assertEquals("as the default person", LegacyImport.apply(config, json("{\"name\": \"Laure Haak\"}")));
        assertEquals(json("{\"users\": {}, \"agent\": {\"name\": \"Laure Haak\"}}"), config);
    }
}
