package org.smartcontainers.web.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smartcontainers.web.lineage.LineageFixture.*;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.web.lineage.LineageGraph.Edge;
import org.smartcontainers.web.lineage.LineageGraph.Relation;
import org.smartcontainers.web.lineage.LineageGraph.Shape;
import org.smartcontainers.web.lineage.LineageReader.Bounds;

class LineageReaderTest {
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
    void theContainersGraphHoldsItsAncestorsAndDescendantsAndNothingElse() {
        LineageGraph graph = new LineageReader(store, Bounds.PAGE).read(CONTAINER);

        // Up: create, app, build, both bases, their pulls. Down: both runs, the commit, its snapshot.
        // Not: the tag of app (made nothing), the volume (no image or container), the claimed image (app's, not the container's).
        assertEquals(Set.of(CONTAINER, CREATE, APP, BUILD, GOLANG, ALPINE, PULL_GOLANG, PULL_ALPINE, RUN_1, RUN_2, COMMIT, SNAPSHOT),
                graph.nodes().keySet());
        assertEquals(Set.of(
                new Edge(CREATE, CONTAINER, Relation.GENERATED_BY, false),
                new Edge(APP, CONTAINER, Relation.DERIVED_FROM, false),
                new Edge(APP, CREATE, Relation.USED_BY, false),
                new Edge(BUILD, APP, Relation.GENERATED_BY, false),
                new Edge(GOLANG, APP, Relation.DERIVED_FROM, false),
                new Edge(ALPINE, APP, Relation.DERIVED_FROM, false),
                new Edge(GOLANG, BUILD, Relation.USED_BY, false),
                new Edge(ALPINE, BUILD, Relation.USED_BY, false),
                new Edge(PULL_GOLANG, GOLANG, Relation.BROUGHT_BY, false),
                new Edge(PULL_ALPINE, ALPINE, Relation.BROUGHT_BY, false),
                new Edge(CONTAINER, RUN_1, Relation.USED_BY, false),
                new Edge(CONTAINER, RUN_2, Relation.USED_BY, false),
                new Edge(CONTAINER, COMMIT, Relation.USED_BY, false),
                new Edge(COMMIT, SNAPSHOT, Relation.GENERATED_BY, false),
                new Edge(CONTAINER, SNAPSHOT, Relation.DERIVED_FROM, false)), Set.copyOf(graph.edges()));
        assertNull(graph.cut());
        assertEquals(Set.of(), graph.goesOn());
    }

    @Test
    void whatOnlyALabelClaimsIsMarkedClaimed() {
        LineageGraph graph = new LineageReader(store, Bounds.PAGE).read(APP);

        Set<Edge> claimed = graph.edges().stream().filter(Edge::claimed).collect(Collectors.toSet());
        assertEquals(Set.of(new Edge(APP, CLAIMED, Relation.DERIVED_FROM, true),
                new Edge(APP, CLAIMED_BUILD, Relation.USED_BY, true),
                new Edge(CLAIMED_BUILD, CLAIMED, Relation.GENERATED_BY, true)), claimed);
        // Snapshot from app is said by the commit's own record: observed.
        assertTrue(graph.edges().contains(new Edge(APP, SNAPSHOT, Relation.DERIVED_FROM, false)), graph.edges().toString());
    }

    @Test
    void nodesAreCalledByTheirCurrentNameShortIdOrKindAndTime() {
        LineageGraph graph = new LineageReader(store, Bounds.PAGE).read(CONTAINER);

        assertEquals(new LineageGraph.Node(ALPINE, Shape.IMAGE, "alpine:3.20", "222222222222"), graph.nodes().get(ALPINE));
        assertEquals(new LineageGraph.Node(SNAPSHOT, Shape.IMAGE, "555555555555", null), graph.nodes().get(SNAPSHOT));
        assertEquals(new LineageGraph.Node(CONTAINER, Shape.CONTAINER, "444444444444", null), graph.nodes().get(CONTAINER));
        assertEquals(new LineageGraph.Node(BUILD, Shape.ACTIVITY, "build", "2026-11-02 12:00:00Z"), graph.nodes().get(BUILD));
        assertEquals(new LineageGraph.Node(RUN_2, Shape.ACTIVITY, "run", "2026-11-03 09:00:01Z"), graph.nodes().get(RUN_2));
        assertEquals(new LineageGraph.Node(PULL_GOLANG, Shape.ACTIVITY, "pull", "2026-11-01 10:00:00Z"), graph.nodes().get(PULL_GOLANG));
    }

    @Test
    void aLongChainIsCutAtThePagesDepthAndSaysSo() throws Exception {
        try (LocalStore chain = chain(100)) {
            LineageGraph graph = new LineageReader(chain, Bounds.PAGE).read(chainImage(99));

            // Each image is one step from the one before (wasDerivedFrom), and its build one step from both.
            Set<String> expected = new HashSet<>();
            for (int i = 99; i >= 99 - Bounds.PAGE.depth(); i--) {
                expected.add(chainImage(i));
                if (i > 99 - Bounds.PAGE.depth()) {
                    expected.add(chainBuild(i));
                }
            }
            assertEquals(expected, graph.nodes().keySet());
            assertEquals("at most 8 steps from it are drawn", graph.cut());
            // Image 90 and build 91 are 9 steps up, both from image 91.
            assertEquals(Set.of(chainImage(91)), graph.goesOn());
        }
    }

    @Test
    void aChainLongerThanTheNodeBoundIsCutNearestFirstAndSaysSo() throws Exception {
        try (LocalStore chain = chain(100)) {
            LineageGraph graph = new LineageReader(chain, new Bounds(60, 1000)).read(chainImage(99));

            assertEquals(60, graph.nodes().size());
            assertEquals("at most 60 nodes are drawn", graph.cut());
            assertFalse(graph.goesOn().isEmpty());
            assertTrue(graph.nodes().keySet().containsAll(graph.goesOn()), graph.goesOn().toString());
            // Two nodes a step, nearest first: images 99 to 70 and builds 99 to 71 (59), then one of image 69 or build 70.
            assertTrue(graph.nodes().containsKey(chainImage(70)), "image 70 is 29 steps up");
            assertFalse(graph.nodes().containsKey(chainImage(68)), "image 68 is 31 steps up");
            graph.edges().forEach(e -> assertTrue(graph.nodes().containsKey(e.from()) && graph.nodes().containsKey(e.to()), e.toString()));
        }
    }

    @Test
    void aChainDeeperThanTheDepthBoundIsCutAndSaysSoWhileOneWithinItIsNot() throws Exception {
        try (LocalStore chain = chain(4)) {
            // Image 0 is 3 steps up from image 3 (derived from 2, from 1, from 0); build 1 too (from image 1).
            LineageGraph deepEnough = new LineageReader(chain, new Bounds(60, 3)).read(chainImage(3));
            assertEquals(7, deepEnough.nodes().size());
            assertNull(deepEnough.cut());
            assertEquals(Set.of(), deepEnough.goesOn());

            LineageGraph tooShallow = new LineageReader(chain, new Bounds(60, 2)).read(chainImage(3));
            assertEquals(Set.of(chainImage(3), chainBuild(3), chainImage(2), chainBuild(2), chainImage(1)),
                    tooShallow.nodes().keySet());
            assertEquals("at most 2 steps from it are drawn", tooShallow.cut());
            assertEquals(Set.of(chainImage(1)), tooShallow.goesOn());
        }
    }

    @Test
    void aStepWithMoreRelationsThanTheRowBoundReadsNoMoreAndSaysSo() throws Exception {
        // 250 images built from one base: 500 relations one step down, more than 60 nodes' 480 rows.
        try (LocalStore hub = hub(250)) {
            LineageGraph graph = new LineageReader(hub, Bounds.PAGE).read(chainImage(0));

            assertEquals(60, graph.nodes().size());
            assertEquals("more relations at one step than can be drawn; at most 60 nodes are drawn", graph.cut());
            assertEquals(Set.of(chainImage(0)), graph.goesOn());
        }
    }
}
