package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * What BuildKit attested of an image, as a graph of its own beside our record of the build (never merged into it:
 * it is BuildKit's word, not what the proxy saw): from SLSA provenance (v0.2 and v1) the materials (each a URI and
 * digest; a Docker image also as our image, by the ID records name it by), the frontend, the build-argument names
 * (never their values: provenance in mode=max holds them) and the platform; from an SPDX SBOM its packages.
 */
public final class BuildKitAttestations {
    private static final String BUILD_ARG = "build-arg:";
    private static final String DOCKER_PACKAGE = "pkg:docker/";

    private BuildKitAttestations() {
    }

    /**
     * The graph of one statement; {@code recordedImageId} gives, for the {@code sha256:} digest of a Docker image a
     * material names, the ID records name that image by.
     */
    public static NamedGraph graph(String buildIri, String imageIri, int index, String predicateType, JsonNode statement,
            UnaryOperator<String> recordedImageId) {
        Model model = ModelFactory.createDefaultModel();
        String name = buildIri + "/attested/" + index;
        Resource attested = model.createResource(name).addProperty(RDF.type, Vocab.Sc.BuildKitAttestation)
                .addProperty(Vocab.Sc.attestationOf, model.createResource(imageIri))
                .addProperty(Vocab.Sc.attestedBuild, model.createResource(buildIri))
                .addProperty(Vocab.Sc.predicateType, model.createResource(predicateType));
        JsonNode predicate = statement.path("predicate");
        if (predicateType.startsWith("https://slsa.dev/provenance/")) {
            provenance(attested, predicate, recordedImageId);
        } else if (predicateType.startsWith("https://spdx.dev/Document")) {
            predicate.path("packages").forEach(p -> attested.addProperty(Vocab.Sc.sbomPackage, sbomPackage(model, p)));
        }
        return new NamedGraph(name, model);
    }

    private static void provenance(Resource attested, JsonNode predicate, UnaryOperator<String> recordedImageId) {
        // v0.2: materials, invocation.parameters; v1: buildDefinition.resolvedDependencies, .externalParameters.
        JsonNode materials = predicate.has("materials") ? predicate.path("materials")
                : predicate.path("buildDefinition").path("resolvedDependencies");
        materials.forEach(m -> attested.addProperty(Vocab.Sc.material, material(attested.getModel(), m, recordedImageId)));
        JsonNode parameters = predicate.has("invocation") ? predicate.path("invocation").path("parameters")
                : predicate.path("buildDefinition").path("externalParameters").path("request");
        text(parameters.path("frontend")).ifPresent(f -> attested.addProperty(Vocab.Sc.frontend, f));
        for (Iterator<Map.Entry<String, JsonNode>> args = parameters.path("args").fields(); args.hasNext();) {
            String key = args.next().getKey();
            if (key.startsWith(BUILD_ARG)) {
                attested.addProperty(Vocab.Docker.buildArg, key.substring(BUILD_ARG.length())); // the name alone
            }
        }
        text(predicate.path("invocation").path("environment").path("platform"))
                .ifPresent(p -> attested.addProperty(Vocab.Docker.platform, p));
        text(predicate.path("metadata").path("buildInvocationID"))
                .or(() -> text(predicate.path("runDetails").path("metadata").path("invocationID")))
                .ifPresent(id -> attested.addProperty(Vocab.Sc.buildInvocationId, id));
    }

    private static Resource material(Model model, JsonNode material, UnaryOperator<String> recordedImageId) {
        Resource node = model.createResource();
        String uri = material.path("uri").asText("");
        if (!uri.isEmpty()) {
            node.addProperty(Vocab.Sc.uri, uri);
        }
        String sha256 = material.path("digest").path("sha256").asText("");
        if (sha256.matches("[0-9a-f]{64}")) {
            node.addProperty(Vocab.Sc.digest, "sha256:" + sha256);
            if (uri.startsWith(DOCKER_PACKAGE)) {
                node.addProperty(Vocab.Sc.image, model.createResource(Vocab.imageIri(recordedImageId.apply("sha256:" + sha256))));
            }
        }
        return node;
    }

    private static Resource sbomPackage(Model model, JsonNode spdx) {
        Resource node = model.createResource();
        text(spdx.path("name")).ifPresent(n -> node.addProperty(Vocab.Sc.name, n));
        text(spdx.path("versionInfo")).ifPresent(v -> node.addProperty(Vocab.Sc.packageVersion, v));
        spdx.path("externalRefs").forEach(ref -> {
            if (ref.path("referenceType").asText().equals("purl")) {
                text(ref.path("referenceLocator")).ifPresent(p -> node.addProperty(Vocab.Sc.purl, p));
            }
        });
        return node;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
