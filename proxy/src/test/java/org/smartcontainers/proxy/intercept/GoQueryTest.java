package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A query read as Go's url.ParseQuery reads it, and the label put in as the only value of its key. */
class GoQueryTest {

    @Test
    void pairsSplitAtAmpersandsAndDecodeAsGoDoes() {
        GoQuery query = GoQuery.of("/v1.45/build?t=a+b&t=c%2Fd&&q&labels=%7B%7D");
        assertEquals(Map.of("t", List.of("a b", "c/d"), "q", List.of(""), "labels", List.of("{}")), query.parameters());
        assertEquals("a b", query.first("t"), "r.FormValue: the first value");
        assertEquals("", query.first("absent"));
    }

    @Test
    void whatMakesGoRefuseTheWholeQueryIsRefused() {
        for (String uri : List.of("/build?t=x;labels=y", "/build?labels=%7", "/build?labels=%zz", "/commit?a%=b", "/c?x;")) {
            RefusedCall refused = assertThrows(RefusedCall.class, () -> GoQuery.of(uri), uri);
            assertEquals(400, refused.status());
        }
    }

    @Test
    void lenientlyThePairsGoCannotReadAreSkippedAndKeptAsSentForItToSkipAgain() {
        GoQuery query = GoQuery.lenient("/build?t=x;labels=y&labels=%zz&q=1&labels=%7B%7D");
        assertEquals(Map.of("q", List.of("1"), "labels", List.of("{}")), query.parameters());
        assertEquals("/build?t=x;labels=y&labels=%zz&q=1&labels=ours", query.withOnly("labels", "ours"));
    }

    @Test
    void aHashIsDataForTheServerNotAFragment() {
        assertEquals(List.of("x#y"), GoQuery.of("/build?t=x#y").parameters().get("t"));
    }

    @Test
    void withOnlyKeepsEveryOtherPairAsSentAndDropsEverySpellingOfTheKey() {
        GoQuery query = GoQuery.of("/build?labels=%7B%22a%22%3A%22b%22%7D&t=x%20y&%6Cabels=forged&labels");
        assertEquals("/build?t=x%20y&labels=%7B%7D", query.withOnly("labels", "{}"));
        assertEquals("/build?labels=%7B%7D", GoQuery.of("/build").withOnly("labels", "{}"));
    }

    @Test
    void invalidUtf8DecodesToTheReplacementCharacter() {
        assertEquals("a\uFFFDb", GoQuery.of("/build?t=a%FFb").first("t"));
    }
}
