package org.smartcontainers.cli;

/**
 * Ends a command: its message is printed on one line after {@code sc COMMAND: } and the exit status is 1
 * (2 for a {@link UsageError}).
 */
class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
