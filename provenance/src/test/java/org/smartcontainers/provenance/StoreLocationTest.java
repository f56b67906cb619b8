package org.smartcontainers.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void defaultIsTdb2UnderXdgDataHome() {
        assertEquals(new StoreLocation.Tdb2Directory(Path.of("/data/smartcontainers")),
                StoreLocation.parse(null, Map.of("XDG_DATA_HOME", "/data"), HOME));
        assertEquals(new StoreLocation.Tdb2Directory(Path.of("/home/ada/.local/share/smartcontainers")),
                StoreLocation.parse("", Map.of(), HOME));
    }

    @Test
    void parsesEachKind() {
        assertEquals(new StoreLocation.InMemory(), StoreLocation.parse("mem:", Map.of(), HOME));
        assertEquals(new StoreLocation.RemoteSparql(URI.create("http://localhost:3030/sc")),
                StoreLocation.parse("http://localhost:3030/sc", Map.of(), HOME));
        assertEquals(new StoreLocation.Tdb2Directory(Path.of("/var/lib/sc")),
                StoreLocation.parse("/var/lib/sc", Map.of(), HOME));
    }

    @Test
    void refusesUnknownSchemes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreLocation.parse("ftp://x/y", Map.of(), HOME));
        assertEquals("unknown store 'ftp://x/y': give a directory, mem:, or an http(s):// SPARQL store URL",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("mem:foo", Map.of(), HOME));
        assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("http:///nohost", Map.of(), HOME));
    }
}
