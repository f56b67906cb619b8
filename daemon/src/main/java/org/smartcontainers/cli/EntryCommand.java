package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

@Parameters(commandDescription = "Print a container's Hydra entry point (JSON-LD): links to its provenance, its"
        + " image's lineage and its metadata container on the HTTP server")
final class EntryCommand extends ClientCommand {
    @Parameter(description = "CONTAINER", required = true, arity = 1)
    List<String> container;

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        out.println(client.json("GET", ApiClient.resource("containers", container.get(0), "entry"), null)
                .toPrettyString());
    }
}
