package org.smartcontainers.web.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smartcontainers.web.lineage.LineageFixture.CONTAINER;
import static org.smartcontainers.web.lineage.LineageFixture.recordedWorkflow;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.web.lineage.LineageLayout.Box;
import org.smartcontainers.web.lineage.LineageLayout.LaidOut;
import org.smartcontainers.web.lineage.LineageLayout.Point;
import org.smartcontainers.web.lineage.LineageLayout.Route;
import org.smartcontainers.web.lineage.LineageReader.Bounds;

class LineageLayoutTest {
    private static final double NEAR = 0.5;

    @Test
    void everyNodeGetsABoxOfItsOwnInsideThePictureAndEveryEdgeGoesDownFromSourceToTarget() throws Exception {
        LaidOut laidOut;
        try (LocalStore store = recordedWorkflow()) {
            laidOut = LineageLayout.of(new LineageReader(store, Bounds.PAGE).read(CONTAINER));
        }

        assertEquals(laidOut.graph().nodes().keySet(), laidOut.boxes().keySet());
        List<Box> boxes = new ArrayList<>(laidOut.boxes().values());
        for (int i = 0; i < boxes.size(); i++) {
            Box box = boxes.get(i);
            assertTrue(box.x() >= 0 && box.y() >= 0 && box.x() + box.width() <= laidOut.width()
                    && box.y() + box.height() <= laidOut.height(), box + " inside " + laidOut.width() + "x" + laidOut.height());
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(box.overlaps(boxes.get(j)), box + " overlaps " + boxes.get(j));
            }
        }
        assertEquals(laidOut.graph().edges().size(), laidOut.routes().size());
        for (Route route : laidOut.routes()) {
            Box from = laidOut.boxes().get(route.edge().from());
            Box to = laidOut.boxes().get(route.edge().to());
            Point start = route.points().get(0);
            Point end = route.points().get(route.points().size() - 1);
            assertEquals(from.y() + from.height(), start.y(), NEAR, "starts at the bottom of its source: " + route);
            assertTrue(start.x() >= from.x() - NEAR && start.x() <= from.x() + from.width() + NEAR, route.toString());
            assertEquals(to.y(), end.y(), NEAR, "ends at the top of its target: " + route);
            assertTrue(end.x() >= to.x() - NEAR && end.x() <= to.x() + to.width() + NEAR, route.toString());
        }
    }

    @Test
    void boxesOverlapOnlyWhenTheyShareSpace() {
        Box box = new Box(0, 0, 10, 10);
        assertTrue(box.overlaps(new Box(5, 5, 10, 10)));
        assertFalse(box.overlaps(new Box(10, 0, 10, 10)), "touching is not overlapping");
        assertFalse(box.overlaps(new Box(0, 11, 10, 10)));
    }
}
