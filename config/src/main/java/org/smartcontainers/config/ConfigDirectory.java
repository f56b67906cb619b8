package org.smartcontainers.config;

import java.nio.file.Path;
import java.util.Map;

/** Where the daemon keeps its configuration: {@code --config-dir}, else {@code $SC_HOME}, else {@code ~/.sc}. */
public final class ConfigDirectory {
    public static final String ENV_SC_HOME = "SC_HOME";

    private ConfigDirectory() {
    }

    /**
     * @param fromCommandLine the {@code --config-dir} value, or null when not given
     * @param env             the process environment (injected so tests control it)
     * @param userHome        the user's home directory
     */
    public static Path resolve(String fromCommandLine, Map<String, String> env, Path userHome) {
        if (fromCommandLine != null && !fromCommandLine.isBlank()) {
            return Path.of(fromCommandLine).toAbsolutePath().normalize();
        }
        String scHome = env.get(ENV_SC_HOME);
        if (scHome != null && !scHome.isBlank()) {
            return Path.of(scHome).toAbsolutePath().normalize();
        }
        return userHome.resolve(".sc");
    }
}
