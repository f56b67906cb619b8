package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/** SLSA provenance v1 (what newer BuildKit writes) and an SPDX SBOM, read as BuildKit wrote them. */
class BuildKitAttestationsTest {
    private static final String BUILD = Vocab.activityIri("4f7c2c1e-0000-4000-8000-00000000a001");
    private static final String IMAGE = Vocab.imageIri("a".repeat(64));
    private static final String BASE_MANIFEST = "b".repeat(64);
    private static final String BASE_CONFIG = "sha256:" + "c".repeat(64);

    @Test
    void slsaV1GivesMaterialsFrontendArgNamesAndInvocation() throws Exception {
        String statement = """
                {"_type": "https://in-toto.io/Statement/v1", "predicateType": "https://slsa.dev/provenance/v1",
                 "predicate": {"buildDefinition": {"buildType": "https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md",
                   "externalParameters": {"request": {"frontend": "dockerfile.v0", "args": {"build-arg:TOKEN": "s3cr3t", "target": "app"}}},
                   "resolvedDependencies": [{"uri": "pkg:docker/alpine@3.20?platform=linux%%2Famd64", "digest": {"sha256": "%s"}},
                                            {"uri": "https://example.org/tool.tar.gz", "digest": {"sha256": "%s"}}]},
                  "runDetails": {"metadata": {"invocationID": "inv-1"}}}}
                """.formatted(BASE_MANIFEST, "d".repeat(64));
        NamedGraph graph = BuildKitAttestations.graph(BUILD, IMAGE, 0, "https://slsa.dev/provenance/v1",
                new ObjectMapper().readTree(statement), digest -> digest.equals("sha256:" + BASE_MANIFEST) ? BASE_CONFIG : digest);
        Model model = graph.model();
        Resource attested = model.getResource(graph.name());
        assertEquals(BUILD + "/attested/0", graph.name());
        assertTrue(attested.hasProperty(Vocab.Sc.attestationOf, model.getResource(IMAGE)));
        assertTrue(attested.hasProperty(Vocab.Sc.attestedBuild, model.getResource(BUILD)));
        assertEquals("dockerfile.v0", attested.getProperty(Vocab.Sc.frontend).getString());
        assertEquals("inv-1", attested.getProperty(Vocab.Sc.buildInvocationId).getString());
        assertEquals(Set.of("TOKEN"), Set.copyOf(model.listObjectsOfProperty(attested, Vocab.Docker.buildArg).mapWith(o -> o.asLiteral().getString()).toList()));
        assertEquals(2, model.listObjectsOfProperty(attested, Vocab.Sc.material).toList().size());
        assertTrue(model.contains(null, Vocab.Sc.image, model.getResource(Vocab.imageIri(BASE_CONFIG))), "the base as the image records name");
        assertFalse(model.contains(null, Vocab.Sc.image, model.getResource(Vocab.imageIri("d".repeat(64)))), "a file is no image");
        StringWriter written = new StringWriter();
        RDFDataMgr.write(written, model, Lang.NTRIPLES);
        assertFalse(written.toString().contains("s3cr3t"), "no build-argument value");
    }

    @Test
    void anSpdxSbomGivesItsPackages() throws Exception {
        String statement = """
                {"predicateType": "https://spdx.dev/Document", "predicate": {"spdxVersion": "SPDX-2.3", "packages": [
                  {"name": "busybox", "versionInfo": "1.36.1-r2", "externalRefs": [
                    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:apk/alpine/busybox@1.36.1-r2"}]},
                  {"name": "musl", "versionInfo": "1.2.4-r2"}]}}
                """;
        NamedGraph graph = BuildKitAttestations.graph(BUILD, IMAGE, 1, "https://spdx.dev/Document",
                new ObjectMapper().readTree(statement), digest -> digest);
        Model model = graph.model();
        Resource attested = model.getResource(graph.name());
        assertEquals(2, model.listObjectsOfProperty(attested, Vocab.Sc.sbomPackage).toList().size());
        assertTrue(model.contains(null, Vocab.Sc.purl, "pkg:apk/alpine/busybox@1.36.1-r2"));
        assertTrue(model.contains(null, Vocab.Sc.packageVersion, "1.2.4-r2"));
    }
}
