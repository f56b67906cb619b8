package org.smartcontainers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenSocketTest {
    @Test
    void modesAreOctal() {
        assertEquals("rw-rw----", PosixFilePermissions.toString(ListenSocket.parseMode("0660")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(ListenSocket.parseMode("750")));
        assertThrows(IllegalArgumentException.class, () -> ListenSocket.parseMode("rw-rw----"));
        assertThrows(IllegalArgumentException.class, () -> ListenSocket.parseMode("01777"));
    }

    @Test
    void aLoopIsRefusedEvenThroughASymlink(@TempDir Path dir) throws IOException {
        Path listen = dir.resolve("sc.sock");
        Files.createFile(listen);
        Path link = dir.resolve("docker.sock");
        Files.createSymbolicLink(link, listen);
        ListenSocket.StartupException e = assertThrows(ListenSocket.StartupException.class,
                () -> ListenSocket.checkUsable(listen, link));
        assertTrue(e.getMessage().startsWith("the proxy would forward to itself"), e.getMessage());
    }

    @Test
    void aRegularFileInTheWayIsNeverDeleted(@TempDir Path dir) throws IOException {
        Path listen = dir.resolve("sc.sock");
        Files.writeString(listen, "precious");
        assertThrows(ListenSocket.StartupException.class, () -> ListenSocket.checkUsable(listen, dir.resolve("d.sock")));
        assertEquals("precious", Files.readString(listen));
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        ListenSocket.StartupException e = assertThrows(ListenSocket.StartupException.class,
                () -> ListenSocket.checkUsable(dir.resolve("no/sc.sock"), dir.resolve("d.sock")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
