package org.smartcontainers.provenance.recording;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageIdentities.ImageIdentity;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.RecordWriter;

/**
 * What a containerd image store knows of an image besides its config digest (which names it in records): its
 * manifest's digest, the index's it is in, and its platform, each written once, in a graph of its own named after
 * the image and its manifest. Those digests are content addresses, the same on every host; they are what Docker's
 * ID is on such a store, and what records made before images were named by their config digests used.
 */
public final class ImageDigests {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDigests.class);

    private ImageDigests() {
    }

    /** Writes each identity {@code docker}'s content store gives, as it is first read. */
    public static void record(DockerClient docker, RecordKeeper keeper) {
        docker.imageIdentities().whenRead(identity -> {
            NamedGraph graph = graph(identity);
            keeper.submit(graph).whenComplete((outcome, error) -> {
                if (error != null || outcome != RecordWriter.Outcome.COMMITTED) {
                    LOG.warn("the digests of image {} were not stored: {}", identity.config(), error != null ? error : outcome);
                }
            });
        });
    }

    static NamedGraph graph(ImageIdentity identity) {
        String image = Vocab.imageIri(identity.config());
        Model model = ModelFactory.createDefaultModel();
        Resource entity = model.createResource(image).addProperty(RDF.type, Vocab.Docker.Image)
                .addProperty(Vocab.Docker.manifestDigest, identity.manifest());
        if (identity.index() != null) {
            entity.addProperty(Vocab.Docker.indexDigest, identity.index());
        }
        if (identity.platform() != null) {
            entity.addProperty(Vocab.Docker.platform, identity.platform());
        }
        return new NamedGraph(image + "/manifest/" + Vocab.bareId(identity.manifest()), model);
    }
}
