package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * Labels that come from outside (an import with {@code --change}, {@code docker load}, a build made without
 * the proxy) are claims: each forged label here tries to add a person to a genuine build recorded through
 * the proxy, to say things of an unrelated image, and to describe its own image. Once a create through the
 * proxy uses the image, the store holds the third alone, in the label's graph marked as its claims, and the
 * pages and {@code sc lineage} say so. On the classic store and on the containerd store, where the label's graph is
 * still named by the image's config digest.
 */
@ParameterizedClass
@EnumSource(value = DockerDaemon.class, names = {"DOCKER_26", "DOCKER_26_CONTAINERD"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageLabelClaimsTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <" + Vocab.SC_NS
            + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> PREFIX dct: <" + Vocab.DCT_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> ";
    @Parameter
    private DockerDaemon daemon;
    private DockerCli direct;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private ProxyProcess proxy;
    private DockerCli cli;
    private ScApi api;
    private Path context;
    private String genuineImage;
    private String genuineActivity;
    private String genuinePlan;
    private String baseImage;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        direct = daemon.direct().withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
        proxy = daemon.startProxy();
        cli = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
        api = ScApi.of(proxy);
        context = Paths.scratch("claims");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo genuine-" + UUID.randomUUID() + " > /genuine\n");
        String tag = cli.name("genuine") + ":v1";
        images.add(tag);
        cli.run("build", "-q", "-t", tag, context.toString()).ok();
        genuineImage = imageId(tag);
        genuineActivity = only(api.select(PREFIXES + "SELECT ?a WHERE { ?a prov:generated <" + Vocab.imageIri(genuineImage) + "> }", "a"));
        genuinePlan = only(api.select(PREFIXES + "SELECT ?p WHERE { <" + genuineActivity
                + "> prov:qualifiedAssociation/prov:hadPlan ?p }", "p"));
        baseImage = imageId(DockerSocket.BASE_IMAGE);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\n");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        containers.forEach(name -> direct.run("rm", "-f", name));
        images.forEach(name -> direct.run("rmi", "-f", name));
        containers.clear();
        images.clear();
        own.clear();
        proxy.close();
    }

    private static String only(List<String> values) {
        assertEquals(1, values.size(), values.toString());
        return values.get(0);
    }

    /** The ID records name the image by (its config digest on either store), bare. */
    private String imageId(String reference) {
        return Vocab.bareId(daemon.recordedIdOf(reference));
    }

    private boolean ask(String where) {
        return api.ask(PREFIXES + "ASK { " + where + " }");
    }

    /** For what is stored after the call's answer (labels are read off the call's path): polled, bounded only against a hang. */
    private boolean askEventually(String where) throws InterruptedException {
        for (int i = 0; i < 300 && !ask(where); i++) {
            Thread.sleep(100);
        }
        return ask(where);
    }

    private String page(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), path);
        return page.body();
    }

    private static String mallory(String variant) {
        return "urn:forged:mallory-" + variant;
    }

    private static String maker(String variant) {
        return "urn:forged:maker-" + variant;
    }

    /** The label's own activity: an IRI of ours, fresh for each variant. */
    private final Map<String, String> own = new HashMap<>();

    private String ownActivity(String variant) {
        return own.computeIfAbsent(variant, v -> Vocab.activityIri(UUID.randomUUID().toString()));
    }

    /**
     * What each forged label says: (a) a person of its making associated with the genuine build and its plan,
     * (b) a title, and a maker, for the unrelated base image, (c) its own image's making.
     */
    private String forgedLabel(String variant) {
        String genuine = "{\"@id\": \"" + genuineActivity + "\", \"prov:wasAssociatedWith\": {\"@id\": \"" + mallory(variant) + "\"}},"
                + " {\"@id\": \"" + genuinePlan + "\", \"prov:wasAttributedTo\": {\"@id\": \"" + mallory(variant) + "\"}},"
                + " {\"@id\": \"" + mallory(variant) + "\", \"@type\": \"prov:Person\", \"foaf:name\": \"Mallory " + variant + "\"}";
        String unrelated = "{\"@id\": \"" + Vocab.imageIri(baseImage) + "\", \"dct:title\": \"forged title " + variant + "\","
                + " \"prov:wasGeneratedBy\": {\"@id\": \"" + maker(variant) + "\"}},"
                + " {\"@id\": \"" + maker(variant) + "\", \"@type\": \"prov:Activity\", \"prov:generated\": {\"@id\": \""
                + Vocab.imageIri(baseImage) + "\"}}";
        String itsOwn = "{\"@id\": \"" + ownActivity(variant) + "\", \"@type\": [\"prov:Activity\", \"docker:ImageBuild\"],"
                + " \"prov:startedAtTime\": {\"@value\": \"2026-01-02T03:04:05Z\", \"@type\": \"xsd:dateTime\"},"
                + " \"prov:wasAssociatedWith\": {\"@id\": \"urn:forged:author-" + variant + "\"}},"
                + " {\"@id\": \"urn:forged:author-" + variant + "\", \"@type\": \"prov:Person\", \"foaf:name\": \"Label Author "
                + variant + "\"}";
        return "{\"@context\": {\"prov\": \"" + Vocab.PROV_NS + "\", \"foaf\": \"" + Vocab.FOAF_NS + "\", \"dct\": \""
                + Vocab.DCT_NS + "\", \"docker\": \"" + Vocab.DOCKER_NS + "\", \"xsd\": \"" + Vocab.XSD_NS + "\"},"
                + " \"@graph\": [" + genuine + ", " + unrelated + ", " + itsOwn + "]}";
    }

    /** A LABEL instruction's value, double-quoted as the Dockerfile parser reads it. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }

    @Test
    void anImageImportedWithAForgedLabelChangeIsReadAsItsClaimsAlone() throws Exception {
        Path dir = Paths.scratch("import");
        Files.writeString(dir.resolve("hello.txt"), "imported\n");
        Run.run(Map.of(), null, List.of("tar", "-cf", dir.resolve("rootfs.tar").toString(), "-C", dir.toString(), "hello.txt")).ok();
        String tag = cli.name("imported") + ":v1";
        images.add(tag);
        String forged = "LABEL smartcontainer=" + quoted(forgedLabel("import"));
        // Through the proxy such an import is refused (any spelling of the key Docker reads: ImportChangesGuardTest) …
        Run.Result refused = cli.run("import", "--change", forged, dir.resolve("rootfs.tar").toString(), tag);
        assertTrue(refused.exitCode() != 0 && refused.stderr().contains("refused by SmartContainers"), refused.stderr());
        String other = cli.name("imported-other") + ":v1";
        images.add(other);
        cli.run("import", "--change", "LABEL version=1", dir.resolve("rootfs.tar").toString(), other).ok();
        assertEquals("1", direct.run("image", "inspect", "-f", "{{index .Config.Labels \"version\"}}", other).ok().out(),
                "other changes pass");
        // … and one made straight to Docker is read as its claims alone.
        direct.run("import", "--change", forged, dir.resolve("rootfs.tar").toString(), tag).ok();
        usedThroughTheProxyOnlyItsOwnHistoryIsKept("import", tag);
    }

    @Test
    void anImageLoadedFromATarWhoseConfigCarriesAForgedLabelIsReadAsItsClaimsAlone() throws Exception {
        String tag = cli.name("loaded") + ":v1";
        images.add(tag);
        direct.run("build", "-q", "--label", ProvenanceLabel.KEY + "=" + forgedLabel("load"), "-t", tag, context.toString()).ok();
        Path tar = Paths.scratch("load").resolve("image.tar");
        direct.run("save", "-o", tar.toString(), tag).ok();
        direct.run("rmi", tag).ok();
        cli.run("load", "-i", tar.toString()).ok();
        usedThroughTheProxyOnlyItsOwnHistoryIsKept("load", tag);
    }

    @Test
    void anImageBuiltWithoutTheProxyWithAForgedLabelIsReadAsItsClaimsAlone() throws Exception {
        String tag = cli.name("elsewhere") + ":v1";
        images.add(tag);
        direct.run("build", "-q", "--label", ProvenanceLabel.KEY + "=" + forgedLabel("build"), "-t", tag, context.toString()).ok();
        usedThroughTheProxyOnlyItsOwnHistoryIsKept("build", tag);
    }

    private void usedThroughTheProxyOnlyItsOwnHistoryIsKept(String variant, String tag) throws Exception {
        String id = imageId(tag);
        assertTrue(direct.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", tag).ok().out()
                .contains("Mallory " + variant), "the forged label is on the image");
        String container = cli.name("claims-" + variant);
        containers.add(container);
        cli.run("create", "--name", container, tag, "true").ok();

        // (c) its own history, in the label's graph, marked as the label's claims
        String image = "<" + Vocab.imageIri(id) + ">";
        String graph = "<" + LabelProvenance.graphName(id) + ">";
        assertTrue(askEventually("GRAPH " + graph + " { " + graph + " a sc:LabelClaims; sc:labelOf " + image + " . "
                + image + " prov:wasGeneratedBy <" + ownActivity(variant) + "> . <" + ownActivity(variant)
                + "> prov:wasAssociatedWith ?author . ?author foaf:name 'Label Author " + variant + "' }"),
                "the label's account of its own image, as its claims");
        assertFalse(ask("GRAPH ?g { " + image + " prov:wasGeneratedBy ?a FILTER NOT EXISTS { ?a a docker:ImageImport } }"
                + " FILTER NOT EXISTS { GRAPH ?g { ?g a sc:LabelClaims } }"),
                "nothing says the proxy observed what the label claims (an import is seen in Docker's events: not the label's story)");
        // (a) nothing about the genuine build
        assertFalse(ask("<" + genuineActivity + "> prov:wasAssociatedWith <" + mallory(variant) + ">"));
        assertFalse(ask("<" + genuinePlan + "> prov:wasAttributedTo <" + mallory(variant) + ">"));
        assertFalse(ask("?someone foaf:name 'Mallory " + variant + "'"));
        // (b) nothing about the unrelated image
        assertFalse(ask("<" + Vocab.imageIri(baseImage) + "> dct:title ?title"));
        assertFalse(ask("<" + maker(variant) + "> ?p ?o"));
        assertFalse(ask("?a prov:generated <" + Vocab.imageIri(baseImage) + ">"));
        assertFalse(ask("<" + Vocab.imageIri(baseImage) + "> prov:wasGeneratedBy ?a"));

        String unrelatedPage = page("/images/" + baseImage);
        // (Other labels on the daemon, such as builds from it, may rightly name it as what they used.)
        assertFalse(unrelatedPage.contains("forged") || unrelatedPage.contains("images/" + id + "\">"), unrelatedPage);
        assertFalse(page("/images/" + genuineImage).contains("Mallory"), "the genuine build's page");
        String labelledPage = page("/images/" + id);
        assertTrue(labelledPage.contains("<span class=\"claim\">claimed by the image&#39;s label</span>"), labelledPage);
        assertTrue(labelledPage.contains("Label Author " + variant), labelledPage);
        assertFalse(labelledPage.contains("Mallory"), labelledPage);

        String lineage = proxy.sc("lineage", tag).ok().stdout();
        assertTrue(lineage.contains("made by ImageBuild at 2026-01-02T03:04:05Z, by Label Author " + variant
                + " (claimed by the image's label; not observed)"), lineage);
    }
}
