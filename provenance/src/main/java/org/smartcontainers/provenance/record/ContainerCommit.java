package org.smartcontainers.provenance.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.docker.DockerClient.Change;
import org.smartcontainers.provenance.Vocab;

/** {@code POST /commit} as PROV: a new image generated from a container and the image behind it. */
public final class ContainerCommit {
    private ContainerCommit() {
    }

    /**
     * @param query         the commit's query parameters ({@code container}, {@code repo}, {@code tag},
     *                      {@code comment}, {@code author}, {@code changes}, {@code pause})
     * @param containerId   the container, resolved from {@code container}, or null if unknown
     * @param baseImageId   the container's image, or null if unknown
     */
    public static ActivityRecord start(Map<String, List<String>> query, String containerId, String baseImageId,
                                       Instant started, Agents agents) {
        ActivityRecord record = new ActivityRecord(Vocab.Docker.Commit, started, agents);
        Resource activity = record.activity();
        Model model = record.known();
        if (containerId != null) {
            activity.addProperty(Vocab.Prov.used, model.createResource(Vocab.containerIri(containerId))
                    .addProperty(RDF.type, Vocab.Prov.Entity)
                    .addProperty(RDF.type, Vocab.Docker.Container)
                    .addProperty(Vocab.Docker.id, Vocab.bareId(containerId)));
        }
        if (baseImageId != null) {
            activity.addProperty(Vocab.Prov.used, ContainerCreate.image(model, baseImageId));
        }
        QueryParameters.first(query, "repo").ifPresent(v -> activity.addProperty(Vocab.Docker.repository, v));
        QueryParameters.first(query, "tag").ifPresent(v -> activity.addProperty(Vocab.Docker.tag, v));
        QueryParameters.first(query, "comment").ifPresent(v -> activity.addProperty(Vocab.Docker.comment, v));
        QueryParameters.first(query, "author").ifPresent(v -> activity.addProperty(Vocab.Docker.author, v));
        // Docker joins the changes with newlines and parses them as one Dockerfile: recorded instruction by instruction.
        DockerfileInstructions changes = DockerfileInstructions.parse(String.join("\n", query.getOrDefault("changes", List.of())));
        for (String instruction : changes.instructions()) {
            List<String> names = new ArrayList<>();
            activity.addProperty(Vocab.Docker.change, withoutValues(instruction, changes.escape(), names));
            names.forEach(name -> activity.addProperty(Vocab.Docker.environmentVariable, name));
        }
        // Docker pauses the container unless told pause=0/false.
        String pause = QueryParameters.first(query, "pause").orElse("true");
        activity.addLiteral(Vocab.Docker.pause, !(pause.equals("0") || pause.equalsIgnoreCase("false")));
        return record;
    }

    /** A variable's name as recorded: anything else a word before its {@code =} holds is not recorded. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /**
     * An instruction of the changes as recorded: an {@code ENV} (also after {@code ONBUILD}) keeps its
     * variables' names and loses their values, which are often secrets ({@code ENV TOKEN=...}); the names go
     * to {@code names}. Its words are split as Docker splits them (quotes, the escape character); in the old
     * form ({@code ENV NAME the value}) everything after the first word is the value.
     */
    static String withoutValues(String instruction, char escape, List<String> names) {
        String[] words = instruction.split("\\s+", 2);
        String keyword = words[0].toUpperCase(Locale.ROOT);
        if (keyword.equals("ONBUILD") && words.length > 1) {
            return words[0] + " " + withoutValues(words[1].strip(), escape, names);
        }
        if (!keyword.equals("ENV")) {
            return instruction;
        }
        List<String> arguments = DockerfileInstructions.words(words.length > 1 ? words[1] : "", escape);
        List<String> found = new ArrayList<>();
        if (!arguments.isEmpty() && arguments.get(0).indexOf('=') < 0) {
            addIfName(arguments.get(0), found); // the old form: ENV NAME value
        } else {
            for (String argument : arguments) {
                int equals = argument.indexOf('=');
                if (equals > 0) {
                    addIfName(argument.substring(0, equals), found);
                }
            }
        }
        names.addAll(found);
        return words[0] + (found.isEmpty() ? "" : " " + String.join(" ", found)) + " (values not recorded)";
    }

    private static void addIfName(String word, List<String> found) {
        String unquoted = word.replace("\"", "").replace("'", "");
        if (NAME.matcher(unquoted).matches()) {
            found.add(unquoted);
        }
    }

    /**
     * The commit's author is a person the config store knows ({@code author} named their e-mail
     * address or name): the activity links to them as they appear in their own records.
     */
    public static void authoredBy(ActivityRecord record, Agents author) {
        String iri = author.personIri();
        if (iri != null) {
            record.activity().addProperty(Vocab.Docker.authorAgent, author.describePerson(record.known(), iri));
        }
    }

    /** What the container's filesystem changed, as the daemon said while the commit ran. */
    public static void changed(ActivityRecord record, FileChanges changes) {
        Resource activity = record.activityLearned();
        activity.addLiteral(Vocab.Docker.pathsAdded, changes.count(Change.Kind.ADDED));
        activity.addLiteral(Vocab.Docker.pathsModified, changes.count(Change.Kind.MODIFIED));
        activity.addLiteral(Vocab.Docker.pathsDeleted, changes.count(Change.Kind.DELETED));
        changes.firstPaths(Change.Kind.ADDED).forEach(path -> activity.addProperty(Vocab.Docker.addedPath, path));
        changes.firstPaths(Change.Kind.MODIFIED).forEach(path -> activity.addProperty(Vocab.Docker.modifiedPath, path));
        changes.firstPaths(Change.Kind.DELETED).forEach(path -> activity.addProperty(Vocab.Docker.deletedPath, path));
    }

    /** The daemon answered 201 with the new image's ID. */
    public static void committed(ActivityRecord record, String imageId, String containerId, String baseImageId,
                                 Instant ended) {
        Model learned = record.learned();
        Resource image = record.generated(ContainerCreate.image(learned, imageId));
        if (containerId != null) {
            image.addProperty(Vocab.Prov.wasDerivedFrom, learned.createResource(Vocab.containerIri(containerId)));
        }
        if (baseImageId != null) {
            image.addProperty(Vocab.Prov.wasDerivedFrom, learned.createResource(Vocab.imageIri(baseImageId)));
        }
        record.succeeded(ended);
    }
}
