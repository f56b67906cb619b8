package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.io.FileUtils;

/**
 * Where the checkout is, and short scratch directories (socket paths must stay under 108 bytes), removed
 * when the test JVM exits, so that runs do not pile up in /tmp.
 */
public final class Paths {
    private static final List<Path> MADE = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Paths::removeScratch, "scratch-removal"));
    }

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
            Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            MADE.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every scratch directory, unless something is mounted under it (never walk into another file system). */
    private static void removeScratch() {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" ")[1].replace("\\040", " ")).toList();
        } catch (IOException | RuntimeException e) {
            return; // cannot tell: leave everything
        }
        for (Path dir : MADE) {
            String prefix = dir.toString();
            if (mounts.stream().noneMatch(m -> m.equals(prefix) || m.startsWith(prefix + "/"))) {
                FileUtils.deleteQuietly(dir.toFile()); // best effort: a file a process still writes may stay
            }
        }
    }
}
