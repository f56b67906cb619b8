package org.smartcontainers.provenance;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one setting that picks the provenance store ({@code sc daemon --store}): a TDB2 directory
 * (the default), {@code mem:} for an in-memory store, or the base URL of a remote SPARQL 1.1 store.
 */
public sealed interface StoreLocation {

    record Tdb2Directory(Path directory) implements StoreLocation {
    }

    record InMemory() implements StoreLocation {
    }

    record RemoteSparql(URI endpoint) implements StoreLocation {
    }

    /** Parses a {@code --store} value; null or blank gives the default TDB2 directory. */
    static StoreLocation parse(String value, Map<String, String> env, Path userHome) {
        if (value == null || value.isBlank()) {
            return new Tdb2Directory(defaultDirectory(env, userHome));
        }
        if (value.equals("mem:")) {
            return new InMemory();
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("store URL has no host: " + value);
            }
            return new RemoteSparql(uri);
        }
        if (value.contains("://") || value.startsWith("mem:")) {
            throw new IllegalArgumentException(
                    "unknown store '" + value + "': give a directory, mem:, or an http(s):// SPARQL store URL");
        }
        return new Tdb2Directory(Path.of(value).toAbsolutePath().normalize());
    }

    /** {@code $XDG_DATA_HOME/smartcontainers}, else {@code ~/.local/share/smartcontainers}. */
    static Path defaultDirectory(Map<String, String> env, Path userHome) {
        String dataHome = env.get("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank()
                ? Path.of(dataHome) : userHome.resolve(".local").resolve("share");
        return base.resolve("smartcontainers");
    }
}
