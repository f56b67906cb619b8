package org.smartcontainers.cli;

/** A command given wrongly in a way JCommander cannot see (one of two options, at least one of several): status 2. */
final class UsageError extends CliException {
    UsageError(String message) {
        super(message);
    }
}
