package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Build-argument values out of what BuildKit tells (step names, errors), their names in their place. */
class BuildArgValuesTest {

    @Test
    void valuesFromASolveBecomeTheirNames() {
        BuildArgValues values = BuildArgValues.ofFrontendAttributes(Map.of("build-arg:TOKEN", "s3cr3t",
                "build-arg:PREFIX", "s3cr3t-long", "filename", "Dockerfile", "build-arg:EMPTY", ""));
        assertEquals("[2/2] RUN test -n \"$TOKEN\" && echo $PREFIX > /b",
                values.redact("[2/2] RUN test -n \"s3cr3t\" && echo s3cr3t-long > /b"), "the longest first");
        assertNull(values.redact(null));
        assertEquals("filename", values.redact("filename"), "other attributes are no arguments");
    }

    @Test
    void aShortValueGoesOnlyWhereItIsAWordOfItsOwn() {
        BuildArgValues values = BuildArgValues.ofFrontendAttributes(Map.of("build-arg:N", "1"));
        assertEquals("[1/2] RUN echo $N > /n-1x", values.redact("[1/2] RUN echo 1 > /n-1x"));
    }

    /** BuildKit expands ${V%9}, ${V#s}, ${V/X/Y} in a step's name: a value less or changed a character is withheld too. */
    @Test
    void aStepHoldingAPieceOfAValueKeepsOnlyItsNumberAndInstruction() {
        BuildArgValues values = BuildArgValues.ofFrontendAttributes(Map.of("build-arg:SA", "sekritA-9", "build-arg:SB", "sekXritB",
                "build-arg:PIN", "4711"));
        for (String expanded : List.of("[2/4] RUN echo \"sekritA-\" > /a", "[3/4] RUN echo sekYritB alt", "[4/4] RUN false ekritA-9",
                "[stage-1 2/4] RUN echo 471")) {
            String redacted = values.redact(expanded);
            assertEquals(expanded.substring(0, expanded.indexOf(" RUN")) + " RUN" + BuildArgValues.PARTS_WITHHELD, redacted);
        }
        assertEquals(BuildArgValues.PARTS_WITHHELD.strip(), values.redact("process \"/bin/sh -c echo ekritA\" did not complete"),
                "an error: no step number, no instruction");
        assertEquals("[1/4] FROM docker.io/library/busybox", values.redact("[1/4] FROM docker.io/library/busybox"), "no piece: as it was");
        assertEquals("[2/4] RUN echo $SA $PIN", values.redact("[2/4] RUN echo sekritA-9 4711"), "whole values: their names");
    }

    @Test
    void valuesFromTheBuildQueryToo() {
        BuildArgValues values = BuildArgValues.ofQuery(Map.of("buildargs", List.of("{\"TOKEN\":\"s3cr3t\",\"UNSET\":null}")));
        assertEquals("process \"/bin/sh -c test -n $TOKEN\" failed",
                values.redact("process \"/bin/sh -c test -n s3cr3t\" failed"));
        assertEquals("x", BuildArgValues.ofQuery(Map.of("buildargs", List.of("[1]"))).redact("x"));
    }
}
