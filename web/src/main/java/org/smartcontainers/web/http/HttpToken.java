package org.smartcontainers.web.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.smartcontainers.config.PrivateFile;

/** The write token: file {@code http-token} in the config directory, made on first start, mode 0600. */
public final class HttpToken {
    public static final String FILE = "http-token";

    private HttpToken() {
    }

    /** The token in {@code configDirectory}, created if there is none; a file others could read is narrowed to 0600. */
    public static String load(Path configDirectory) throws IOException {
        Path file = configDirectory.resolve(FILE);
        if (Files.exists(file)) {
            if (!Files.getPosixFilePermissions(file).equals(PrivateFile.OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, PrivateFile.OWNER_ONLY);
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.length() >= 16) {
                return token;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PrivateFile.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
        return token;
    }
}
