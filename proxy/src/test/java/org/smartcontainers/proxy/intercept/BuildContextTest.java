package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The context watcher against archives made by the real tar and gzip, fed in odd-sized pieces. */
class BuildContextTest {
    private static final String DOCKERFILE = "# syntax\nFROM busybox:1 AS build\nRUN make \\\n  all\nFROM build\n"
            + "FROM --platform=linux/amd64 alpine\nFROM scratch\n";

    private static byte[] archive(Path dir, String... tarFlags) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
        Files.createDirectories(dir.resolve("src"));
        byte[] big = new byte[70_000];
        new Random(1).nextBytes(big);
        Files.write(dir.resolve("src/data.bin"), big);
        return tarOf(dir, tarFlags);
    }

    /** The files of {@code dir} as tar makes them (regular files only: no directory entries). */
    private static byte[] tarOf(Path dir, String... tarFlags) throws Exception {
        Path out = Files.createTempFile("context", ".tar");
        List<String> command = new ArrayList<>(List.of("tar", "-C", dir.toString(), "-c", "--no-recursion"));
        command.addAll(List.of(tarFlags));
        command.addAll(List.of("-f", out.toString()));
        try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString()).sorted().forEach(command::add);
        }
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor());
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(out);
        return bytes;
    }

    private static BuildContext feed(byte[] bytes, String dockerfilePath) {
        return feed(bytes, dockerfilePath, ContextDigest.WHOLE);
    }

    private static BuildContext feed(byte[] bytes, String dockerfilePath, ContextDigest kind) {
        BuildContext context = new BuildContext(dockerfilePath, kind);
        Random sizes = new Random(7);
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + sizes.nextInt(1500));
            context.update(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
        return context;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void findsTheDockerfileInAPlainTar(@TempDir Path dir) throws Exception {
        byte[] tar = archive(dir);
        BuildContext context = feed(tar, "Dockerfile");
        assertEquals(DOCKERFILE, context.dockerfile());
        assertEquals(sha256(tar), context.sha256Hex());
        assertEquals(tar.length, context.size());
        assertEquals(sha256(DOCKERFILE.getBytes()), context.dockerfileSha256Hex());
    }

    @Test
    void findsItInAGzipTarToo(@TempDir Path dir) throws Exception {
        byte[] gzip = archive(dir, "-z");
        BuildContext context = feed(gzip, "./Dockerfile");
        assertEquals(DOCKERFILE, context.dockerfile());
        assertEquals(sha256(gzip), context.sha256Hex(), "the digest is of the bytes as sent");
    }

    @Test
    void anotherPathOrACompressionItCannotOpenGivesNoDockerfile(@TempDir Path dir) throws Exception {
        assertNull(feed(archive(dir), "src/Dockerfile.other").dockerfile());
        BuildContext xz = feed(archive(dir, "-J"), "Dockerfile");
        assertTrue(xz.compressed());
        assertNull(xz.dockerfile());
        assertFalse(feed(archive(dir), "Dockerfile").compressed());
    }

    @Test
    void theListingDigestIsOfTheHeadersAloneAndCountsTheFiles(@TempDir Path dir) throws Exception {
        byte[] tar = archive(dir, "--mtime=2020-01-01", "--owner=0", "--group=0");
        BuildContext listing = feed(tar, "Dockerfile", ContextDigest.LISTING);
        assertTrue(listing.digestsListing());
        assertEquals(DOCKERFILE, listing.dockerfile(), "the Dockerfile is still read");
        assertEquals(2, listing.files());
        assertEquals(DOCKERFILE.length() + 70_000, listing.fileBytes());
        assertEquals(tar.length, listing.size());

        // Same names, sizes and times, other content: the same listing; another name: another listing.
        byte[] other = new byte[70_000];
        new Random(2).nextBytes(other);
        Files.write(dir.resolve("src/data.bin"), other);
        byte[] sameListing = tarOf(dir, "--mtime=2020-01-01", "--owner=0", "--group=0");
        assertEquals(listing.sha256Hex(), feed(sameListing, "Dockerfile", ContextDigest.LISTING).sha256Hex());
        assertTrue(!sha256(sameListing).equals(sha256(tar)), "the archives differ");
        Files.move(dir.resolve("src/data.bin"), dir.resolve("src/renamed.bin"));
        byte[] renamed = tarOf(dir, "--mtime=2020-01-01", "--owner=0", "--group=0");
        assertTrue(!listing.sha256Hex().equals(feed(renamed, "Dockerfile", ContextDigest.LISTING).sha256Hex()));
    }

    @Test
    void longNamesInPaxOrGnuHeadersArePartOfTheListing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
        String longName = "d".repeat(120);
        Files.writeString(dir.resolve(longName), "x");
        List<String> digests = new ArrayList<>();
        for (String format : List.of("--format=gnu", "--format=pax")) {
            Path out = dir.resolve("c" + digests.size() + ".tar");
            assertEquals(0, new ProcessBuilder("tar", "-C", dir.toString(), format, "-cf", out.toString(), "Dockerfile", longName)
                    .inheritIO().start().waitFor());
            BuildContext context = feed(Files.readAllBytes(out), "Dockerfile", ContextDigest.LISTING);
            assertEquals(2, context.files(), format);
            digests.add(context.sha256Hex());
        }
        Files.move(dir.resolve(longName), dir.resolve("e".repeat(120)));
        Path out = dir.resolve("renamed.tar");
        assertEquals(0, new ProcessBuilder("tar", "-C", dir.toString(), "--format=gnu", "-cf", out.toString(), "Dockerfile",
                "e".repeat(120)).inheritIO().start().waitFor());
        assertTrue(!digests.get(0).equals(feed(Files.readAllBytes(out), "Dockerfile", ContextDigest.LISTING).sha256Hex()),
                "a long name differing after its 100th character changes the listing");
    }

    @Test
    void aCompressionItCannotOpenIsDigestedWhole(@TempDir Path dir) throws Exception {
        byte[] xz = archive(dir, "-J");
        BuildContext context = feed(xz, "Dockerfile", ContextDigest.LISTING);
        assertFalse(context.digestsListing());
        assertEquals(sha256(xz), context.sha256Hex());
    }

    @Test
    void onlyAPlainTarsListingIsReadWhereItPasses(@TempDir Path dir) throws Exception {
        byte[] tar = archive(dir);
        assertTrue(BuildContext.readsCheaply(ContextDigest.LISTING, Unpooled.wrappedBuffer(tar)));
        assertFalse(BuildContext.readsCheaply(ContextDigest.WHOLE, Unpooled.wrappedBuffer(tar)), "every byte hashed");
        for (String compression : List.of("-z", "-J")) {
            assertFalse(BuildContext.readsCheaply(ContextDigest.LISTING, Unpooled.wrappedBuffer(archive(dir, compression))),
                    compression + ": inflated or hashed whole");
        }
    }

    @Test
    void bytesThatAreNoTarEndTheWalkQuietly() {
        byte[] notTar = ("FROM busybox\nONBUILD RUN x\n" + "x".repeat(600)).getBytes();
        for (ContextDigest kind : ContextDigest.values()) {
            BuildContext context = feed(notTar, "Dockerfile", kind);
            assertNull(context.dockerfile());
            assertTrue(context.decided(), kind + ": nothing more to wait for");
            assertEquals(notTar.length, context.size());
        }
    }

    @Test
    void baseImagesSkipStagesAndScratch() {
        assertEquals(List.of("busybox:1", "alpine"), Dockerfiles.baseImages(DOCKERFILE));
    }
}
