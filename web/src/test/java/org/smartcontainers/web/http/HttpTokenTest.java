package org.smartcontainers.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write token's file: made on first start with mode 0600, kept, narrowed, replaced when unusable. */
class HttpTokenTest {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path temporary;

    private static Set<PosixFilePermission> mode(Path file) throws IOException {
        return Files.getPosixFilePermissions(file);
    }

    @Test
    void firstLoadCreatesTheConfigDirectoryAndAnOwnerOnlyTokenFile() throws IOException {
        Path config = temporary.resolve("not-yet-there");
        String token = HttpToken.load(config);

        Path file = config.resolve(HttpToken.FILE);
        assertTrue(Files.isRegularFile(file));
        assertEquals(OWNER_ONLY, mode(file));
        assertEquals(token, Files.readString(file, StandardCharsets.UTF_8).trim(), "the file holds the token returned");
        assertTrue(token.length() >= 32, "long enough not to be guessed: " + token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "safe in a header and a Basic password: " + token);
        try (var files = Files.list(config)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void theNextLoadReturnsTheSameToken() throws IOException {
        String first = HttpToken.load(temporary);
        String second = HttpToken.load(temporary);
        assertEquals(first, second);
        assertEquals(OWNER_ONLY, mode(temporary.resolve(HttpToken.FILE)));
    }

    @Test
    void separateConfigDirectoriesGetDifferentTokens() throws IOException {
        assertNotEquals(HttpToken.load(temporary.resolve("a")), HttpToken.load(temporary.resolve("b")));
    }

    @Test
    void aFileOthersCouldReadIsNarrowedToOwnerOnlyAndItsTokenKept() throws IOException {
        Path file = temporary.resolve(HttpToken.FILE);
        String existing = "an-existing-token-of-good-length-1234";
        Files.writeString(file, existing + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(existing, HttpToken.load(temporary));
        assertEquals(OWNER_ONLY, mode(file));
    }

    @Test
    void anEmptyOrTooShortFileIsReplacedWithANewOwnerOnlyToken() throws IOException {
        for (String content : List.of("", "\n", "   ", "short", "fifteen-chars..")) {
            Path config = temporary.resolve("case-" + content.trim().length() + "-" + content.length());
            Files.createDirectories(config);
            Path file = config.resolve(HttpToken.FILE);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

            String token = HttpToken.load(config);
            assertTrue(token.length() >= 32, "'" + content + "' is replaced by a real token");
            assertNotEquals(content.trim(), token);
            assertEquals(token, Files.readString(file, StandardCharsets.UTF_8).trim(), "the new token is written");
            assertEquals(OWNER_ONLY, mode(file), "'" + content + "'");
            assertEquals(token, HttpToken.load(config), "and kept from then on");
        }
    }
}
