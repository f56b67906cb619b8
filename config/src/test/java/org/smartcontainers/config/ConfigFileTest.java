package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final Agent ADA = new Agent("Ada Lovelace", "Ada", "Lovelace", "ada@example.org", "Analytical Society",
            "https://example.org/ada", "0000-0002-1825-0097");

    @TempDir
    Path dir;

    @Test
    void noFileMeansAnEmptyConfig() throws IOException {
        assertEquals(ScConfig.EMPTY, ConfigFile.read(dir.resolve("not-yet")));
    }

    @Test
    void writtenWithMode0600AndReadBackNormalised() throws IOException {
        ConfigFile.write(dir, new ScConfig(ADA, Map.of("1001", new Agent("Bob", null, null, null, null, null, null))));
        Path file = dir.resolve(ConfigFile.NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ScConfig read = ConfigFile.read(dir);
        assertEquals("https://orcid.org/0000-0002-1825-0097", read.agent().orcid(), "kept as the IRI");
        assertEquals("Bob", read.agentFor(1001, "bob").name());
        assertEquals("Ada Lovelace", read.agentFor(1002, "carol").name(), "others get the default");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void anInvalidConfigIsRefusedAndTheStoredOneKept() throws IOException {
        ConfigFile.write(dir, new ScConfig(ADA, Map.of()));
        String before = Files.readString(dir.resolve(ConfigFile.NAME));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.write(dir,
                new ScConfig(ADA.overriddenBy(new Agent(null, null, null, null, null, null, "0000-0002-1825-0098")), Map.of())));
        assertTrue(e.getMessage().startsWith("default agent:") && e.getMessage().contains("check digit"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigFile.write(dir, new ScConfig(ADA,
                Map.of("bob", new Agent(null, null, null, "not-an-address", null, null, null)))));
        assertThrows(ConfigException.class, () -> ConfigFile.write(dir, new ScConfig(ADA,
                Map.of("../etc", ADA))));
        assertEquals(before, Files.readString(dir.resolve(ConfigFile.NAME)), "nothing already stored is lost");
    }

    @Test
    void aDamagedFileIsReportedNotOverwritten() throws IOException {
        Files.writeString(dir.resolve(ConfigFile.NAME), "{\"agent\": {\"name\": ");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read(dir));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        Files.writeString(dir.resolve(ConfigFile.NAME), "{\"agent\": {\"nmae\": \"typo\"}}");
        assertThrows(ConfigException.class, () -> ConfigFile.read(dir), "unknown fields are not silently dropped");
    }
}
