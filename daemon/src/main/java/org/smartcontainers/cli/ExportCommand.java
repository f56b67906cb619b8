package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

@Parameters(commandDescription = "Write the whole provenance store: TriG keeps each record in its named graph;"
        + " Turtle and JSON-LD merge them")
final class ExportCommand extends ClientCommand {
    @Parameter(names = "--format", description = "turtle, jsonld or trig")
    String format = "trig";

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        if (!List.of("turtle", "jsonld", "trig").contains(format)) {
            throw new CliException("--format must be turtle, jsonld or trig, got '" + format + "'");
        }
        out.writeBytes(client.call("GET", "/sc/v1/export?format=" + format, null, null).body());
        out.flush();
    }
}
