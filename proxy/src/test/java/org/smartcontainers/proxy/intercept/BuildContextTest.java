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
        Path out = dir.resolve("context.tar");
        List<String> command = new ArrayList<>(List.of("tar", "-C", dir.toString(), "-c"));
        command.addAll(List.of(tarFlags));
        command.addAll(List.of("-f", out.toString(), "src", "Dockerfile"));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor());
        return Files.readAllBytes(out);
    }

    private static BuildContext feed(byte[] bytes, String dockerfilePath) {
        BuildContext context = new BuildContext(dockerfilePath);
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
    void baseImagesSkipStagesAndScratch() {
        assertEquals(List.of("busybox:1", "alpine"), Dockerfiles.baseImages(DOCKERFILE));
    }
}
