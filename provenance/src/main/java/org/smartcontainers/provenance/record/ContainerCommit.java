package org.smartcontainers.provenance.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
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
        for (String change : query.getOrDefault("changes", List.of())) {
            for (String line : change.split("\n")) {
                if (!line.isBlank()) {
                    activity.addProperty(Vocab.Docker.change, line);
                }
            }
        }
        // Docker pauses the container unless told pause=0/false.
        String pause = QueryParameters.first(query, "pause").orElse("true");
        activity.addLiteral(Vocab.Docker.pause, !(pause.equals("0") || pause.equalsIgnoreCase("false")));
        return record;
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
