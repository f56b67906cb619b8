package org.smartcontainers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code config.json} in the config directory: read as it is, written whole and atomically (a
 * file of mode 0600 written and synced, then renamed over the old one), so a crash or a full disk
 * leaves the previous config, never half of a new one; nothing invalid is ever written.
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
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(valid)));
                out.force(true);
            }
            try {
                Files.move(temporary, directory.resolve(NAME), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, directory.resolve(NAME), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String toJson(ScConfig config) throws JsonProcessingException {
        return JSON.writeValueAsString(config);
    }
}
