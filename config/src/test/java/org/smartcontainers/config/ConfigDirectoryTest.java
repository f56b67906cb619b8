package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void commandLineWinsOverEnvironment() {
        assertEquals(Path.of("/etc/sc"),
                ConfigDirectory.resolve("/etc/sc", Map.of("SC_HOME", "/srv/sc"), HOME));
    }

    @Test
    void scHomeWinsOverDefault() {
        assertEquals(Path.of("/srv/sc"), ConfigDirectory.resolve(null, Map.of("SC_HOME", "/srv/sc"), HOME));
    }

    @Test
    void defaultsToDotScInHome() {
        assertEquals(Path.of("/home/ada/.sc"), ConfigDirectory.resolve(null, Map.of(), HOME));
        assertEquals(Path.of("/home/ada/.sc"), ConfigDirectory.resolve(" ", Map.of("SC_HOME", ""), HOME));
    }
}
