package org.smartcontainers.proxy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The proxy's socket file: checked before binding (no loop onto the daemon, no second proxy on the
 * same path, a stale file replaced), given its mode and group, removed on shutdown.
 */
public final class ListenSocket {
    private ListenSocket() {
    }

    /** Refuses, with a message that says what to do, a path the proxy must not bind. */
    public static void checkUsable(Path listen, Path upstream) throws IOException {
        if (sameFile(listen, upstream)) {
            throw new StartupException("the proxy would forward to itself: --listen " + listen
                    + " and the upstream daemon " + upstream + " are the same socket."
                    + " Is DOCKER_HOST pointing at the proxy? Give the daemon's socket with --docker.");
        }
        if (!Files.exists(listen, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = listen.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StartupException("cannot listen on " + listen + ": directory " + parent + " does not exist");
            }
            return;
        }
        if (!isSocket(listen)) {
            throw new StartupException("cannot listen on " + listen + ": a file that is not a socket is in the way");
        }
        if (somethingListensOn(listen)) {
            throw new StartupException("cannot listen on " + listen
                    + ": another process is serving on that socket (is sc daemon already running?)");
        }
        Files.delete(listen); // stale: left by a proxy that did not shut down cleanly
    }

    /** Mode and group as asked; both set before clients can connect through the final path. */
    public static void applyAccess(Path socket, Set<PosixFilePermission> mode, String group) throws IOException {
        Files.setPosixFilePermissions(socket, mode);
        if (group != null && !group.isBlank()) {
            GroupPrincipal principal;
            try {
                principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            } catch (UserPrincipalNotFoundException e) { // its message is empty
                throw new IOException("there is no group " + group + " on this machine (--socket-group)", e);
            }
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
        }
    }

    /** Parses an octal mode such as {@code 0660} or {@code 660}. */
    public static Set<PosixFilePermission> parseMode(String octal) {
        if (!octal.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("socket mode must be octal like 0660, got '" + octal + "'");
        }
        int bits = Integer.parseInt(octal, 8);
        StringBuilder rwx = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            rwx.append((bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(rwx.toString());
    }

    /** The group that owns a file, or null when it cannot be read. */
    public static String groupOf(Path file) {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    static boolean somethingListensOn(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer bits && (bits & 0170000) == 0140000;
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }

    /** A configuration that cannot start; its message is shown to the user as it is. */
    public static final class StartupException extends IOException {
        public StartupException(String message) {
            super(message);
        }
    }
}
