package org.smartcontainers.web.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.rdf.WebVocab.Ldp;

/** The lists people read every day: what they show, newest first, paged, and the activities' filters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerListsTest {
    private static final String ORCID = EverydayRecords.ORCID;
    private static final String BUILT = EverydayRecords.BUILT;
    private static final String COMMITTED = EverydayRecords.COMMITTED;
    private static final String CONTAINER = EverydayRecords.CONTAINER;
    private static final int RUNS = EverydayRecords.RUNS;

    private ServedPages pages;
    private String base;

    @BeforeAll
    void start() {
        pages = new ServedPages(EverydayRecords.graphs());
        base = pages.base();
    }

    @AfterAll
    void stop() {
        pages.close();
    }

    @Test
    void imagesAreListedNewestFirstWithTheirNamesWhatMadeThemWhenAndWho() throws Exception {
        String page = html("/images/");
        assertInOrder(page, "alpine:3", COMMITTED.substring(0, 12), "team/tool:1.0");
        String pulledRow = row(page, "alpine:3");
        assertFalse(pulledRow.contains("alpine:old"), "a name taken away is not a name now: " + pulledRow);
        assertTrue(pulledRow.contains(">ImagePull</a>") && pulledRow.contains("2026-03-01 10:00:00Z"), pulledRow);
        String builtRow = row(page, "team/tool:1.0");
        assertTrue(builtRow.contains("<a href=\"" + base + "/activities/f0000000-0000-4000-8000-000000000001\">ImageBuild</a>"),
                builtRow);
        assertTrue(builtRow.contains(">Josiah Carberry</a>"), builtRow);
        assertTrue(builtRow.contains("<a class=\"orcid\" href=\"" + ORCID + "\">ORCID 0000-0002-1825-0097</a>"), builtRow);
        String committedRow = row(page, COMMITTED.substring(0, 12));
        assertTrue(committedRow.contains(">ContainerCommit</a>") && committedRow.contains(">Ada Lovelace</a>"), committedRow);
        assertFalse(committedRow.contains("orcid"), "Ada has no ORCID iD: " + committedRow);
    }

    @Test
    void containersAreListedWithTheirNameImageWhenAndWho() throws Exception {
        String row = row(html("/containers/"), ">web</a>");
        assertTrue(row.contains("<a href=\"" + base + "/containers/" + CONTAINER + "\">web</a>"), row);
        assertTrue(row.contains("<a href=\"" + base + "/images/" + BUILT + "\">team/tool:1.0</a>"), row);
        assertTrue(row.contains("2026-02-10 10:00:00Z") && row.contains(">Josiah Carberry</a>"), row);
    }

    @Test
    void agentsAreListedByTheirNamesWithTheirOrcidIds() throws Exception {
        String row = row(html("/agents/"), ">Josiah Carberry</a>");
        assertTrue(row.contains("<a class=\"orcid\" href=\"" + ORCID + "\">ORCID 0000-0002-1825-0097</a>"), row);
        assertTrue(html("/agents/").contains(">Ada Lovelace</a></td>"), "a person without an ORCID iD");
    }

    @Test
    void aRenamedContainerIsListedByItsNameNow() throws Exception {
        String page = html("/containers/");
        String row = row(page, ">new-name</a>");
        assertTrue(row.contains("<a href=\"" + base + "/containers/" + EverydayRecords.RENAMED + "\">new-name</a>"), row);
        assertFalse(page.contains("old-name"), page);
        String own = html("/containers/" + EverydayRecords.RENAMED);
        assertTrue(own.contains("<th>Name</th><td>new-name (renamed 2025-05-02T10:00:00Z, <a href=\"" + base
                + "/activities/a2000000-0000-4000-8000-000000000007\">the rename</a>)</td>"), own);
        assertTrue(own.contains("<th>Created as</th><td>old-name</td>"), own);
    }

    @Test
    void activitiesAreSortedByTimeNotByTheirUuids() throws Exception {
        String page = html("/activities/");
        assertInOrder(page, "b0000000-0000-4000-8000-000000000005", "c0000000-0000-4000-8000-000000000004",
                "d0000000-0000-4000-8000-000000000003", "e0000000-0000-4000-8000-000000000002",
                "f0000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000119");
        String failed = row(page, "b0000000-0000-4000-8000-000000000005");
        assertTrue(failed.contains(">ImageBuild</a>") && failed.contains("<td>failure</td>") && failed.contains(">Ada Lovelace</a>"),
                failed);
        assertTrue(members("/activities/?page=2").contains(base + "/activities/00000000-0000-4000-8000-000000000000"),
                "the oldest run is on the last page");
    }

    @Test
    void activitiesAreFilteredByKindPersonOutcomeAndTime() throws Exception {
        assertEquals(List.of("b0000000-0000-4000-8000-000000000005", "f0000000-0000-4000-8000-000000000001"),
                ids("/activities/?kind=ImageBuild"), "newest first");
        assertEquals(List.of("b0000000-0000-4000-8000-000000000005"), ids("/activities/?kind=ImageBuild&outcome=failure"));
        assertEquals(List.of("b0000000-0000-4000-8000-000000000005", "e0000000-0000-4000-8000-000000000002"),
                ids("/activities/?person=" + URLEncoder.encode("ada LOVELACE", StandardCharsets.UTF_8)), "a name, any case");
        assertEquals(List.of("c0000000-0000-4000-8000-000000000004", "d0000000-0000-4000-8000-000000000003",
                "f0000000-0000-4000-8000-000000000001"), ids("/activities/?person=0000-0002-1825-0097"), "an ORCID iD");
        assertEquals(ids("/activities/?person=0000-0002-1825-0097"), ids("/activities/?person=" + ORCID), "its URL");
        assertEquals(List.of("d0000000-0000-4000-8000-000000000003", "e0000000-0000-4000-8000-000000000002"),
                ids("/activities/?since=2026-02-01&until=2026-02-10"), "both days included");
        assertEquals(List.of("d0000000-0000-4000-8000-000000000003"),
                ids("/activities/?since=2026-02-01T10:00:01Z&until=2026-03-01T09:59:59Z"), "instants");
        assertTrue(html("/activities/?kind=ImageBuild&outcome=failure").contains("<input name=\"outcome\" value=\"failure\">"),
                "the form shows the filters given");
        String days = html("/activities/?since=2026-02-01&until=2026-02-10");
        assertTrue(days.contains("<input name=\"since\" value=\"2026-02-01\">") && days.contains("<input name=\"until\" value=\"2026-02-10\">"),
                "days as days: " + days);
        assertTrue(html("/activities/?since=2025-06-01T00:00:00Z&page=2").contains(
                "<a rel=\"prev\" href=\"" + base + "/activities/?since=2025-06-01&amp;page=1\">"), "and so in the paging links");
    }

    @Test
    void imagesAndContainersAreFilteredByTheActivityThatMadeOrBroughtThem() throws Exception {
        String pulled = base + "/images/" + EverydayRecords.PULLED;
        assertEquals(Set.of(pulled, base + "/images/" + BUILT), listed("/images/?person=0000-0002-1825-0097"),
                "Josiah built one and pulled one");
        assertEquals(Set.of(base + "/images/" + COMMITTED), listed("/images/?person=" + URLEncoder.encode("ada lovelace",
                StandardCharsets.UTF_8)), "Ada committed one (her failed build made none)");
        assertEquals(Set.of(pulled), listed("/images/?kind=ImagePull"));
        assertEquals(Set.of(base + "/images/" + COMMITTED), listed("/images/?since=2026-02-01&until=2026-02-28"));
        assertEquals(Set.of(), listed("/images/?outcome=failure"));
        assertEquals(Set.of(base + "/containers/" + CONTAINER), listed("/containers/?person=" + ORCID));
        assertEquals(Set.of(base + "/containers/" + EverydayRecords.RENAMED), listed("/containers/?until=2025-12-31"));
        assertTrue(html("/images/?kind=ImagePull").contains("<input name=\"kind\" value=\"ImagePull\">"), "the form");
        HttpResponse<String> agents = send("/agents/?person=ada", "text/turtle");
        assertEquals(400, agents.statusCode());
        assertTrue(agents.body().startsWith("agents are listed whole"), agents.body());
    }

    @Test
    void aHydraClientFindsTheSearchAndTheFiltersInTheTemplatesItIsGiven() throws Exception {
        Model entry = parse(send("/", "text/turtle"));
        String search = template(entry, base + "/");
        assertEquals(base + "/search{?q}", search);
        HttpResponse<String> found = send(expand(search, Map.of("q", "team/tool:1.0")), "text/turtle");
        assertEquals(303, found.statusCode(), found.body());
        assertEquals(base + "/images/" + BUILT, found.headers().firstValue("Location").orElseThrow());

        Model list = parse(send("/activities/", "text/turtle"));
        String filters = template(list, base + "/activities/");
        assertEquals(base + "/activities/{?kind,person,outcome,since,until,page}", filters);
        assertEquals(List.of("b0000000-0000-4000-8000-000000000005"),
                ids(expand(filters, Map.of("kind", "ImageBuild", "outcome", "failure"))));
        Model doc = parse(send("/api-doc", "text/turtle"));
        assertTrue(doc.contains(null, Hydra.property, Hydra.search), "the API documentation names hydra:search");
    }

    /** The hydra:search template of {@code resource}, after its variables are checked to be mapped. */
    private static String template(Model model, String resource) {
        Resource template = model.getRequiredProperty(model.createResource(resource), Hydra.search).getResource();
        String text = template.getRequiredProperty(Hydra.template).getString();
        List<String> mapped = model.listObjectsOfProperty(template, Hydra.mapping)
                .mapWith(m -> m.asResource().getRequiredProperty(Hydra.variable).getString()).toList();
        String variables = text.substring(text.indexOf("{?") + 2, text.indexOf('}'));
        assertEquals(Set.of(variables.split(",")), Set.copyOf(mapped), text);
        return text;
    }

    /** RFC 6570 form-style query expansion, as a Hydra client does it; the path relative to the base. */
    private String expand(String template, Map<String, String> values) {
        String[] names = template.substring(template.indexOf("{?") + 2, template.indexOf('}')).split(",");
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            if (values.containsKey(name)) {
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(values.get(name), StandardCharsets.UTF_8));
            }
        }
        return template.substring(base.length(), template.indexOf("{?")) + query;
    }

    @Test
    void malformedFiltersAreRefusedWithAPlainMessage() throws Exception {
        for (String query : List.of("since=yesterday", "until=2026-13-01", "kind=Image%20Build", "kind=%3E",
                "since=2026-03-01&until=2026-02-01", "page=0")) {
            HttpResponse<String> response = send("/activities/?" + query, "text/turtle");
            assertEquals(400, response.statusCode(), query);
            assertTrue(response.body().matches("(?s)(since|until|kind|page) .*"), query + ": " + response.body());
        }
    }

    @Test
    void pagesLinkTheirNeighboursInTheHeadersTheHydraViewAndThePage() throws Exception {
        HttpResponse<String> first = send("/activities/", "text/turtle");
        List<String> links = first.headers().allValues("Link");
        assertTrue(links.contains("<" + base + "/activities/?page=2>; rel=\"next\""), links.toString());
        assertFalse(links.stream().anyMatch(l -> l.contains("rel=\"prev\"")), links.toString());
        HttpResponse<String> second = send("/activities/?page=2", "text/turtle");
        assertTrue(second.headers().allValues("Link").contains("<" + base + "/activities/?page=1>; rel=\"prev\""));
        List<String> all = new ArrayList<>(members("/activities/"));
        all.addAll(members("/activities/?page=2"));
        assertEquals(RUNS + EverydayRecords.OTHERS, all.stream().distinct().count(), "the pages hold every activity once");

        String filtered = "/activities/?kind=ContainerRun&page=2";
        Model model = parse(send(filtered, "text/turtle"));
        Resource view = model.getRequiredProperty(model.createResource(base + "/activities/"), Hydra.view).getResource();
        assertEquals(base + filtered, view.getURI());
        assertEquals(base + "/activities/?kind=ContainerRun&page=1", view.getRequiredProperty(Hydra.previous).getResource().getURI(),
                "the filters go along");
        assertEquals(RUNS, model.getRequiredProperty(model.createResource(base + "/activities/"), Hydra.totalItems).getInt());
        assertTrue(html("/activities/").contains("<a rel=\"next\" href=\"" + base + "/activities/?page=2\">next</a>"));
    }

    private List<String> ids(String path) throws Exception {
        String page = html(path);
        List<String> ids = new ArrayList<>();
        var matcher = Pattern.compile("<span class=\"iri\">([0-9a-f-]{36})</span>").matcher(page);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        assertEquals(ids.size(), parse(send(path, "text/turtle")).getRequiredProperty(
                ResourceFactory.createResource(base + "/activities/"), Hydra.totalItems).getInt(), path + ": the count says as much");
        return ids;
    }

    /** The members a filtered list holds (as many as it counts), by their URLs here. */
    private Set<String> listed(String path) throws Exception {
        Model model = parse(send(path, "text/turtle"));
        Resource list = model.createResource(base + path.substring(0, path.indexOf('?')));
        Set<String> members = model.listObjectsOfProperty(list, Ldp.contains).mapWith(m -> m.asResource().getURI()).toSet();
        assertEquals(members.size(), model.getRequiredProperty(list, Hydra.totalItems).getInt(), path + ": the count says as much");
        return members;
    }

    private List<String> members(String path) throws Exception {
        Model model = parse(send(path, "text/turtle"));
        return model.listObjectsOfProperty(model.createResource(base + "/activities/"), Ldp.contains)
                .mapWith(m -> m.asResource().getURI()).toList();
    }

    /** The table row holding {@code marker}. */
    private static String row(String page, String marker) {
        int at = page.indexOf(marker);
        assertTrue(at >= 0, marker + " in " + page);
        return page.substring(page.lastIndexOf("<tr>", at), page.indexOf("</tr>", at));
    }

    private static void assertInOrder(String page, String... markers) {
        int last = -1;
        for (String marker : markers) {
            int at = page.indexOf(marker);
            assertTrue(at > last, marker + " after the one before it in " + page);
            last = at;
        }
    }

    private String html(String path) throws Exception {
        return pages.html(path);
    }

    private HttpResponse<String> send(String path, String accept) throws Exception {
        return pages.send(path, accept);
    }

    private static Model parse(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(response.body())).lang(Lang.TURTLE).base(response.uri().toString()).parse(model);
        return model;
    }
}
