package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.smartcontainers.daemon.Failures;

/** {@code sc label get|put}: the {@code smartcontainer} label, and JSON-LD attached to an image or container. */
final class LabelCommands {
    private LabelCommands() {
    }

    @Parameters(commandDescription = "Print the smartcontainer label (JSON-LD provenance) of an image or container")
    static final class Get extends ClientCommand {
        @Parameter(description = "REF (an image or container: ID, short ID, name, repo:tag)", required = true, arity = 1)
        List<String> reference;

        @ParametersDelegate
        final Kinds kinds = new Kinds();

        @Override
        void run(ApiClient client, Map<String, String> env, PrintStream out) {
            String ref = reference.get(0);
            String kind = kinds.of(client, ref);
            out.println(client.json("GET", ApiClient.resource(kind, ref, "label"), null).toPrettyString());
        }
    }

    @Parameters(commandDescription = "Attach a JSON-LD document to an image or container (its metadata container"
            + " on the HTTP server shows it); with --commit, also make a new image whose label holds it")
    static final class Put extends ClientCommand {
        @Parameter(description = "REF FILE (FILE: JSON-LD with an inline @context; - for standard input)",
                required = true, arity = 2)
        List<String> arguments;

        @Parameter(names = "--commit", description = "For an image: commit a new image whose smartcontainer label"
                + " holds the document and the commit's provenance; it takes over the image's tags")
        boolean commit;

        @ParametersDelegate
        final Kinds kinds = new Kinds();

        @Override
        void run(ApiClient client, Map<String, String> env, PrintStream out) {
            String ref = arguments.get(0);
            byte[] document = read(arguments.get(1));
            String kind = kinds.of(client, ref);
            if (commit && kind.equals("containers")) {
                throw new CliException("--commit makes a new image: " + ref + " is a container");
            }
            JsonNode answer;
            try {
                answer = ApiClient.JSON.readTree(client.call("PUT", ApiClient.resource(kind, ref, "label")
                        + (commit ? "?commit=true" : ""), "application/ld+json", document).body());
            } catch (IOException e) {
                throw new CliException("the daemon's answer is not JSON: " + Failures.describe(e));
            }
            out.println("attached: " + answer.path("Location").asText());
            if (commit) {
                out.println("new image: " + answer.path("Id").asText() + tags(answer));
            }
        }

        private static byte[] read(String file) {
            try {
                return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + Failures.describe(e));
            }
        }
    }

    static String tags(JsonNode answer) {
        StringBuilder tags = new StringBuilder();
        answer.path("Tags").forEach(tag -> tags.append(tags.length() == 0 ? " (" : ", ").append(tag.asText()));
        return tags.length() == 0 ? "" : tags.append(')').toString();
    }
}
