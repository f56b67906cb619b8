package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerRequests;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.DocumentedQueries;
import org.smartcontainers.tests.support.FakeRegistry;
import org.smartcontainers.tests.support.Leftovers;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.ProvValidator;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Where images come from and what they are called, with the real docker CLI through the proxy (and straight to
 * the daemon) on Docker 26 and 20.10: an import (uploaded, and from a URL that carries credentials), a tag, a
 * retag that moves a name, a removal, a load, a push and a pull, each recorded from Docker's image events with
 * who asked. No registry can be had here: pull and push go to {@link FakeRegistry}, a real Docker talking to a
 * fake registry on localhost. Facts are checked by SPARQL, every graph by the PROV validator; records follow
 * Docker's events, after the client returned: polled, with a bound against a hang only.
 */
class ImageOriginsTest {
    private static final String PREFIXES = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <" + Vocab.SC_NS
            + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";
    private static final String BASE = DockerSocket.BASE_IMAGE;
    private static final String URL_PASSWORD = "url-pw-" + Long.toHexString(System.nanoTime());
    private static final String URL_TOKEN = "url-token-" + Long.toHexString(System.nanoTime());
    private static final String AUTH_PASSWORD = "auth-pw-" + Long.toHexString(System.nanoTime());

    private static boolean ask(ScApi api, String where) {
        return api.ask(PREFIXES + "ASK { " + where + " }");
    }

    private static boolean askEventually(ScApi api, String where) throws InterruptedException {
        for (int i = 0; i < 600 && !ask(api, where); i++) {
            Thread.sleep(100);
        }
        return ask(api, where);
    }

    private static String image(DockerCli cli, String reference) {
        return "<" + Vocab.imageIri(cli.run("image", "inspect", "-f", "{{.Id}}", reference).ok().out()) + ">";
    }

    private static String byAPerson(String activity) {
        return activity + " prov:wasAssociatedWith ?person, ?engine . ?person a prov:Person ."
                + " ?engine a prov:SoftwareAgent; rdfs:label 'Docker Engine' .";
    }

    private static String byTheEngineAlone(String activity) {
        return activity + " prov:wasAssociatedWith ?engine . ?engine rdfs:label 'Docker Engine'"
                + " FILTER NOT EXISTS { " + activity + " prov:wasAssociatedWith ?other FILTER(?other != ?engine) }";
    }

    /** The image has this name now on the engine: given, not taken away. */
    private static String namedNow(String image, String name) {
        return image + " docker:hadName ?n_" + Math.abs(name.hashCode()) + " . ?n_" + Math.abs(name.hashCode())
                + " docker:name '" + name + "'; docker:namedFrom ?f_" + Math.abs(name.hashCode())
                + " FILTER NOT EXISTS { ?n_" + Math.abs(name.hashCode()) + " docker:namedUntil ?u } ";
    }

    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void importsTagsRemovalsLoadsPushesAndPullsAreRecordedWithTheNamesImagesHave(DockerDaemon daemon) throws Exception {
        Path scratch = Paths.scratch("origins");
        try (ProxyProcess proxy = daemon.startProxy(); Leftovers made = new Leftovers(); FakeRegistry registry = new FakeRegistry()) {
            DockerCli cli = DockerCli.through(proxy);
            DockerCli direct = daemon.direct();
            ScApi api = ScApi.of(proxy);

            // A filesystem to import: exported from a container of the base image.
            String holder = made.container(daemon, direct.name("fs"));
            direct.run("create", "--name", holder, BASE, "true").ok();
            Path fs = scratch.resolve("fs.tar");
            direct.run("export", "-o", fs.toString(), holder).ok();

            // Imported through the proxy (uploaded): generated by the import, the person's, its name given.
            String b = made.image(daemon, cli.name("b") + ":1");
            cli.run("import", fs.toString(), b).ok();
            String bImage = image(cli, b);
            assertTrue(askEventually(api, bImage + " prov:wasGeneratedBy ?import . ?import a docker:ImageImport, prov:Activity;"
                    + " docker:importSource '-' . " + byAPerson("?import") + " " + bImage + " prov:wasAttributedTo ?person ."
                    + namedNow(bImage, b)), "the upload's import\n" + proxy.log());

            // Imported from a URL whose user information and query carry secrets: the source is kept without them.
            HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            byte[] fsBytes = Files.readAllBytes(fs);
            files.createContext("/fs.tar", exchange -> {
                exchange.sendResponseHeaders(200, fsBytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(fsBytes);
                }
            });
            files.start();
            String u = made.image(daemon, cli.name("u") + ":1");
            String port = Integer.toString(files.getAddress().getPort());
            try {
                cli.run("import", "http://ada:" + URL_PASSWORD + "@127.0.0.1:" + port + "/fs.tar?token=" + URL_TOKEN, u).ok();
            } finally {
                files.stop(0);
            }
            String uImage = image(cli, u);
            assertTrue(askEventually(api, uImage + " prov:wasGeneratedBy ?import . ?import a docker:ImageImport;"
                    + " docker:importSource 'http://127.0.0.1:" + port + "/fs.tar' . " + byAPerson("?import")),
                    "the URL without its credentials\n" + proxy.log());

            // Tagged through the proxy: a second name, the person's.
            String b2 = made.image(daemon, cli.name("b") + ":2");
            cli.run("tag", b, b2).ok();
            assertTrue(askEventually(api, "?tag a docker:ImageTag; prov:used " + bImage + "; docker:name '" + b2 + "' . "
                    + byAPerson("?tag") + namedNow(bImage, b2)), "the tag");

            // An image built from it through the proxy: its lineage names the base by the names it has now.
            String d = made.image(daemon, cli.name("d") + ":1");
            DockerCli classic = cli.withBinary(cli.binary(), Map.of("DOCKER_BUILDKIT", "0"));
            classic.pipe("FROM " + b + "\nLABEL origin=test\n", "build", "-q", "-t", d, "-").ok();
            String bShort = bImage.substring(bImage.lastIndexOf('/') + 1, bImage.lastIndexOf('/') + 13);
            String both = String.join(", ", new TreeSet<>(List.of(b, b2)));
            String lineage = proxy.sc("lineage", d).ok().stdout();
            assertTrue(lineage.contains("derived from image sha256:" + bShort + " (" + both + ")"), lineage);

            // The name moved to another image, straight to the daemon: taken from the first, given to the second.
            direct.run("tag", u, b2).ok();
            assertTrue(askEventually(api, namedNow(uImage, b2) + " ?retag a docker:ImageTag; prov:used " + uImage + " . "
                    + byTheEngineAlone("?retag") + " " + bImage + " docker:hadName ?old . ?old docker:name '" + b2 + "';"
                    + " docker:namedUntil ?until; docker:unnamedBy ?retag"), "a retag moves the name\n" + proxy.log());
            lineage = proxy.sc("lineage", d).ok().stdout();
            assertTrue(lineage.contains("derived from image sha256:" + bShort + " (" + b + ")"), "the name it has now\n" + lineage);
            cli.run("rmi", d).ok(); // so that the base's removal below removes it

            // Saved, removed through the proxy (its last name: untag, then removal), loaded again through the proxy.
            Path saved = scratch.resolve("b.tar");
            cli.run("save", "-o", saved.toString(), b).ok();
            cli.run("rmi", b).ok();
            assertTrue(askEventually(api, "?removal a docker:ImageRemoval; prov:used " + bImage + " . " + byAPerson("?removal")
                    + " ?untag a docker:ImageUntag; prov:used " + bImage + "; docker:name '" + b + "' . " + byAPerson("?untag")
                    + bImage + " docker:hadName ?gone . ?gone docker:name '" + b + "'; docker:namedUntil ?t; docker:unnamedBy ?untag"),
                    "the removal\n" + proxy.log());
            assertFalse(ask(api, bImage + " prov:wasInvalidatedBy ?r"), "an image is its content: removed here, not ended");
            cli.run("load", "-i", saved.toString()).ok();
            assertTrue(askEventually(api, "?load a docker:ImageLoad; prov:used " + bImage + " . " + byAPerson("?load")
                    + namedNow(bImage, b)), "the load brings it back with its name\n" + proxy.log());

            // Pushed through the proxy to the registry: the digest it was pushed as.
            String pushedRepo = registry.host() + "/" + cli.name("pushed");
            made.image(daemon, pushedRepo + ":1");
            cli.run("tag", b, pushedRepo + ":1").ok();
            cli.run("push", pushedRepo + ":1").ok();
            String pushedDigest = registry.pushed(pushedRepo.substring(registry.host().length() + 1), "1");
            assertNotNull(pushedDigest);
            assertTrue(askEventually(api, "?push a docker:ImagePush; prov:used " + bImage + "; docker:registry '" + registry.host()
                    + "'; docker:repository '" + pushedRepo + "'; docker:tag '1'; docker:repoDigest '" + pushedDigest + "' . "
                    + byAPerson("?push")), "the push and its digest\n" + proxy.log());

            // Pulled through the proxy from the registry, for a platform: the image u was, under a new name.
            Path uSaved = scratch.resolve("u.tar");
            direct.run("save", "-o", uSaved.toString(), u).ok();
            String pulledPath = cli.name("pulled");
            String servedDigest = registry.serve(uSaved, pulledPath, "1");
            String pulled = made.image(daemon, registry.host() + "/" + pulledPath + ":1");
            String platform = "linux/" + direct.run("version", "-f", "{{.Server.Arch}}").ok().out();
            cli.run("pull", "--platform", platform, pulled).ok();
            assertTrue(askEventually(api, "?pull a docker:ImagePull; prov:used " + uImage + "; docker:registry '" + registry.host()
                    + "'; docker:repository '" + registry.host() + "/" + pulledPath + "'; docker:tag '1'; docker:repoDigest '"
                    + servedDigest + "'; docker:platform '" + platform + "' . " + byAPerson("?pull") + namedNow(uImage, pulled)),
                    "the pull: registry, repository, tag, digest, platform\n" + proxy.log());
            String uPrefix = uImage.substring(uImage.lastIndexOf('/') + 1, uImage.lastIndexOf('/') + 13);
            for (String b_ : List.of(pulled, uPrefix, "sha256:" + uPrefix)) { // by its name now, by an ID prefix
                assertEquals(List.of(registry.host()), documentedOrigin(api, b_, "registry"), "where it came from: " + b_);
                assertEquals(List.of(servedDigest), documentedOrigin(api, b_, "digest"));
                assertEquals(List.of(Vocab.DOCKER_NS + "ImageImport", Vocab.DOCKER_NS + "ImagePull"),
                        documentedOrigin(api, b_, "how"), "imported first, then pulled");
            }

            // A pull whose request carries credentials (X-Registry-Auth): they are in neither store nor log.
            String secretPull = registry.host() + "/" + pulledPath + ":1";
            String auth = Base64.getUrlEncoder().encodeToString(("{\"username\":\"ada\",\"password\":\"" + AUTH_PASSWORD
                    + "\",\"serveraddress\":\"" + registry.host() + "\"}").getBytes(StandardCharsets.UTF_8));
            RawHttp.Response answer = DockerRequests.exchange(proxy.socket(), "POST /images/create?fromImage="
                    + registry.host() + "/" + pulledPath + "&tag=1 HTTP/1.1\r\nHost: docker\r\nX-Registry-Auth: " + auth
                    + "\r\nContent-Length: 0\r\n\r\n");
            assertEquals(200, answer.status(), secretPull);
            assertTrue(askEventually(api, "{ SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a docker:ImagePull; prov:used " + uImage
                    + " } HAVING (COUNT(DISTINCT ?p) = 2) }"), "the second pull");

            String export = RecordedCalls.of(proxy).export();
            for (String secret : List.of(URL_PASSWORD, URL_TOKEN, AUTH_PASSWORD, auth)) {
                assertFalse(export.contains(secret), "no credential is recorded");
                assertFalse(proxy.log().contains(secret), "nor logged");
            }
            ProvValidator.assertEachGraphValid(export);
        }
    }

    @ParameterizedTest
    @EnumSource(DockerDaemon.class)
    void imageEventsWhileTheDaemonWasDownAreRecordedWhenItIsBackAndNothingTwice(DockerDaemon daemon) throws Exception {
        Path store = Paths.scratch("origins-store").resolve("tdb2");
        try (Leftovers made = new Leftovers()) {
            DockerCli direct = daemon.direct();
            String first = made.image(daemon, direct.name("first") + ":1");
            String image;
            try (ProxyProcess proxy = startProxy(daemon, store)) {
                DockerCli cli = DockerCli.through(proxy);
                cli.run("tag", BASE, first).ok();
                image = image(cli, first);
                assertTrue(askEventually(ScApi.of(proxy), "?tag a docker:ImageTag; docker:name '" + first + "' . "
                        + byAPerson("?tag") + namedNow(image, first)), proxy.log());
                proxy.kill(); // a crash: nothing flushed on the way out
            }
            // While no daemon of ours runs: another name given, the first taken away.
            String second = made.image(daemon, direct.name("second") + ":1");
            direct.run("tag", BASE, second).ok();
            direct.run("rmi", first).ok();
            String countTags = PREFIXES + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a docker:ImageTag; docker:name ?name"
                    + " FILTER(?name IN ('" + first + "', '" + second + "')) }";
            try (ProxyProcess next = startProxy(daemon, store)) {
                ScApi api = ScApi.of(next);
                assertTrue(askEventually(api, namedNow(image, second) + " ?tag a docker:ImageTag; docker:name '" + second + "' . "
                        + byTheEngineAlone("?tag") + " " + image + " docker:hadName ?f . ?f docker:name '" + first + "';"
                        + " docker:namedUntil ?u; docker:unnamedBy ?untag . ?untag a docker:ImageUntag ."),
                        "what happened while we were down\n" + next.log());
                assertEquals(List.of("2"), api.select(countTags, "n"), "the first tag, read again, is one record");
                next.terminate();
            }
            try (ProxyProcess again = startProxy(daemon, store)) {
                ScApi api = ScApi.of(again);
                Thread.sleep(2000); // no event to wait for: a moment for a replay that should add nothing
                assertEquals(List.of("2"), api.select(countTags, "n"));
                assertEquals(List.of("1"), api.select(PREFIXES + "SELECT (COUNT(?n) AS ?c) WHERE { " + image
                        + " docker:hadName ?n . ?n docker:name '" + second + "' }", "c"), "one span for the name");
                ProvValidator.assertEachGraphValid(RecordedCalls.of(again).export());
            }
        }
    }

    private static ProxyProcess startProxy(DockerDaemon daemon, Path store) {
        return daemon == DockerDaemon.DOCKER_26 ? ProxyProcess.start("--store", store.toString())
                : ProxyProcess.startInFrontOfDocker20("--store", store.toString());
    }

    /**
     * The competency question "where did image B come from (registry and digest)", as {@code docs/queries.md}
     * gives it (its example name replaced by B): one value of {@code column} for each way it came, oldest first.
     */
    private static List<String> documentedOrigin(ScApi api, String b, String column) {
        return api.select(DocumentedQueries.query("Where did image B come from (registry and digest)",
                Map.of("\"my-image:latest\"", "\"" + b + "\"")), column);
    }

}
