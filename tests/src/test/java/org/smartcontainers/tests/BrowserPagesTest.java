package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.ChromiumDom;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;

/**
 * What a person sees in a browser (Debian's Chromium, headless): an image built and a container
 * created through the proxy, with who made them, when, from what, their labels and what a user
 * attached, the derivation chain as links.
 */
class BrowserPagesTest {

    @Test
    void imageAndContainerPagesShowWhoMadeThemFromWhatAndWhen() throws Exception {
        Clients.chromium(); // a missing one fails here, before anything is built
        DockerCli direct = DockerCli.direct();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            DockerCli cli = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
            String tag = cli.name("sc-it-page").toLowerCase() + ":v1";
            String container = cli.name("page");
            Path context = Paths.scratch("page-context");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo made > /made\n");
            try {
                cli.run("build", "-q", "--label", "team=physics", "-t", tag, context.toString()).ok();
                cli.run("create", "--name", container, tag, "true").ok();
                String imageId = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out().substring(7);
                String baseId = direct.run("image", "inspect", "-f", "{{.Id}}", DockerSocket.BASE_IMAGE).ok().out().substring(7);
                String containerId = direct.run("inspect", "-f", "{{.Id}}", container).ok().out();
                String base = proxy.httpUrl();
                attach(proxy, base + "/images/" + imageId + "/metadata/", "<> <http://purl.org/dc/terms/title> \"Calibration notes\" .");

                String image = ChromiumDom.of(base + "/images/" + imageId);
                String imageText = ChromiumDom.text(image);
                assertTrue(imageText.contains("Image " + imageId.substring(0, 12)), imageText);
                assertTrue(imageText.contains("Made by docker:ImageBuild"), "who built it: " + imageText);
                assertTrue(imageText.contains("Docker Engine") && imageText.contains("SmartContainers"), "which software: " + imageText);
                assertTrue(imageText.matches(".*Started \\d{4}-\\d\\d-\\d\\dT.*"), "when: " + imageText);
                assertTrue(imageText.contains("Tags " + tag), imageText);
                assertTrue(imageText.contains("team physics"), "its labels: " + imageText);
                assertTrue(imageText.contains("Calibration notes"), "what a user attached: " + imageText);
                assertTrue(image.contains("href=\"" + base + "/images/" + baseId + "\""), "from what, as a link: " + image);

                String page = ChromiumDom.of(base + "/containers/" + containerId);
                String pageText = ChromiumDom.text(page);
                assertTrue(pageText.contains("Container " + containerId.substring(0, 12)), pageText);
                assertTrue(pageText.contains("Name " + container), pageText);
                // The chain, nearest first, each step a link: container, its image (built), the base image.
                int chain = pageText.indexOf("Derivation chain");
                assertTrue(chain >= 0, pageText);
                String steps = pageText.substring(chain);
                assertTrue(steps.indexOf(containerId.substring(0, 12)) < steps.indexOf(imageId.substring(0, 12) + " — ImageBuild")
                        && steps.indexOf(imageId.substring(0, 12)) < steps.indexOf(baseId.substring(0, 12)), steps);
                assertTrue(page.contains("href=\"" + base + "/images/" + imageId + "\""), page);

                String home = ChromiumDom.text(ChromiumDom.of(base + "/"));
                assertTrue(home.contains("Images") && home.contains("SPARQL (an editor with examples"), home);
                String images = ChromiumDom.of(base + "/images/");
                assertTrue(images.contains("href=\"" + base + "/images/" + imageId + "\""), images);
            } finally {
                direct.run("rm", "-f", container);
                direct.run("rmi", "-f", tag);
            }
        }
    }

    private static void attach(ProxyProcess proxy, String container, String turtle) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(container))
                .header("Content-Type", "text/turtle").header("Authorization", "Bearer " + proxy.httpToken())
                .POST(HttpRequest.BodyPublishers.ofString(turtle)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
    }
}
