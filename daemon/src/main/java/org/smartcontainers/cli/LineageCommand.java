package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smartcontainers.provenance.Vocab;

@Parameters(commandDescription = "Print what an image or container derives from, as a tree: each image with its"
        + " names, what made it, when, who (person and software), and whether that was observed, claimed by a"
        + " label, recovered at start-up or reconstructed. A container starts the tree, then its image")
final class LineageCommand extends ClientCommand {
    private static final int MAX_DEPTH = 100;

    @Parameter(description = "IMAGE|CONTAINER", required = true, arity = 1)
    List<String> reference;

    @ParametersDelegate
    final Kinds kinds = new Kinds();

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        String ref = reference.get(0);
        String kind = kinds.of(client, ref);
        JsonNode inspect = client.json("GET", "/" + kind + "/" + ApiClient.reference(ref) + "/json", null);
        String dockerId = inspect.path("Id").asText();
        String id = Vocab.bareId(kind.equals("images") ? client.recordedImageId(dockerId) : dockerId);
        Set<String> seen = new HashSet<>();
        if (kind.equals("images")) {
            Set<String> tags = new TreeSet<>();
            inspect.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
            printImage(client, out, id, tags, "", seen, 0);
            return;
        }
        LineageStep step = LineageStep.of(client, Vocab.containerIri(id), "container");
        String name = inspect.path("Name").asText().replaceFirst("^/", "");
        out.println("container " + shortId(id) + (name.isEmpty() ? "" : " (" + name + ")"));
        printActivities(out, step, "", "container");
        // The store's derivation, else the image Docker runs it from (a container made without us).
        String image = step.parents().isEmpty() ? Vocab.bareId(client.recordedImageId(inspect.path("Image").asText()))
                : step.parents().iterator().next();
        out.print("└─ derived from ");
        printImage(client, out, image, Set.of(), "   ", seen, 1);
    }

    /** One image and, below it, what it derives from; {@code tags} are Docker's own names for it, if known. */
    private void printImage(ApiClient client, PrintStream out, String id, Set<String> tags, String indent,
            Set<String> seen, int depth) {
        LineageStep step = LineageStep.of(client, Vocab.imageIri(id), "image");
        Set<String> names = new TreeSet<>(tags);
        names.addAll(step.names());
        out.println("image sha256:" + shortId(id) + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
        printActivities(out, step, indent, "image");
        if (!seen.add(id) || depth >= MAX_DEPTH) {
            return;
        }
        List<String> parents = List.copyOf(step.parents());
        for (int i = 0; i < parents.size(); i++) {
            boolean last = i == parents.size() - 1;
            out.print(indent + (last ? "└─ derived from " : "├─ derived from "));
            printImage(client, out, parents.get(i), Set.of(), indent + (last ? "   " : "│  "), seen, depth + 1);
        }
    }

    private static void printActivities(PrintStream out, LineageStep step, String indent, String what) {
        if (step.activities().isEmpty()) {
            out.println(indent + "  (no record: not made through SmartContainers; sc infect records "
                    + (what.equals("image") ? "an image" : "a container") + " after the fact)");
        }
        step.activities().forEach(line -> out.println(indent + "  made by " + line));
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
