package org.smartcontainers.cli;

import java.util.Locale;
import java.util.Set;

/** Sets up slf4j-simple; must run before the first logger is created. */
final class Logging {
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    private Logging() {
    }

    static void configure(String level) {
        String normalized = level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(normalized)) {
            throw new IllegalArgumentException("--log-level must be one of " + LEVELS + ", got " + level);
        }
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", normalized);
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
