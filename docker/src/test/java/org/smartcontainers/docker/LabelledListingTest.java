package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.smartcontainers.docker.Streams.text;
import static org.smartcontainers.docker.Streams.xs;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A labelled listing holds a bounded amount of label text, whatever labels the daemon has. */
class LabelledListingTest {
    private static InputStream listing(int items, int labelChars) {
        List<InputStream> parts = new ArrayList<>(List.of(text("[")));
        for (int i = 0; i < items; i++) {
            parts.add(text((i == 0 ? "" : ",") + "{\"Id\":\"sha256:" + i + "\",\"Created\":" + i
                    + ",\"Labels\":{\"other\":\"skipped\",\"smartcontainer\":\""));
            parts.add(xs(labelChars));
            parts.add(text("\"}}"));
        }
        parts.add(text("]"));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    @Test
    void pastTheBudgetItemsAreListedWithoutTheirLabel() throws IOException {
        int labelChars = 5 << 20;
        List<LabelledListing.Item> items = LabelledListing.read(listing(6, labelChars), "smartcontainer");
        assertEquals(6, items.size());
        long kept = LabelledListing.MAX_HELD_CHARS / labelChars;
        for (int i = 0; i < items.size(); i++) {
            assertEquals("sha256:" + i, items.get(i).id());
            if (i < kept) {
                assertEquals(labelChars, items.get(i).label().length());
            } else {
                assertNull(items.get(i).label(), "item " + i + ": past the budget");
            }
        }
    }

    @Test
    void aLabelLongerThanAnyReadFailsTheListing() {
        assertThrows(IOException.class,
                () -> LabelledListing.read(listing(1, LabelledListing.MAX_LABEL_CHARS + 1), "smartcontainer"));
    }
}
