package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

@Parameters(commandDescription = "Make an existing image or container smart: record its provenance from what Docker"
        + " shows (marked as reconstructed) and, for an image, commit a new image with the label")
final class InfectCommand extends ClientCommand {
    @Parameter(description = "REF (an image or container)", required = true, arity = 1)
    List<String> reference;

    @ParametersDelegate
    final Kinds kinds = new Kinds();

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        String ref = reference.get(0);
        String kind = kinds.of(client, ref);
        JsonNode answer = client.json("POST", ApiClient.resource(kind, ref, "smart"), null);
        out.println("recorded " + ref + "'s provenance as " + answer.path("Reconstructed").asText() + " (reconstructed)");
        if (answer.path("Labelled").asBoolean()) {
            out.println("smart image: " + answer.path("Id").asText() + LabelCommands.tags(answer));
        } else {
            out.println(answer.path("Note").asText());
        }
    }
}
