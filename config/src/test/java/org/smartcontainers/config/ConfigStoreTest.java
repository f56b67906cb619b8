package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    private static final Agent ADA = new Agent("Ada Lovelace", null, null, "ada@example.org", null, null,
            "0000-0002-1825-0097");

    @TempDir
    Path dir;

    @Test
    void aReplacementIsWrittenOwnerOnlyAndAppliesUnderTheEnvironment() throws Exception {
        ConfigStore store = ConfigStore.open(dir, Map.of("SC_AGENT_EMAIL", "env@example.org"), Agent.NOBODY);
        assertTrue(store.effective().agent().name() == null, "nothing stored yet");

        ScConfig now = store.replace(new ScConfig(ADA, Map.of()));

        assertEquals("Ada Lovelace", now.agent().name());
        assertEquals("env@example.org", now.agent().email(), "the environment still wins over the file");
        assertEquals("ada@example.org", store.stored().agent().email(), "the file keeps its own value");
        assertEquals("https://orcid.org/0000-0002-1825-0097", ConfigFile.read(dir).agent().orcid());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ConfigFile.NAME))));
        assertEquals("Ada Lovelace", ConfigStore.open(dir, Map.of(), null).effective().agent().name(), "a restart reads it back");
    }

    @Test
    void anInvalidReplacementChangesNothing() throws Exception {
        ConfigStore store = ConfigStore.open(dir, Map.of(), Agent.NOBODY);
        store.replace(new ScConfig(ADA, Map.of()));
        byte[] before = Files.readAllBytes(dir.resolve(ConfigFile.NAME));

        Agent wrongCheckDigit = new Agent("Mallory", null, null, null, null, null, "0000-0002-1825-0098");
        ConfigException e = assertThrows(ConfigException.class,
                () -> store.replace(new ScConfig(ADA, Map.of("1001", wrongCheckDigit))));

        assertTrue(e.getMessage().contains("user 1001") && e.getMessage().contains("check digit"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(ConfigFile.NAME)), "the file is untouched");
        assertEquals("Ada Lovelace", store.effective().agent().name(), "and so is what applies");
    }

    @Test
    void aValueOfMegabytesIsRefused() throws Exception {
        ConfigStore store = ConfigStore.open(dir, Map.of(), Agent.NOBODY);
        Agent huge = new Agent("x".repeat(3_000_000), null, null, null, null, null, null);
        ConfigException e = assertThrows(ConfigException.class, () -> store.replace(new ScConfig(huge, Map.of())));
        assertEquals("default agent: name is 3000000 characters long; at most " + Agent.MAX_LENGTH, e.getMessage());
    }
}
