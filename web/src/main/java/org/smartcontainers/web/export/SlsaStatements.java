package org.smartcontainers.web.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.export.RecordedActivity.Participant;
import org.smartcontainers.provenance.store.SparqlText;

/**
 * SLSA v1 build provenance of the builds we recorded, one in-toto Statement v1 per build that ended
 * with an image, written as JSON Lines (one statement a line, the way in-toto bundles are kept). The
 * subject is the image, by its tags (or "_" when it has none) with its ID as the sha256 digest. What
 * the build was asked is {@code externalParameters} (build-argument names only, never their values);
 * the base images, the Dockerfile and the context, with their digests, are {@code resolvedDependencies};
 * the builder is the Docker engine that ran the build. Our build type is documented in docs/design.md.
 */
public final class SlsaStatements {
    public static final String BUILD_TYPE = "https://w3id.org/daspos/smartcontainers/slsa/docker-build/v1";
    static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlsaStatements() {
    }

    /**
     * @param subject the image whose builds to give; null for every recorded build. A container has no
     *                build: {@link NotRecordedException}, as for an image no recorded build made.
     */
    public static void write(ProvenanceStore store, ExportSubject subject, OutputStream out) {
        List<ObjectNode> statements = new ArrayList<>();
        if (subject == null) {
            List<String> builds = new ArrayList<>();
            store.select(SparqlText.PREFIXES + "SELECT DISTINCT ?b WHERE { GRAPH ?g { ?b a docker:ImageBuild }"
                    + " FILTER(isIRI(?b)) FILTER NOT EXISTS { ?parent docker:step ?b } } ORDER BY ?b")
                    .forEachRemaining(row -> builds.add(row.getResource("b").getURI()));
            for (String build : builds) {
                if (Lineage.fitsInQueryText(build)) {
                    RecordedActivity activity = RecordedActivity.read(Lineage.aroundActivity(store, build), build);
                    statement(activity).ifPresent(statements::add);
                }
            }
        } else {
            Lineage lineage = subject.kind() == ExportSubject.Kind.IMAGE ? Lineage.of(store, subject) : null;
            if (lineage != null) {
                for (String iri : lineage.activities()) {
                    RecordedActivity activity = RecordedActivity.read(lineage.graph(), iri);
                    if (activity.made().contains(subject.iri())) {
                        statement(activity).ifPresent(statements::add);
                    }
                }
            }
            if (statements.isEmpty()) {
                throw new NotRecordedException("no recorded build made " + subject.kind().word() + " " + subject.id()
                        + (subject.kind() == ExportSubject.Kind.IMAGE ? "" : ": SLSA provenance is of images"));
            }
        }
        try {
            for (ObjectNode statement : statements) {
                out.write(JSON.writeValueAsBytes(statement));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement for one build; none for a build that made no image (it failed, or was cut off). */
    static Optional<ObjectNode> statement(RecordedActivity build) {
        if (!build.isBuild() || build.failed() || build.made().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode statement = JSON.createObjectNode().put("_type", STATEMENT_TYPE);
        ArrayNode subjects = statement.putArray("subject");
        List<String> tags = build.facts(Vocab.Docker.tag);
        for (String image : build.made()) {
            String id = image.substring(image.lastIndexOf('/') + 1);
            for (String name : tags.isEmpty() ? List.of("_") : tags) {
                ObjectNode subject = subjects.addObject().put("name", name);
                subject.putObject("digest").put("sha256", id);
            }
        }
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode definition = predicate.putObject("buildDefinition").put("buildType", BUILD_TYPE);
        definition.set("externalParameters", externalParameters(build, tags));
        ObjectNode internal = definition.putObject("internalParameters");
        build.facts(Vocab.Docker.builder).forEach(b -> internal.put("builder", b));
        build.plan().ifPresent(plan -> internal.put("plan", plan.getURI()));
        definition.set("resolvedDependencies", dependencies(build));

        ObjectNode runDetails = predicate.putObject("runDetails");
        ObjectNode builder = runDetails.putObject("builder");
        Optional<Participant> engine = build.agent(Participant.Role.DOCKER_ENGINE);
        builder.put("id", engine.map(Participant::iri).orElse(Vocab.INSTANCE_BASE + "agent/docker-engine"));
        ObjectNode version = JSON.createObjectNode();
        engine.flatMap(Participant::version).ifPresent(v -> version.put("docker", v));
        build.agent(Participant.Role.SMARTCONTAINERS).flatMap(Participant::version).ifPresent(v -> version.put("smartcontainers", v));
        if (!version.isEmpty()) {
            builder.set("version", version);
        }
        ObjectNode metadata = runDetails.putObject("metadata").put("invocationId", build.iri());
        build.started().map(SlsaStatements::timestamp).ifPresent(t -> metadata.put("startedOn", t));
        build.ended().map(SlsaStatements::timestamp).ifPresent(t -> metadata.put("finishedOn", t));
        return Optional.of(statement);
    }

    private static ObjectNode externalParameters(RecordedActivity build, List<String> tags) {
        ObjectNode parameters = JSON.createObjectNode();
        parameters.set("tags", JSON.valueToTree(tags));
        build.facts(Vocab.Docker.dockerfile).stream().findFirst().ifPresent(d -> parameters.put("dockerfile", d));
        build.facts(Vocab.Docker.buildTarget).stream().findFirst().ifPresent(t -> parameters.put("target", t));
        build.facts(Vocab.Docker.platform).stream().findFirst().ifPresent(p -> parameters.put("platform", p));
        build.facts(Vocab.Docker.networkMode).stream().findFirst().ifPresent(n -> parameters.put("network", n));
        parameters.set("buildArgNames", JSON.valueToTree(build.facts(Vocab.Docker.buildArg)));
        ObjectNode labels = parameters.putObject("labels");
        build.labels().forEach(pair -> labels.put(pair[0], pair[1]));
        build.facts(Vocab.Docker.noCache).stream().findFirst().ifPresent(v -> parameters.put("noCache", Boolean.parseBoolean(v)));
        build.facts(Vocab.Docker.pull).stream().findFirst().ifPresent(v -> parameters.put("pull", Boolean.parseBoolean(v)));
        return parameters;
    }

    /** Base images by reference and ID; the Dockerfile and context by the digests the proxy took of them. */
    private static ArrayNode dependencies(RecordedActivity build) {
        ArrayNode dependencies = JSON.createArrayNode();
        List<String> references = build.facts(Vocab.Docker.baseImageReference);
        List<String> bases = build.used().stream().filter(u -> u.startsWith(Vocab.imageIri(""))).toList();
        for (String base : bases) {
            ObjectNode dependency = dependencies.addObject().put("uri", base);
            if (bases.size() == 1 && references.size() == 1) {
                dependency.put("name", references.get(0)); // which reference named which image is known only for one
            }
            dependency.putObject("digest").put("sha256", base.substring(base.lastIndexOf('/') + 1));
            dependency.putObject("annotations").put("role", "base image");
        }
        String dockerfile = build.facts(Vocab.Docker.dockerfile).stream().findFirst().orElse("Dockerfile");
        build.facts(Vocab.Docker.dockerfileDigest).forEach(digest -> digested(dependencies, dockerfile, digest, "Dockerfile"));
        build.facts(Vocab.Docker.contextDigest).forEach(digest -> digested(dependencies, "context", digest,
                "build context: the tar as sent"));
        build.facts(Vocab.Docker.contextListingDigest).forEach(digest -> digested(dependencies, "context", digest,
                "build context: its listing (each path, mode, size, owner and time), not its contents"));
        return dependencies;
    }

    private static void digested(ArrayNode dependencies, String name, String digest, String role) {
        ObjectNode dependency = dependencies.addObject().put("name", name);
        dependency.putObject("digest").put("sha256", Vocab.bareId(digest));
        dependency.putObject("annotations").put("role", role);
    }

    /** RFC 3339 in UTC ("Z"), as in-toto's Timestamp wants it. */
    private static String timestamp(String xsdDateTime) {
        return OffsetDateTime.parse(xsdDateTime).withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
    }
}
