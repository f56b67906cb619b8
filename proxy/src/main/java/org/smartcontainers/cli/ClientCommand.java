package org.smartcontainers.cli;

import java.io.PrintStream;
import java.util.Map;

/** A command that talks to the running daemon over its socket. */
interface ClientCommand {
    ClientOptions options();

    /** Writes its result to {@code out}; throws {@link CliException} to fail with a message. */
    void run(ApiClient client, Map<String, String> env, PrintStream out);
}
