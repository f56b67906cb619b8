package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import java.util.Map;

/** What every command that talks to the daemon takes. */
final class ClientOptions {
    @Parameter(names = "--host", description = "The daemon's socket, PATH or unix://PATH. Default: $SC_HOST, else"
            + " where sc daemon listens by default (/var/run/sc.sock as root, else $XDG_RUNTIME_DIR/sc.sock)")
    String host;

    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help")
    boolean help;

    ApiClient client(Map<String, String> env) {
        return new ApiClient(DaemonSocket.forClient(host, env));
    }
}
