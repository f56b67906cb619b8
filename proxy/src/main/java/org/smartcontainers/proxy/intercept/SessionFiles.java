package org.smartcontainers.proxy.intercept;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smartcontainers.proxy.buildkit.FileSyncPacket;

/**
 * What one BuildKit session's file sync sent, directory by directory ({@code context},
 * {@code dockerfile}, named contexts): each directory's listing, and the Dockerfile's bytes when
 * BuildKit asked for them. The session is the client's ({@code /session}); a build names it.
 */
final class SessionFiles {
    /** The directory the Dockerfile frontend reads the Dockerfile from. */
    static final String DOCKERFILE_DIR = "dockerfile";
    /** A file kept whole (a Dockerfile, its .dockerignore) is at most this long. */
    private static final int MAX_KEPT_FILE = 1 << 20;
    /**
     * What one transfer of the Dockerfile's directory keeps, whatever a client sends: BuildKit asks for the
     * Dockerfile and its ignore files only, so a few entries and their bytes; the rest is counted, not kept.
     */
    static final int MAX_KEPT_ENTRIES = 1000;
    static final int MAX_KEPT_BYTES = 4 << 20;
    /** The directories a session's listings are kept for (BuildKit names a few: context, dockerfile, named contexts). */
    static final int MAX_DIRECTORIES = 100;
    /** Go's os.FileMode type bits: a file that is none of these is a regular file. */
    private static final long GO_MODE_TYPE = (1L << 31) | (1L << 27) | (1L << 26) | (1L << 25) | (1L << 24)
            | (1L << 21) | (1L << 19);

    private final String sharedKey;
    private final Map<String, Listing> latest = new ConcurrentHashMap<>();

    SessionFiles(String sharedKey) {
        this.sharedKey = sharedKey == null ? "" : sharedKey;
    }

    String sharedKey() {
        return sharedKey;
    }

    /** A new transfer of a directory begins (one DiffCopy stream). */
    Listing transfer(String dirName) {
        return new Listing(dirName, dirName.equals(DOCKERFILE_DIR));
    }

    /** The directory's last complete listing, or null when none was sent. */
    Listing listing(String dirName) {
        return latest.get(dirName);
    }

    /** One transfer of one directory, fed the packets the client sent. Used by one event loop. */
    final class Listing {
        private final String dirName;
        private final boolean keepsFiles;
        private final MessageDigest digest = Digests.sha256();
        private long entries;
        private long files;
        private long bytes;
        private String digestHex;
        /** For a directory whose files are kept: the entries by their ID (their index in the listing). */
        private final Map<Long, FileSyncPacket.Stat> stats = new HashMap<>();
        private final Map<Long, ByteArrayOutputStream> contents = new HashMap<>();
        private final Map<String, byte[]> kept = new HashMap<>();
        private long keptBytes;
        private boolean overBudget;

        private Listing(String dirName, boolean keepsFiles) {
            this.dirName = dirName;
            this.keepsFiles = keepsFiles;
        }

        synchronized void stat(FileSyncPacket.Stat stat) {
            if (digestHex != null) {
                return;
            }
            if (stat == null) { // the empty STAT: the listing is complete
                digestHex = HexFormat.of().formatHex(digest.digest());
                if (latest.size() < MAX_DIRECTORIES || latest.containsKey(dirName)) {
                    latest.put(dirName, this);
                }
                return;
            }
            String entry = stat.path() + "\0" + Long.toOctalString(stat.mode()) + "\0" + stat.size() + "\0"
                    + (stat.modTime() == null ? "" : stat.modTime().toString()) + "\0"
                    + (stat.linkname() == null ? "" : stat.linkname()) + "\n";
            digest.update(entry.getBytes(StandardCharsets.UTF_8));
            if ((stat.mode() & GO_MODE_TYPE) == 0) {
                files++;
                bytes += stat.size();
            }
            if (keepsFiles && stats.size() < MAX_KEPT_ENTRIES) {
                stats.put(entries, stat);
            }
            entries++;
        }

        /** A piece of a file the daemon asked for; an empty piece ends the file. */
        synchronized void data(long id, byte[] piece) {
            FileSyncPacket.Stat stat = stats.get(id);
            if (!keepsFiles || stat == null) {
                return;
            }
            ByteArrayOutputStream content = contents.computeIfAbsent(id, i -> new ByteArrayOutputStream());
            if (piece.length == 0) {
                contents.remove(id);
                if (content.size() <= MAX_KEPT_FILE && !overBudget) {
                    kept.put(stat.path(), content.toByteArray());
                } else {
                    keptBytes -= content.size();
                }
            } else if (content.size() <= MAX_KEPT_FILE && !overBudget) {
                // One byte past the bound is kept, so that a file too long to keep is known as one.
                int length = Math.min(piece.length, MAX_KEPT_FILE + 1 - content.size());
                if (keptBytes + length > MAX_KEPT_BYTES) {
                    overBudget = true; // no file of this transfer is kept whole any more: none can be trusted complete
                    return;
                }
                content.write(piece, 0, length);
                keptBytes += length;
            }
        }

        boolean keepsFiles() {
            return keepsFiles;
        }

        /** The SHA-256 of the listing (hex), null until it is complete. */
        synchronized String digestHex() {
            return digestHex;
        }

        synchronized long files() {
            return files;
        }

        synchronized long bytes() {
            return bytes;
        }

        /** A file of the listing, as listed. */
        synchronized FileSyncPacket.Stat stat(String path) {
            return stats.values().stream().filter(s -> s.path().equals(path)).findFirst().orElse(null);
        }

        /** A file's bytes, when BuildKit asked for it in this transfer. */
        synchronized byte[] content(String path) {
            return kept.get(path);
        }
    }
}
