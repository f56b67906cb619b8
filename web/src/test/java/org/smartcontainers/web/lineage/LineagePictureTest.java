package org.smartcontainers.web.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smartcontainers.web.lineage.LineageFixture.*;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.web.lineage.LineageLayout.Box;
import org.smartcontainers.web.resources.Kind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The picture as a browser gets it, parsed as XML and checked against the recorded workflow. */
class LineagePictureTest {
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String BASE = "http://localhost:8080";
    private static LocalStore store;

    @BeforeAll
    static void record() {
        store = recordedWorkflow();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    @Test
    void eachResourceIsOneNodeLinkedToItsPageAndNamedReadably() throws Exception {
        Document picture = parse(LineagePicture.of(store, CONTAINER, BASE));

        Map<String, Element> nodes = nodesByLink(picture);
        Set<String> expected = new HashSet<>();
        for (String iri : List.of(CONTAINER, CREATE, APP, BUILD, GOLANG, ALPINE, PULL_GOLANG, PULL_ALPINE, RUN_1, RUN_2, COMMIT, SNAPSHOT)) {
            expected.add(url(iri));
        }
        assertEquals(expected, nodes.keySet());
        assertEquals(expected.size(), picture.getElementsByTagNameNS(SVG, "rect").getLength(), "one box a node");
        assertEquals("alpine:3.20 222222222222", text(nodes.get(url(ALPINE))));
        assertEquals("build 2026-11-02 12:00:00Z", text(nodes.get(url(BUILD))));
        assertEquals("444444444444 container", text(nodes.get(url(CONTAINER))));
        assertEquals("555555555555 image", text(nodes.get(url(SNAPSHOT))));
        assertTrue(group(nodes.get(url(CONTAINER))).getAttribute("class").contains("lineage-focus"));
        assertFalse(group(nodes.get(url(APP))).getAttribute("class").contains("lineage-focus"));
        assertEquals("lineage-node lineage-activity", group(nodes.get(url(RUN_1))).getAttribute("class"));
    }

    @Test
    void eachRelationIsAnArrowFromItsSourcesBoxToItsTargetsAndNoBoxesOverlap() throws Exception {
        Document picture = parse(LineagePicture.of(store, CONTAINER, BASE));
        Map<String, Box> boxes = new HashMap<>();
        nodesByLink(picture).forEach((url, a) -> boxes.put(url, box((Element) a.getElementsByTagNameNS(SVG, "rect").item(0))));

        List<Box> all = new ArrayList<>(boxes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " overlaps " + all.get(j));
            }
        }
        NodeList paths = ((Element) picture.getElementsByTagNameNS(SVG, "g").item(0)).getElementsByTagNameNS(SVG, "path");
        Map<String, double[]> arrows = new HashMap<>(); // by the sentence in its title: its first and last point
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            assertEquals("url(#lineage-arrow)", path.getAttribute("marker-end"));
            String[] points = path.getAttribute("d").replaceAll("[ML]", "").trim().split("\\s+");
            double[] ends = new double[4];
            String[] first = points[0].split(",");
            String[] last = points[points.length - 1].split(",");
            ends[0] = Double.parseDouble(first[0]);
            ends[1] = Double.parseDouble(first[1]);
            ends[2] = Double.parseDouble(last[0]);
            ends[3] = Double.parseDouble(last[1]);
            arrows.put(path.getElementsByTagNameNS(SVG, "title").item(0).getTextContent(), ends);
        }
        assertEquals(15, paths.getLength(), "one arrow a relation");
        Map<String, String[]> derivations = Map.of(
                "image team/app:1 (333333333333) was derived from image golang:1.22 (111111111111)", new String[] {GOLANG, APP},
                "image team/app:1 (333333333333) was derived from image alpine:3.20 (222222222222)", new String[] {ALPINE, APP},
                "container 444444444444 was derived from image team/app:1 (333333333333)", new String[] {APP, CONTAINER},
                "image 555555555555 was derived from container 444444444444", new String[] {CONTAINER, SNAPSHOT},
                "container 444444444444 was generated by create at 2026-11-03 08:00:00Z", new String[] {CREATE, CONTAINER},
                "container 444444444444 was used by run at 2026-11-03 09:00:01Z", new String[] {CONTAINER, RUN_2},
                "image golang:1.22 (111111111111) was brought by pull at 2026-11-01 10:00:00Z", new String[] {PULL_GOLANG, GOLANG});
        derivations.forEach((sentence, ends) -> {
            double[] arrow = arrows.get(sentence);
            assertNotNull(arrow, sentence + " in " + arrows.keySet());
            Box from = boxes.get(url(ends[0]));
            Box to = boxes.get(url(ends[1]));
            assertTrue(on(from, arrow[0], arrow[1]), sentence + ": starts on its source's box " + from);
            assertTrue(on(to, arrow[2], arrow[3]), sentence + ": ends on its target's box " + to);
        });
    }

    @Test
    void theTextAlternativeNamesThePictureAndListsEveryRelationWithLinks() throws Exception {
        Document picture = parse(LineagePicture.of(store, CONTAINER, BASE));

        Element svg = (Element) picture.getElementsByTagNameNS(SVG, "svg").item(0);
        for (String id : svg.getAttribute("aria-labelledby").split(" ")) {
            assertNotNull(byId(picture, id), "aria-labelledby names " + id);
        }
        assertEquals("Lineage of container 444444444444", byId(picture, "lineage-title").getTextContent());
        assertTrue(byId(picture, "lineage-desc").getTextContent().startsWith("5 images and containers, 7 activities and 15 relations"),
                byId(picture, "lineage-desc").getTextContent());
        NodeList items = picture.getElementsByTagName("li");
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            sentences.add(items.item(i).getTextContent());
            assertEquals(2, ((Element) items.item(i)).getElementsByTagName("a").getLength(), "both ends linked");
        }
        assertEquals(15, sentences.size());
        assertTrue(sentences.contains("image team/app:1 (333333333333) was derived from image golang:1.22 (111111111111)"), sentences.toString());
        assertTrue(sentences.contains("image 555555555555 was generated by commit at 2026-11-03 10:00:00Z"), sentences.toString());
        assertTrue(sentences.contains("container 444444444444 was used by commit at 2026-11-03 10:00:00Z"), sentences.toString());
        assertEquals(List.of(), notes(picture), "nothing was cut or claimed");
    }

    @Test
    void whatOnlyALabelClaimsIsDashedAndSaidSo() throws Exception {
        Document picture = parse(LineagePicture.of(store, APP, BASE));

        NodeList paths = picture.getElementsByTagNameNS(SVG, "path");
        Set<String> dashed = new HashSet<>();
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (path.getAttribute("class").contains("lineage-claimed")) {
                dashed.add(path.getElementsByTagNameNS(SVG, "title").item(0).getTextContent());
            }
        }
        assertEquals(Set.of("image 666666666666 was derived from image team/app:1 (333333333333) (claimed by a label)",
                "image team/app:1 (333333333333) was used by build at 2026-11-04 10:00:00Z (claimed by a label)",
                "image 666666666666 was generated by build at 2026-11-04 10:00:00Z (claimed by a label)"), dashed);
        assertEquals(List.of("Dashed arrows: claimed by a label, not observed."), notes(picture));
    }

    @Test
    void aChainLongerThanTheBoundIsCutAndThePictureSaysSo() throws Exception {
        try (LocalStore chain = chain(100)) {
            Document picture = parse(LineagePicture.of(chain, chainImage(99), BASE));

            assertEquals(17, nodesByLink(picture).size(), "9 images and their 8 builds");
            String cut = "Cut: at most 8 steps from it are drawn; the lineage goes on from the nodes marked \u201cmore not drawn\u201d.";
            assertEquals(List.of(cut), notes(picture));
            assertTrue(byId(picture, "lineage-desc").getTextContent().contains(cut));
            assertEquals("000000000000 image more not drawn", text(nodesByLink(picture).get(url(chainImage(91)))));
            NodeList items = picture.getElementsByTagName("li");
            assertEquals("image 000000000000 has more relations, not drawn", items.item(items.getLength() - 1).getTextContent());
            assertEquals(8 * 3 + 1, items.getLength(), "each build used, generated and derived, then the node the lineage goes on from");
        }
    }

    @Test
    void namesAreWrittenAsTextNeverAsMarkup() throws Exception {
        String name = "a<b>&\"c'd</title></svg>";
        try (LocalStore chain = chainNamed(name)) {
            Document picture = parse(LineagePicture.of(chain, chainImage(1), BASE));

            assertEquals(name + " 000000000000", text(nodesByLink(picture).get(url(chainImage(1)))));
            assertEquals("Lineage of image " + name + " (000000000000)", byId(picture, "lineage-title").getTextContent());
            assertTrue(picture.getElementsByTagName("li").item(0).getTextContent().contains(name),
                    picture.getElementsByTagName("li").item(0).getTextContent());
        }
    }

    @Test
    void aResourceWithNoLineageHasNoPicture() throws Exception {
        try (LocalStore chain = chain(1)) {
            assertEquals("", LineagePicture.of(chain, chainImage(0), BASE));
        }
    }

    private static Document parse(String markup) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(markup)));
    }

    /** Each node's link, by where it leads; a second link to one page would fail. */
    private static Map<String, Element> nodesByLink(Document picture) {
        Map<String, Element> nodes = new HashMap<>();
        NodeList links = picture.getElementsByTagNameNS(SVG, "a");
        for (int i = 0; i < links.getLength(); i++) {
            Element a = (Element) links.item(i);
            assertEquals(null, nodes.put(a.getAttribute("href"), a), "one node for " + a.getAttribute("href"));
        }
        return nodes;
    }

    private static Element group(Element link) {
        return (Element) link.getElementsByTagNameNS(SVG, "g").item(0);
    }

    /** The lines written in a node's box. */
    private static String text(Element link) {
        NodeList lines = link.getElementsByTagNameNS(SVG, "text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            words.add(lines.item(i).getTextContent());
        }
        return String.join(" ", words);
    }

    private static List<String> notes(Document picture) {
        NodeList texts = picture.getElementsByTagNameNS(SVG, "text");
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            if (text.getAttribute("class").equals("lineage-note")) {
                notes.add(text.getTextContent());
            }
        }
        return notes;
    }

    private static Element byId(Document document, String id) {
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
                return (Element) all.item(i);
            }
        }
        return null;
    }

    private static Box box(Element rect) {
        return new Box(Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                Double.parseDouble(rect.getAttribute("width")), Double.parseDouble(rect.getAttribute("height")));
    }

    /** On the box's edge (within rounding to a tenth). */
    private static boolean on(Box box, double x, double y) {
        double near = 0.1;
        boolean inX = x >= box.x() - near && x <= box.x() + box.width() + near;
        boolean inY = y >= box.y() - near && y <= box.y() + box.height() + near;
        boolean onSide = Math.abs(y - box.y()) <= near || Math.abs(y - box.y() - box.height()) <= near
                || Math.abs(x - box.x()) <= near || Math.abs(x - box.x() - box.width()) <= near;
        return inX && inY && onSide;
    }

    private static String url(String iri) {
        return BASE + Kind.owning(iri).memberPath(iri);
    }
}
