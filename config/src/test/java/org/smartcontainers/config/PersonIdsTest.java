package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each configured person's id: given by the config store, kept in the file, kept by an edit. */
class PersonIdsTest {
    private static final Agent BOB = new Agent("Bob", null, null, null, null, null, null);

    @TempDir
    Path dir;

    private ConfigStore open() throws Exception {
        return ConfigStore.open(dir, Map.of(), Agent.NOBODY);
    }

    private static String uuidOf(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void eachStoredPersonIsGivenAnIdThatTheFileKeepsAndTheLayersDoNotChange() throws Exception {
        ConfigStore store = open();
        store.replace(new ScConfig(BOB, Map.of("1001", BOB, "1002", Agent.NOBODY)));

        String defaultId = store.stored().agent().id();
        String userId = store.stored().users().get("1001").id();
        assertNotNull(defaultId);
        assertNotEquals(defaultId, userId, "two people named Bob are two people");
        assertNull(store.stored().users().get("1002").id(), "nobody has no id");
        assertEquals(defaultId, ConfigFile.read(dir).agent().id(), "kept in the file");
        assertEquals(defaultId, open().stored().agent().id(), "a restart keeps it");

        ConfigStore layered = ConfigStore.open(dir, Map.of("SC_AGENT_NAME", "Robert"), new Agent("Rob", null, null, null,
                null, null, null));
        assertEquals("Rob", layered.effective().agent().name());
        assertEquals(defaultId, layered.effective().agent().id(), "the environment and flags rename; the id is the file's");
    }

    @Test
    void anEditKeepsTheIdAndANewPersonInTheSamePlaceGetsANewOne() throws Exception {
        ConfigStore store = open();
        store.replace(new ScConfig(BOB, Map.of()));
        Agent stored = store.stored().agent();

        // What `sc config set --name` does: the stored agent, id and all, with one field changed.
        store.replace(new ScConfig(new Agent(stored.id(), "Robert", null, null, null, null, null, null), Map.of()));
        assertEquals(stored.id(), store.stored().agent().id(), "a rename keeps the id");
        assertEquals("Robert", store.effective().agent().name());

        store.replace(new ScConfig(new Agent("Robert", null, null, null, null, null, null), Map.of()));
        assertNotEquals(stored.id(), store.stored().agent().id(), "a whole agent without an id is a new person");
    }

    @Test
    void aReplacementWithoutAnIdKeepsTheOldOneForTheSameEmailOrOrcid() throws Exception {
        ConfigStore store = open();
        Agent ada = new Agent("Ada", null, null, "ada@example.org", null, null, null);
        Agent josiah = new Agent("Josiah", null, null, null, null, null, "0000-0002-1825-0097");
        store.replace(new ScConfig(ada, Map.of("1001", josiah)));
        String adaId = store.stored().agent().id();
        String josiahId = store.stored().users().get("1001").id();
        assertEquals(uuidOf("mailto:ada@example.org"), adaId, "known by e-mail: the IRI records gave her before ids");

        // Both renamed, by whole new objects without ids; Ada's e-mail had changed in between.
        store.replace(new ScConfig(new Agent(adaId, "Ada", null, null, "ada@lab.example.org", null, null, null),
                Map.of("1001", josiah)));
        store.replace(new ScConfig(new Agent("Ada Lovelace", null, null, "ADA@lab.example.org", null, null, null),
                Map.of("1001", new Agent("Josiah Carberry", null, null, null, null, null, "https://orcid.org/0000-0002-1825-0097"))));
        assertEquals(adaId, store.stored().agent().id(), "the same e-mail address (case aside): the same person");
        assertEquals(josiahId, store.stored().users().get("1001").id(), "the same ORCID iD: the same person");

        store.replace(new ScConfig(new Agent("Ada Lovelace", null, null, "someone@example.org", null, null, null), Map.of()));
        assertNotEquals(adaId, store.stored().agent().id(), "another e-mail address, no id: another person");
    }

    @Test
    void anIdGivenIsKeptNormalisedAndOneThatIsNoUuidIsRefused() throws Exception {
        ConfigStore store = open();
        String id = "5F0C3B1E-8D2A-4C6F-9B7E-2A1D4E6F8C90";
        store.replace(new ScConfig(new Agent(id, "Bob", null, null, null, null, null, null), Map.of()));
        assertEquals(id.toLowerCase(), store.stored().agent().id(), "a person moved from another host keeps theirs");
        byte[] before = Files.readAllBytes(dir.resolve(ConfigFile.NAME));

        ConfigException e = assertThrows(ConfigException.class, () -> store.replace(new ScConfig(BOB,
                Map.of("1001", new Agent("bob-1", "Bob", null, null, null, null, null, null)))));
        assertTrue(e.getMessage().contains("user 1001") && e.getMessage().contains("'bob-1' is not a person's id")
                && e.getMessage().contains("UUID"), e.getMessage());
        assertThrows(ConfigException.class, () -> store.replace(new ScConfig(
                new Agent("5f0c3b1e8d2a4c6f9b7e2a1d4e6f8c90", "Bob", null, null, null, null, null, null), Map.of())));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(ConfigFile.NAME)), "nothing refused is written");
    }

    @Test
    void aFileWrittenBeforeIdsIsGivenThemWhenOpened() throws Exception {
        Files.writeString(dir.resolve(ConfigFile.NAME), "{\"agent\": {\"name\": \"Bob\"},"
                + " \"users\": {\"1001\": {\"name\": \"Bob\"}, \"ada\": {\"email\": \"ada@example.org\"}}}");

        ConfigStore store = open();

        String id = store.effective().agent().id();
        assertNotNull(id);
        assertNotEquals(id, store.effective().users().get("1001").id());
        assertEquals(uuidOf("mailto:ada@example.org"), store.effective().users().get("ada").id());
        String file = Files.readString(dir.resolve(ConfigFile.NAME));
        assertTrue(file.contains("\"id\" : \"" + id + "\""), "written back at once: " + file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ConfigFile.NAME))));
        assertEquals(store.stored(), open().stored(), "and the same ids after a restart");
    }
}
