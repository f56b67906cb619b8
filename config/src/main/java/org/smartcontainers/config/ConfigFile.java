package org.smartcontainers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code config.json} in the config directory: read as it is, written as a {@link PrivateFile}
 * (mode 0600, whole or not at all); nothing invalid is ever written.
 */
public final class ConfigFile {
    public static final String NAME = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigFile() {
    }

    /** The stored config; {@link ScConfig#EMPTY} when there is none yet. */
    public static ScConfig read(Path directory) throws IOException {
        Path file = directory.resolve(NAME);
        if (!Files.exists(file)) {
            return ScConfig.EMPTY;
        }
        try {
            return JSON.readValue(file.toFile(), ScConfig.class).validated();
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " cannot be read: " + e.getOriginalMessage()
                    + " (fix it, or move it away to start afresh)", e);
        }
    }

    /** Validates, then replaces the stored config. */
    public static void write(Path directory, ScConfig config) throws IOException {
        ScConfig valid = config.validated();
        PrivateFile.write(directory.resolve(NAME), JSON.writeValueAsBytes(valid));
    }
}
