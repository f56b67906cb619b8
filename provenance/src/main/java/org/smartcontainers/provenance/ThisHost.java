package org.smartcontainers.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of the host this daemon runs on: accounts are {@code user@host}, bind mounts are paths on it. */
public final class ThisHost {
    private static final String NAME = read();

    private ThisHost() {
    }

    public static String name() {
        return NAME;
    }

    private static String read() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
