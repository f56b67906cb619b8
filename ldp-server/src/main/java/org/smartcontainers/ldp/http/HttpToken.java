package org.smartcontainers.ldp.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** The write token: file {@code http-token} in the config directory, made on first start, mode 0600. */
public final class HttpToken {
    public static final String FILE = "http-token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HttpToken() {
    }

    /** The token in {@code configDirectory}, created if there is none; a file others could read is narrowed to 0600. */
    public static String load(Path configDirectory) throws IOException {
        Path file = configDirectory.resolve(FILE);
        if (Files.exists(file)) {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.length() >= 16) {
                return token;
            }
        }
        Files.createDirectories(configDirectory);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Written with its final mode and renamed into place: never readable by others, never half-written.
        Path temporary = Files.createTempFile(configDirectory, FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return token;
    }
}
