package org.smartcontainers.web.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.resources.Kind;

/** Finding things by what people know of them: /search, and Docker's references in the URL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {
    /** Shares its first four hex digits with the built image: "1111" names two. */
    private static final String LOOKALIKE = "1111" + "a".repeat(60);
    /** The pulled image's ID on a containerd store: its index's digest, recorded beside it. */
    private static final String PULLED_INDEX = "sha256:" + "9e".repeat(32);

    private ServedPages pages;
    private String base;

    @BeforeAll
    void start() {
        List<NamedGraph> graphs = new ArrayList<>(EverydayRecords.graphs());
        Model lookalike = ModelFactory.createDefaultModel();
        EverydayRecords.image(lookalike, LOOKALIKE);
        graphs.add(new NamedGraph("urn:test:lookalike", lookalike));
        Model digests = ModelFactory.createDefaultModel();
        digests.createResource(Vocab.imageIri(EverydayRecords.PULLED)).addProperty(Vocab.Docker.indexDigest, PULLED_INDEX)
                .addProperty(Vocab.Docker.manifestDigest, "sha256:" + "5d".repeat(32));
        graphs.add(new NamedGraph(Vocab.imageIri(EverydayRecords.PULLED) + "/manifest/" + "9e".repeat(32), digests));
        pages = new ServedPages(graphs);
        base = pages.base();
    }

    @AfterAll
    void stop() {
        pages.close();
    }

    @Test
    void oneHitLeadsToItsPage() throws Exception {
        String pulled = "/images/" + EverydayRecords.PULLED;
        assertSeeOther(pulled, "/search?q=alpine:3");
        assertSeeOther(pulled, "/search?q=docker.io/library/alpine:3");
        assertSeeOther(pulled, "/search?q=sha256:" + EverydayRecords.PULLED.substring(0, 12));
        assertSeeOther(pulled, "/search?q=" + EverydayRecords.PULLED.substring(0, 12));
        assertSeeOther(pulled, "/search?q=sha256:" + EverydayRecords.PULLED);
        assertSeeOther("/containers/" + EverydayRecords.CONTAINER, "/search?q=web");
        assertSeeOther("/containers/" + EverydayRecords.CONTAINER, "/search?q=" + EverydayRecords.CONTAINER.substring(0, 12));
        String josiah = Kind.AGENTS.memberPath(EverydayRecords.ORCID);
        assertSeeOther(josiah, "/search?q=0000-0002-1825-0097");
        assertSeeOther(josiah, "/search?q=" + URLEncoder.encode(EverydayRecords.ORCID, StandardCharsets.UTF_8));
        assertSeeOther(josiah, "/search?q=josiah");
        assertSeeOther(Kind.AGENTS.memberPath(EverydayRecords.ADA), "/search?q=" + URLEncoder.encode("Ada Lovelace", StandardCharsets.UTF_8));
        assertSeeOther("/activities/c0000000-0000-4000-8000-000000000004", "/search?q=c0000000-0000");
    }

    @Test
    void anImageIsFoundByTheIdAContainerdStoreGivesIt() throws Exception {
        String pulled = "/images/" + EverydayRecords.PULLED;
        assertSeeOther(pulled, "/search?q=" + PULLED_INDEX);
        assertSeeOther(pulled, "/search?q=" + PULLED_INDEX.substring("sha256:".length(), "sha256:".length() + 12));
        assertSeeOther(pulled, "/search?q=sha256:" + "5d".repeat(6));
        assertSeeOther(pulled, "/images/" + PULLED_INDEX.substring("sha256:".length()));
        assertEquals(404, send("/search?q=" + "9e".repeat(3), "text/plain").statusCode(), "fewer than twelve digits of a digest find nothing");
    }

    @Test
    void anImageIsFoundByTheTagItsBuildWasAskedFor() throws Exception {
        assertSeeOther("/images/" + EverydayRecords.BUILT, "/search?q=team/tool:1.0");
    }

    @Test
    void severalHitsAreListed() throws Exception {
        HttpResponse<String> page = send("/search?q=1111", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<a href=\"" + base + "/images/" + EverydayRecords.BUILT + "\">111111111111</a>"), page.body());
        assertTrue(page.body().contains("<a href=\"" + base + "/images/" + LOOKALIKE + "\">1111aaaaaaaa</a>"), page.body());

        HttpResponse<String> rdf = send("/search?q=1111", "text/turtle");
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(rdf.body())).lang(Lang.TURTLE).base(base).parse(model);
        assertEquals(2, model.listObjectsOfProperty(Hydra.member).toList().size(), rdf.body());
    }

    @Test
    void noHitSaysSoAndNoQueryIsABadRequest() throws Exception {
        HttpResponse<String> none = send("/search?q=nothing-here", "text/html");
        assertEquals(404, none.statusCode());
        assertTrue(none.body().contains("Nothing found for “nothing-here”"), none.body());
        assertEquals(404, send("/search?q=alpine:old", "text/plain").statusCode(), "a name taken away names nothing now");
        HttpResponse<String> rdf = send("/search?q=nothing-here", "text/turtle");
        assertEquals(404, rdf.statusCode(), "nothing found is a 404 whatever the client accepts");
        assertEquals("nothing found for 'nothing-here'", rdf.body().strip());
        HttpResponse<String> empty = send("/search?q=", "text/html");
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().startsWith("q must say what to find"), empty.body());
        assertEquals(400, send("/search", "text/html").statusCode());
    }

    @Test
    void whatSomeoneTypesIsOnlyEverSearchedForNeverRunAsQueryText() throws Exception {
        for (String typed : List.of("x\" } ?member ?p ?o { \"", "a'b", "\\", "} UNION { ?member ?p ?o }", "<urn:x>",
                "line\nbreak", "0000-0002-1825-0097> } ?member ?p ?o { <x")) {
            HttpResponse<String> answer = send("/search?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8), "text/html");
            assertEquals(404, answer.statusCode(), typed + ": " + answer.body());
            HttpResponse<String> asReference = send("/images/" + URLEncoder.encode(typed, StandardCharsets.UTF_8), "text/plain");
            assertTrue(asReference.statusCode() == 404 || asReference.statusCode() == 400, typed + ": " + asReference.statusCode());
        }
    }

    @Test
    void dockerReferencesInTheUrlLeadToTheResource() throws Exception {
        String pulled = "/images/" + EverydayRecords.PULLED;
        assertSeeOther(pulled, "/images/alpine:3");
        assertSeeOther(pulled, "/images/" + EverydayRecords.PULLED.substring(0, 12));
        assertSeeOther(pulled, "/images/sha256:" + EverydayRecords.PULLED);
        assertSeeOther("/containers/" + EverydayRecords.CONTAINER, "/containers/web");
        assertSeeOther("/containers/" + EverydayRecords.CONTAINER, "/containers/" + EverydayRecords.CONTAINER.substring(0, 12));
        assertSeeOther("/containers/" + EverydayRecords.RENAMED, "/containers/new-name");
        assertSeeOther("/containers/" + EverydayRecords.RENAMED, "/containers/old-name");
        assertSeeOther("/search?q=1111", "/images/1111");
        assertEquals(404, send("/images/nothing:1", "text/turtle").statusCode());
        assertEquals(404, send("/containers/" + EverydayRecords.PULLED.substring(0, 12), "text/turtle").statusCode(),
                "an image is not a container");
    }

    @Test
    void aNameWithSlashesLeadsToItsImage() throws Exception {
        Model named = ModelFactory.createDefaultModel();
        String id = "5".repeat(64);
        EverydayRecords.image(named, id).addProperty(Vocab.Docker.hadName,
                named.createResource(Vocab.imageIri(id) + "/name/e/team/tool:2.0/1").addProperty(Vocab.Docker.name, "team/tool:2.0"));
        pages.store().commit(List.of(new NamedGraph("urn:test:named", named)));
        assertSeeOther("/images/" + id, "/images/team/tool:2.0");
        assertSeeOther("/images/" + id, "/search?q=team/tool:2.0");
    }

    @Test
    void everyPageHasTheSearchBox() throws Exception {
        String box = "<form class=\"search\" role=\"search\" method=\"get\" action=\"" + base + "/search\">";
        for (String path : List.of("/", "/images/", "/activities/", "/images/" + EverydayRecords.BUILT, "/search?q=1111")) {
            String page = send(path, "text/html").body();
            assertTrue(page.contains(box) && page.contains("<input type=\"search\" name=\"q\""), path + ": " + page);
        }
    }

    private void assertSeeOther(String expectedPath, String path) throws Exception {
        HttpResponse<String> response = send(path, "text/html");
        assertEquals(303, response.statusCode(), path + ": " + response.body());
        assertEquals(base + expectedPath, response.headers().firstValue("Location").orElseThrow(), path);
    }

    private HttpResponse<String> send(String path, String accept) throws Exception {
        return pages.send(path, accept);
    }
}
