package org.smartcontainers.cli;

import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.util.Map;

/** A command that talks to the running daemon over its socket; its options include {@link ClientOptions}. */
abstract class ClientCommand {
    @ParametersDelegate
    final ClientOptions options = new ClientOptions();

    /** Writes its result to {@code out}; throws {@link CliException} to fail with a message. */
    abstract void run(ApiClient client, Map<String, String> env, PrintStream out);
}
