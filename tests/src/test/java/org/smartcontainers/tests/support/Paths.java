package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the checkout is, and short scratch directories (socket paths must stay under 108 bytes). */
public final class Paths {
    private Paths() {
    }

    public static Path repo() {
        String fromMaven = System.getProperty("sc.repo");
        Path start = Path.of(fromMaven != null ? fromMaven : "").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("bin/sc")) && Files.exists(p.resolve("tests"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the checkout (bin/sc) above " + start);
    }

    public static Path scratch(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
