package org.smartcontainers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What BuildKit attested of an image, where the daemon keeps it (the containerd image store does; the classic
 * store drops attestations): {@code docker buildx build --provenance}, {@code --sbom} put, beside the image's
 * manifest in its index, an attestation manifest ({@code vnd.docker.reference.type: attestation-manifest}, naming
 * the image's manifest in {@code vnd.docker.reference.digest}) whose layers are in-toto statements. Read through
 * BuildKit's content service, as {@link ImageIdentities} reads manifests.
 */
public final class ImageAttestations {
    /** One in-toto statement: its predicate type (SLSA provenance, SPDX…) and the whole statement. */
    public record Statement(String predicateType, JsonNode statement) {
    }

    private static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    private static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";

    private final BuildKitContent content;

    public ImageAttestations(DockerClient docker) {
        this.content = new BuildKitContent(docker.socket());
    }

    /**
     * The statements attested of the image whose manifest is {@code manifestDigest}, in the index {@code indexDigest};
     * none when the index holds no attestation of it. A {@link DockerException} when the content cannot be read.
     */
    public List<Statement> of(String indexDigest, String manifestDigest) {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode manifest : blob(indexDigest).path("manifests")) {
            JsonNode annotations = manifest.path("annotations");
            if (!annotations.path(REFERENCE_TYPE).asText().equals("attestation-manifest")
                    || !annotations.path(REFERENCE_DIGEST).asText().equals(manifestDigest)) {
                continue;
            }
            for (JsonNode layer : blob(manifest.path("digest").asText()).path("layers")) {
                if (layer.path("mediaType").asText().equals(IN_TOTO)) {
                    JsonNode statement = blob(layer.path("digest").asText());
                    statements.add(new Statement(statement.path("predicateType").asText(
                            layer.path("annotations").path("in-toto.io/predicate-type").asText("")), statement));
                }
            }
        }
        return statements;
    }

    private JsonNode blob(String digest) {
        return content.json(digest);
    }
}
