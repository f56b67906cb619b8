package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.smartcontainers.testsupport.Run;

/** The Debian package the build made (packaging/target), and dpkg, which installs and removes it on this machine. */
public final class DebianPackage {
    public static final String NAME = "smartcontainers";

    private DebianPackage() {
    }

    /** The .deb of this build: the one whose version is what the checkout's bin/sc says it is. */
    public static Path built(String version) {
        Path deb = Paths.repo().resolve("packaging/target/" + NAME + "_" + version + "_all.deb");
        if (!Files.isRegularFile(deb)) {
            throw new AssertionError("no " + deb + ": the reactor builds it before the tests (mvn -pl tests -am verify);"
                    + " found " + listing(deb.getParent()));
        }
        return deb;
    }

    public static Run.Result dpkg(String... args) {
        return Run.run(Map.of("DEBIAN_FRONTEND", "noninteractive"), null, Stream.concat(Stream.of("dpkg"),
                Stream.of(args)).toList());
    }

    /** {@code ${Field}} of the installed package; null when it is not installed. */
    public static String installed(String field) {
        Run.Result query = Run.run(Map.of(), null, List.of("dpkg-query", "-W", "-f=${db:Status-Status}|${" + field + "}",
                NAME));
        if (query.exitCode() != 0 || !query.stdout().startsWith("installed|")) {
            return null;
        }
        return query.stdout().substring("installed|".length());
    }

    public static String field(Path deb, String field) {
        return Run.run(Map.of(), null, List.of("dpkg-deb", "-f", deb.toString(), field)).ok().out();
    }

    /** The same package under another version: an upgrade made without a second build. */
    public static Path withVersion(Path deb, String version, Path scratch) {
        Path tree = scratch.resolve("tree");
        Run.run(Map.of(), null, List.of("dpkg-deb", "-R", deb.toString(), tree.toString())).ok();
        try {
            Path control = tree.resolve("DEBIAN/control");
            Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path newer = scratch.resolve(NAME + "_" + version + "_all.deb");
        Run.run(Map.of(), null, List.of("dpkg-deb", "--root-owner-group", "-b", tree.toString(), newer.toString())).ok();
        return newer;
    }

    public static boolean newer(String version, String than) {
        return Run.run(Map.of(), null, List.of("dpkg", "--compare-versions", version, "gt", than)).exitCode() == 0;
    }

    private static String listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().toString();
        } catch (IOException e) {
            return "nothing (" + dir + " cannot be listed)";
        }
    }
}
