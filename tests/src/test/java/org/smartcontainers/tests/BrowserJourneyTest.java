package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.HeadlessChromium;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.Clients;

/**
 * A person's way through the pages in a real browser (Debian's Chromium through its chromedriver): from the entry
 * page, the header's search finds an image by its tag, its lineage picture leads to the image it was built from,
 * and the SPARQL editor answers a question about it. The pages are made from builds recorded through the proxy.
 * Each step's screenshot is kept in {@code tests/target/browser-journey/}.
 */
class BrowserJourneyTest {
    private static final String DOCKER = "http://w3id.org/daspos/docker#";

    /** An image as the test made it: its tag and its ID (without {@code sha256:}). */
    private record Built(String tag, String id) {
        String shortId() {
            return id.substring(0, 12);
        }
    }

    @Test
    void aPersonSearchesForAnImageFollowsItsLineageToItsBaseAndAsksTheSparqlEditorForTheBasesId() throws Exception {
        // Started first: a missing chromedriver or chromium fails here, before anything is built.
        try (HeadlessChromium browser = HeadlessChromium.start(Paths.repo().resolve("tests/target/browser-journey"));
                ProxyProcess proxy = ProxyProcess.start()) {
            DockerCli direct = DockerCli.direct();
            DockerCli cli = DockerCli.through(proxy).withBinary(Clients.docker(), Map.of("DOCKER_BUILDKIT", "0"));
            // Short enough that the lineage picture writes them whole (it shortens names beyond 30 characters).
            String run = UUID.randomUUID().toString().substring(0, 8);
            String baseTag = "journey-base-" + run + ":1";
            String topTag = "journey-top-" + run + ":1";
            try {
                Built base = build(cli, direct, baseTag, "FROM " + DockerSocket.BASE_IMAGE + "\nLABEL journey=base\n");
                Built top = build(cli, direct, topTag, "FROM " + baseTag + "\nLABEL journey=top\n");
                // The tags are names from Docker's event stream, recorded after the builds' answers: the search and
                // the picture's node names need them.
                for (Built image : List.of(base, top)) {
                    assertTrue(ScApi.of(proxy).askEventually("ASK { <https://w3id.org/daspos/smartcontainers/image/" + image.id()
                            + "> <" + DOCKER + "hadName>/<" + DOCKER + "name> \"" + image.tag() + "\" }"), image.tag());
                }
                String site = proxy.httpUrl();

                searchFromTheEntryPage(browser, site, top);
                followTheLineageToTheBase(browser, site, top, base);
                askTheSparqlEditorForTheBase(browser, site, top, base);
            } finally {
                direct.removeImages(topTag, baseTag);
            }
        }
    }

    /** From the entry page, the header's search box finds {@code image} by its tag and lands on its page. */
    private static void searchFromTheEntryPage(HeadlessChromium browser, String site, Built image) {
        WebDriver page = browser.driver();
        page.get(site + "/");
        browser.until("the entry page", ExpectedConditions.titleContains("SmartContainers provenance"));
        browser.screenshot("entry-page");
        assertTrue(page.findElement(By.tagName("body")).getText().contains("SPARQL (an editor with examples"),
                "the entry page names what is there");

        WebElement search = page.findElement(By.cssSelector("nav form.search input[name=q]"));
        search.sendKeys(image.tag());
        browser.screenshot("search-typed");
        search.sendKeys(Keys.ENTER);
        // One image has that tag: the search answers with a 303 to its page.
        browser.until("the search's redirect to the image's page", ExpectedConditions.urlToBe(site + "/images/" + image.id()));
        browser.screenshot("second-image-found-by-search");
        assertIsImagePage(page, image);
    }

    /** On {@code top}'s page, its lineage picture's node of {@code base} leads to {@code base}'s page. */
    private static void followTheLineageToTheBase(HeadlessChromium browser, String site, Built top, Built base) {
        WebDriver page = browser.driver();
        assertTrue(isFocus(lineageNode(page, top.tag())), "the lineage picture is drawn around this image");
        WebElement baseNode = lineageNode(page, base.tag());
        // The picture is below the fold at 1280x900: in view, so the screenshot shows the node followed.
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'})", baseNode);
        browser.screenshot("lineage-of-second-image");
        baseNode.click();
        browser.until("the base image's page, from its node in the lineage", ExpectedConditions.urlToBe(site + "/images/" + base.id()));
        browser.screenshot("first-image-from-lineage");
        assertIsImagePage(page, base);
        assertTrue(isFocus(lineageNode(page, base.tag())), "the base's lineage picture is drawn around the base");
    }

    /** The header's SPARQL link opens the editor; a query for {@code top}'s base answers with {@code base}'s ID. */
    private static void askTheSparqlEditorForTheBase(HeadlessChromium browser, String site, Built top, Built base) {
        WebDriver page = browser.driver();
        page.findElement(By.xpath("//nav/a[.='SPARQL']")).click();
        WebElement editor = browser.until("YASGUI's query editor",
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#yasgui .yasqe .CodeMirror")));
        assertEquals(site + "/sparql", page.getCurrentUrl());
        assertEquals("SPARQL", page.findElement(By.tagName("h1")).getText());
        String query = "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX docker: <" + DOCKER + ">\n"
                + "SELECT ?baseId WHERE {\n  ?image docker:id \"sha256:" + top.id() + "\"; prov:wasDerivedFrom ?base .\n"
                + "  ?base a docker:Image; docker:id ?baseId .\n}";
        // Through CodeMirror's own API (YASQE is a CodeMirror; typed text would meet its bracket closing and completion
        // pop-ups), then run as a person runs it, with the editor's button.
        ((JavascriptExecutor) page).executeScript("arguments[0].CodeMirror.setValue(arguments[1])", editor, query);
        assertTrue(editor.getText().contains(top.id()), "the editor shows the query: " + editor.getText());
        browser.screenshot("sparql-query-written");
        page.findElement(By.cssSelector("#yasgui .yasqe_queryButton")).click();
        List<WebElement> rows = browser.until("the query's result table",
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#yasgui .yasr table tbody tr"), 0));
        browser.screenshot("sparql-result");
        assertEquals(1, rows.size(), "one base: " + page.findElement(By.cssSelector("#yasgui .yasr")).getText());
        assertEquals("sha256:" + base.id(), resultCell(page, rows.get(0), "baseId"), "the base's ID, as the table shows it");
    }

    /** A classic build through the proxy, as the docker CLI runs it; the ID as the daemon tells it. */
    private static Built build(DockerCli cli, DockerCli direct, String tag, String dockerfile) throws Exception {
        Path context = Paths.scratch("journey-context");
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        cli.run("build", "-q", "-t", tag, context.toString()).ok();
        return new Built(tag, direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out().substring("sha256:".length()));
    }

    /** The page reached is that image's: its heading names its short ID and its Tags row its tag. */
    private static void assertIsImagePage(WebDriver page, Built image) {
        assertEquals("Image " + image.shortId(), page.findElement(By.tagName("h1")).getText(), page.getCurrentUrl());
        assertEquals(image.tag(), page.findElement(By.xpath("//tr[th='Tags']/td")).getText(), "the image's tags");
    }

    /** Whether a node of the lineage picture is the one the picture is drawn around (the page's own resource). */
    private static boolean isFocus(WebElement node) {
        return node.findElement(By.xpath("*[local-name()='g']")).getDomAttribute("class").contains("lineage-focus");
    }

    /** The text of {@code row}'s cell in the column headed {@code variable} (YASR numbers its rows in a first column). */
    private static String resultCell(WebDriver page, WebElement row, String variable) {
        List<String> headings = page.findElements(By.cssSelector("#yasgui .yasr table thead th")).stream()
                .map(WebElement::getText).map(String::trim).toList();
        int column = headings.indexOf(variable);
        assertTrue(column >= 0, "a column " + variable + " in " + headings);
        return row.findElements(By.tagName("td")).get(column).getText();
    }

    /** The node of the lineage picture (an SVG link) whose first line is {@code name}: what a person reads on it. */
    private static WebElement lineageNode(WebDriver page, String name) {
        List<WebElement> nodes = page.findElements(By.xpath("//*[local-name()='figure' and @class='lineage']//*[local-name()='svg']"
                + "//*[local-name()='a'][*[local-name()='g']/*[local-name()='text'][1][.='" + name + "']]"));
        assertEquals(1, nodes.size(), "one node named " + name + " in the lineage picture: "
                + page.findElement(By.cssSelector("figure.lineage")).getText());
        return nodes.get(0);
    }
}
