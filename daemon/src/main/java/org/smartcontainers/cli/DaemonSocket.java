package org.smartcontainers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.smartcontainers.config.ConfigDirectory;

/** Where the daemon's socket is: the one rule {@code sc daemon} listens by and the client commands look by. */
final class DaemonSocket {
    static final String ENV_SC_HOST = "SC_HOST";

    private DaemonSocket() {
    }

    /** {@code /var/run/sc.sock} as root, else {@code $XDG_RUNTIME_DIR/sc.sock}, else in the config directory. */
    static Path defaultPath(Map<String, String> env, Path configDirectory) {
        if (isRoot()) {
            return Path.of("/var/run/sc.sock");
        }
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        return runtimeDir != null && !runtimeDir.isBlank()
                ? Path.of(runtimeDir, "sc.sock") : configDirectory.resolve("sc.sock");
    }

    /** For a client command: {@code --host}, else {@code SC_HOST}, else where {@code sc daemon} listens by default. */
    static Path forClient(String host, Map<String, String> env) {
        String given = host != null && !host.isBlank() ? host : env.get(ENV_SC_HOST);
        if (given != null && !given.isBlank()) {
            return Path.of(DaemonCommand.stripUnix(given));
        }
        return defaultPath(env, ConfigDirectory.resolve(null, env, Path.of(System.getProperty("user.home"))));
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
