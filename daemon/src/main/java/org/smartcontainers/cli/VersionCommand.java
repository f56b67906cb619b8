package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Map;

@Parameters(commandDescription = "Print the versions of sc, of the running daemon and of Docker behind it")
final class VersionCommand extends ClientCommand {
    @Parameter(names = "--client", description = "Only this program's version; do not ask the daemon")
    boolean clientOnly;

    static String clientLine() {
        return "sc " + BuildInfo.version() + " (Java " + Runtime.version() + ")";
    }

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        out.println(clientLine());
        if (clientOnly) {
            return;
        }
        JsonNode version = client.json("GET", "/sc/v1/version", null);
        JsonNode sc = version.path("SmartContainers");
        JsonNode docker = version.path("Docker");
        out.println("daemon: SmartContainers " + sc.path("Version").asText() + " (extension API "
                + sc.path("ApiVersion").asText() + ") at " + client.socket());
        out.println("docker: " + docker.path("Version").asText() + " (API " + docker.path("ApiVersion").asText() + ")");
    }
}
