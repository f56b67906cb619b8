package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.ChromiumDom;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * The pages people use every day, on what a real build and create through the proxy recorded: the lists
 * newest first with names and what made them, the activities' filters, and finding an image or container by
 * its tag, short ID or name, in the URL or from the search box (Chromium submits the header's form); pages that
 * keep to a phone's width and to 1280 px.
 */
class BrowsePagesSearchTest {
    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects: the 303s are what is tested

    @Test
    void aBuiltImageAndItsContainerAreListedAndFoundByTagShortIdAndName() throws Exception {
        Clients.chromium(); // a missing one fails here, before anything is built
        DockerCli direct = DockerCli.direct();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            DockerCli cli = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
            String repository = "team/" + cli.name("sc-it-search").toLowerCase();
            String tag = repository + ":1.0";
            String container = cli.name("search");
            Path context = Paths.scratch("search-context");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE + "\nRUN echo found > /found\n");
            try {
                cli.run("build", "-q", "-t", tag, context.toString()).ok();
                cli.run("create", "--name", container, tag, "true").ok();
                String imageId = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out().substring(7);
                String containerId = direct.run("inspect", "-f", "{{.Id}}", container).ok().out();
                String base = proxy.httpUrl();
                // The tag is a name from Docker's event stream, recorded after the build's answer.
                assertTrue(ScApi.of(proxy).askEventually("ASK { <https://w3id.org/daspos/smartcontainers/image/" + imageId
                        + "> <http://w3id.org/daspos/docker#hadName>/<http://w3id.org/daspos/docker#name> \"" + tag + "\" }"));

                String imagePage = base + "/images/" + imageId;
                assertSeeOther(imagePage, base + "/images/" + tag);
                assertSeeOther(imagePage, base + "/images/" + imageId.substring(0, 12));
                assertSeeOther(imagePage, base + "/search?q=" + URLEncoder.encode("sha256:" + imageId.substring(0, 12), StandardCharsets.UTF_8));
                assertSeeOther(base + "/containers/" + containerId, base + "/containers/" + container);
                assertSeeOther(base + "/containers/" + containerId, base + "/search?q=" + container);

                String images = ChromiumDom.text(ChromiumDom.of(base + "/images/"));
                assertTrue(images.matches("(?s).*" + tag + " ImageBuild \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ.*"),
                        "the image by its tag, what made it and when: " + images);
                String containers = ChromiumDom.text(ChromiumDom.of(base + "/containers/"));
                assertTrue(containers.contains(container + " " + tag), "a container by its name, with its image: " + containers);
                String builds = ChromiumDom.text(ChromiumDom.of(base + "/activities/?kind=ImageBuild&outcome=success"));
                assertTrue(builds.matches("(?s).*found,.*ImageBuild .*success.*"), builds);

                // The header's search box, as a browser submits it: a GET of /search?q=…, answered with the image's page.
                String found = ChromiumDom.text(ChromiumDom.of(base + "/search?q=" + URLEncoder.encode(tag, StandardCharsets.UTF_8)));
                assertTrue(found.contains("Image " + imageId.substring(0, 12)), "the redirect followed to the image: " + found);
                assertTrue(ChromiumDom.of(base + "/").contains("<form class=\"search\""), "the search box is in the header");

                for (String page : List.of(imagePage, base + "/activities/", base + "/containers/" + containerId)) {
                    for (int width : new int[] {360, 1280}) {
                        String fit = widthUsed(page, width);
                        assertTrue(Integer.parseInt(fit.split("/")[0]) <= width, page + " at " + width + " px uses " + fit);
                    }
                }
            } finally {
                direct.run("rm", "-f", container);
                direct.run("rmi", "-f", tag);
            }
        }
    }

    private void assertSeeOther(String expected, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, response.statusCode(), url + ": " + response.body());
        assertEquals(expected, response.headers().firstValue("Location").orElseThrow(), url);
    }

    /**
     * How wide Chromium lays the page out in a frame {@code width} CSS pixels wide, as "used/width": headless
     * windows are at least 500 px, so a phone's width is a frame's. The frame holds the page's own bytes.
     */
    private String widthUsed(String url, int width) throws Exception {
        String html = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Path dir = Paths.scratch("fit");
        Files.writeString(dir.resolve("page.html"), html);
        Files.writeString(dir.resolve("frame.html"), "<!DOCTYPE html><html><body><iframe id=\"f\" src=\"page.html\" style=\"width:"
                + width + "px;height:800px;border:0\"></iframe><script>document.getElementById('f').onload = function () {"
                + " document.body.setAttribute('data-fit', this.contentDocument.documentElement.scrollWidth + '/'"
                + " + this.contentWindow.innerWidth); };</script></body></html>");
        Path profile = Paths.scratch("chromium");
        String dom = Run.run(Map.of("HOME", profile.toString()), new byte[0], List.of(Clients.chromium(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + profile, "--allow-file-access-from-files", "--window-size=1400,900",
                "--virtual-time-budget=5000", "--dump-dom", dir.resolve("frame.html").toUri().toString())).ok().stdout();
        Matcher fit = Pattern.compile("data-fit=\"(\\d+/\\d+)\"").matcher(dom);
        assertTrue(fit.find(), "the frame measured the page: " + dom);
        assertEquals(String.valueOf(width), fit.group(1).split("/")[1], "the frame's width");
        return fit.group(1);
    }
}
