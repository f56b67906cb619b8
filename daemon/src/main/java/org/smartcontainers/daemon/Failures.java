package org.smartcontainers.daemon;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** A failure said in words for a person: never a Java exception's type, which tells them nothing. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable failure) {
        String file = failure instanceof FileSystemException f ? f.getFile() : null;
        if (failure instanceof NoSuchFileException) {
            return "there is no such file: " + file;
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied: " + file;
        }
        if (failure instanceof NotDirectoryException) {
            return "not a directory: " + file;
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "already exists: " + file;
        }
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        // A wrapper made from its cause alone carries the cause's type and message as its own.
        if (cause != null && cause != failure && (message == null || message.equals(cause.toString()))) {
            return describe(cause);
        }
        if (message == null || message.isBlank()) {
            return "an unexpected failure (the log has its details)";
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
