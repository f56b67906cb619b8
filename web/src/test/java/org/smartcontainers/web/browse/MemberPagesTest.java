package org.smartcontainers.web.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.web.resources.Kind;

/** A member's page as people read it: a person by name, a commit's tag with its repository, what an activity used and made. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberPagesTest {
    /** A commit with {@code ?repo=team/notes&tag=1}, as Docker's API takes them, and its image. */
    private static final String TAGGED_COMMIT = Vocab.activityIri("a0000000-0000-4000-8000-000000000009");
    private static final String TAGGED_IMAGE = "6".repeat(64);
    private static final String LONG_VALUE = "x".repeat(300);

    private ServedPages pages;
    private String base;

    @BeforeAll
    void start() {
        List<NamedGraph> graphs = new ArrayList<>(EverydayRecords.graphs());
        Model commit = EverydayRecords.activity(TAGGED_COMMIT, Vocab.Docker.Commit, "2026-04-01T10:00:00Z", EverydayRecords.ADA,
                "Ada Lovelace", "success");
        // Software before the person in the record: the page still names the person first.
        commit.getResource(TAGGED_COMMIT).addProperty(Vocab.Prov.wasAssociatedWith, commit.createResource(Vocab.INSTANCE_BASE
                + "agent/smartcontainers/9.9").addProperty(RDF.type, Vocab.Prov.SoftwareAgent).addProperty(Vocab.Sc.version, "9.9")
                .addProperty(RDFS.label, "SmartContainers"));
        Resource activity = commit.getResource(TAGGED_COMMIT).addProperty(Vocab.Docker.repository, "team/notes")
                .addProperty(Vocab.Docker.tag, "1").addProperty(Vocab.Docker.comment, LONG_VALUE)
                .addProperty(Vocab.Prov.used, commit.createResource(Vocab.containerIri(EverydayRecords.CONTAINER))
                        .addProperty(RDF.type, Vocab.Docker.Container));
        EverydayRecords.image(commit, TAGGED_IMAGE).addProperty(Vocab.Prov.wasGeneratedBy, activity);
        graphs.add(new NamedGraph(TAGGED_COMMIT, commit));
        pages = new ServedPages(graphs);
        base = pages.base();
    }

    @AfterAll
    void stop() {
        pages.close();
    }

    @Test
    void aPersonsPageIsTitledWithTheirNameAndLinksTheirOrcidId() throws Exception {
        String page = html(Kind.AGENTS.memberPath(EverydayRecords.ORCID));
        assertTrue(page.contains("<title>Josiah Carberry · SmartContainers</title>") && page.contains("<h1>Josiah Carberry</h1>"), page);
        assertTrue(page.contains("<th>ORCID iD</th><td><a class=\"orcid\" href=\"" + EverydayRecords.ORCID
                + "\">ORCID 0000-0002-1825-0097</a></td>"), page);
        assertTrue(html(Kind.AGENTS.memberPath(EverydayRecords.ADA)).contains("<h1>Ada Lovelace</h1>"), "without an ORCID iD too");
    }

    @Test
    void whoMadeSomethingIsNamedLinkedToTheirPageAndToOrcid() throws Exception {
        String page = html("/images/" + EverydayRecords.BUILT);
        assertTrue(page.contains("<th>Who</th><td><a href=\"" + base + Kind.AGENTS.memberPath(EverydayRecords.ORCID)
                + "\">Josiah Carberry</a> <a class=\"orcid\" href=\"" + EverydayRecords.ORCID + "\">"), page);
    }

    @Test
    void whoIsTheSameRowWhateverOrderTheStoreGives() throws Exception {
        String page = html("/images/" + TAGGED_IMAGE);
        int row = page.indexOf("<th>Who</th>");
        String who = page.substring(row, page.indexOf("</tr>", row));
        assertTrue(who.indexOf("Ada Lovelace") >= 0 && who.indexOf("Ada Lovelace") < who.indexOf("SmartContainers 9.9"),
                "people first, then software: " + who);
        assertEquals(who, html("/images/" + TAGGED_IMAGE).substring(row, page.indexOf("</tr>", row)));
    }

    @Test
    void aCommittedImageIsTaggedWithItsRepository() throws Exception {
        String page = html("/images/" + TAGGED_IMAGE);
        assertTrue(page.contains("<th>Tags</th><td>team/notes:1</td>"), page);
        assertFalse(page.contains("<th>Tags</th><td>1</td>"), page);
        String list = html("/images/");
        assertTrue(list.contains(">team/notes:1</a>"), "the list names it so too: " + list);
    }

    @Test
    void anActivityPageSaysWhatItUsedAndWhatItGenerated() throws Exception {
        String page = html("/activities/a0000000-0000-4000-8000-000000000009");
        assertTrue(page.contains("<th>Used</th><td>container <a href=\"" + base + "/containers/" + EverydayRecords.CONTAINER
                + "\">" + EverydayRecords.CONTAINER.substring(0, 12) + "</a></td>"), page);
        assertTrue(page.contains("<th>Generated</th><td>image <a href=\"" + base + "/images/" + TAGGED_IMAGE + "\">"
                + TAGGED_IMAGE.substring(0, 12) + "</a></td>"), page);
    }

    @Test
    void imageContainerAndActivityPagesDrawTheirLineageAndAgentPagesDoNot() throws Exception {
        for (String path : List.of("/images/" + TAGGED_IMAGE, "/containers/" + EverydayRecords.CONTAINER,
                "/activities/a0000000-0000-4000-8000-000000000009")) {
            String page = html(path);
            assertTrue(page.contains("<h2>Lineage</h2><figure class=\"lineage\">") && page.contains("<svg"), path + ": " + page);
            assertTrue(page.contains("href=\"" + base + "/images/" + TAGGED_IMAGE + "\""), "its nodes link to pages: " + path);
        }
        assertFalse(html(Kind.AGENTS.memberPath(EverydayRecords.ORCID)).contains("<figure class=\"lineage\">"));
    }

    @Test
    void pagesFitPhonesAndTheStatementsTableWrapsLongValues() throws Exception {
        String page = html("/activities/a0000000-0000-4000-8000-000000000009");
        assertTrue(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), page);
        assertTrue(page.contains("<table class=\"statements\">") && page.contains(LONG_VALUE), page);
        assertTrue(page.contains("table.statements{table-layout:fixed;width:100%}") && page.contains("overflow-wrap:anywhere"),
                "a fixed layout that wraps: the browser test measures it");
    }

    private String html(String path) throws Exception {
        return pages.html(path);
    }
}
