package org.smartcontainers.config;

/** Configuration that cannot be taken: the message says what is wrong, for the person who typed it. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
