package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.buildkit.FileSyncPacket.Stat;

/**
 * What a session's file sync sent, as fsutil's sender sends it: one STAT per entry (its ID is its
 * index in the listing, directories included), an empty STAT to end the list, DATA for a requested
 * ID with an empty DATA ending the file.
 */
class SessionFilesTest {
    private static final Instant MTIME = Instant.parse("2026-02-03T04:05:06.123456789Z");
    /** Go's os.ModeDir and os.ModeSymlink. */
    private static final long DIR = 1L << 31;
    private static final long SYMLINK = 1L << 27;

    private static Stat file(String path, long size, Instant modTime) {
        return new Stat(path, 0644, 1000, 1000, size, modTime, "");
    }

    private static Stat file(String path, long size) {
        return file(path, size, MTIME);
    }

    private static final List<Stat> CONTEXT = List.of(
            new Stat("src", DIR | 0755, 0, 0, 4096, MTIME, ""),
            file("src/main.c", 1200),
            new Stat("src/link", SYMLINK | 0777, 0, 0, 8, MTIME, "main.c"),
            file("Dockerfile", 40),
            file("data.bin", 100_000));

    /** A complete transfer of {@code dir}: the STATs, then the empty one. */
    private static SessionFiles.Listing listed(SessionFiles files, String dir, List<Stat> stats) {
        SessionFiles.Listing listing = files.transfer(dir);
        stats.forEach(listing::stat);
        listing.stat((Stat) null);
        return listing;
    }

    private static String digest(List<Stat> stats) {
        return listed(new SessionFiles("key"), "context", stats).digestHex();
    }

    @Test
    void aListingIsTheDirectorysOnlyOnceItsEmptyStatCame() {
        SessionFiles files = new SessionFiles("key");
        SessionFiles.Listing listing = files.transfer("context");
        CONTEXT.forEach(listing::stat);
        assertNull(listing.digestHex());
        assertNull(files.listing("context"), "a listing cut short is not the directory's");
        listing.stat((Stat) null);
        assertEquals(64, listing.digestHex().length());
        assertSame(listing, files.listing("context"));
        assertNull(files.listing("dockerfile"));
    }

    @Test
    void filesAndBytesCountRegularFilesOnly() {
        SessionFiles.Listing listing = listed(new SessionFiles("key"), "context", CONTEXT);
        assertEquals(3, listing.files(), "not the directory, not the symlink");
        assertEquals(1200 + 40 + 100_000, listing.bytes());
    }

    @Test
    void theDigestIsTheSameForTheSameListingAndChangesWithASizeOrAModificationTime() {
        String digest = digest(CONTEXT);
        assertEquals(digest, digest(List.copyOf(CONTEXT)));
        Stat[] bigger = CONTEXT.toArray(Stat[]::new);
        bigger[4] = file("data.bin", 100_001);
        assertNotEquals(digest, digest(Arrays.asList(bigger)));
        Stat[] touched = CONTEXT.toArray(Stat[]::new);
        touched[4] = file("data.bin", 100_000, MTIME.plusNanos(1));
        assertNotEquals(digest, digest(Arrays.asList(touched)));
        assertNotEquals(digest, digest(CONTEXT.subList(0, 4)), "a file fewer");
    }

    @Test
    void statsAfterTheEndOfTheListingChangeNothing() {
        SessionFiles.Listing listing = listed(new SessionFiles("key"), "context", CONTEXT);
        String digest = listing.digestHex();
        listing.stat(file("late.txt", 5));
        listing.stat((Stat) null);
        assertEquals(digest, listing.digestHex());
        assertEquals(3, listing.files());
    }

    @Test
    void theDockerfileDirectoryKeepsAFilesBytesByItsIndexInTheListing() {
        SessionFiles files = new SessionFiles("key");
        SessionFiles.Listing listing = listed(files, SessionFiles.DOCKERFILE_DIR, List.of(
                new Stat("docker", DIR | 0755, 0, 0, 4096, MTIME, ""),
                file(".dockerignore", 12),
                file("Dockerfile", 25)));
        listing.data(2, "FROM busybox\n".getBytes(StandardCharsets.UTF_8));
        assertNull(listing.content("Dockerfile"), "not until the empty DATA ends it");
        listing.data(2, "RUN true\n".getBytes(StandardCharsets.UTF_8));
        listing.data(2, new byte[0]);
        assertArrayEquals("FROM busybox\nRUN true\n".getBytes(StandardCharsets.UTF_8), listing.content("Dockerfile"));
        assertNull(listing.content(".dockerignore"), "never asked for");
        assertEquals(25, listing.stat("Dockerfile").size());
        assertNull(listing.stat("Containerfile"));
        listing.data(7, "no such ID".getBytes(StandardCharsets.UTF_8));
        listing.data(7, new byte[0]);
        assertSame(listing, files.listing(SessionFiles.DOCKERFILE_DIR));
        assertEquals("key", files.sharedKey());
    }

    @Test
    void theContextsBytesAreNeverKept() {
        SessionFiles.Listing listing = listed(new SessionFiles(null), "context", CONTEXT);
        listing.data(3, "FROM busybox\n".getBytes(StandardCharsets.UTF_8));
        listing.data(3, new byte[0]);
        assertNull(listing.content("Dockerfile"));
        assertNull(listing.stat("Dockerfile"), "only the Dockerfile's directory keeps its entries");
    }

    private static Integer length(byte[] content) {
        return content == null ? null : content.length;
    }

    @Test
    void aFileOfOneMebibyteIsKeptAndALargerOneIsNot() {
        SessionFiles.Listing listing = listed(new SessionFiles("key"), SessionFiles.DOCKERFILE_DIR, List.of(
                file("Dockerfile", 1 << 20), file("Dockerfile.big", 2 << 20), file("Dockerfile.odd", (1 << 20) + 1)));
        byte[] piece = new byte[32 << 10]; // fsutil sends files in pieces of 32 KiB
        for (int i = 0; i < 32; i++) {
            listing.data(0, piece);
        }
        listing.data(0, new byte[0]);
        assertNotNull(listing.content("Dockerfile"));
        assertEquals(1 << 20, listing.content("Dockerfile").length);
        for (int i = 0; i < 64; i++) {
            listing.data(1, piece);
        }
        listing.data(1, new byte[0]);
        assertNull(length(listing.content("Dockerfile.big")), "2 MiB is more than is kept, not kept cut short");
        for (int i = 0; i < 32; i++) {
            listing.data(2, piece);
        }
        listing.data(2, new byte[1]);
        listing.data(2, new byte[0]);
        assertNull(length(listing.content("Dockerfile.odd")));
    }

    @Test
    void whateverAClientSendsATransferKeepsBoundedEntriesAndBytesAndASessionBoundedDirectories() {
        SessionFiles files = new SessionFiles("key");
        List<Stat> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(file("f" + i, 1 << 20));
        }
        SessionFiles.Listing listing = listed(files, SessionFiles.DOCKERFILE_DIR, many);
        assertEquals(5000, listing.files(), "every entry counted");
        assertEquals(1 << 20, listing.stat("f" + (SessionFiles.MAX_KEPT_ENTRIES - 1)).size());
        assertNull(listing.stat("f" + SessionFiles.MAX_KEPT_ENTRIES), "not kept");
        byte[] piece = new byte[32 << 10];
        int wholeFiles = SessionFiles.MAX_KEPT_BYTES / (1 << 20);
        for (int id = 0; id < wholeFiles + 3; id++) {
            for (int i = 0; i < 32; i++) {
                listing.data(id, piece);
            }
            listing.data(id, new byte[0]);
        }
        for (int id = 0; id < wholeFiles; id++) {
            assertEquals(1 << 20, length(listing.content("f" + id)), "within the budget: kept whole");
        }
        for (int id = wholeFiles; id < wholeFiles + 3; id++) {
            assertNull(listing.content("f" + id), "past the budget: not kept, never cut short");
        }
        for (int i = 0; i < SessionFiles.MAX_DIRECTORIES + 50; i++) {
            listed(files, "dir" + i, CONTEXT);
        }
        assertNotNull(files.listing("dir0"));
        assertNull(files.listing("dir" + (SessionFiles.MAX_DIRECTORIES + 49)), "past the bound: not kept");
        assertSame(listing, files.listing(SessionFiles.DOCKERFILE_DIR), "a directory already kept is kept again");
    }
}
