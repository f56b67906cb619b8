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

    @Test
    void valuesFromTheBuildQueryToo() {
        BuildArgValues values = BuildArgValues.ofQuery(Map.of("buildargs", List.of("{\"TOKEN\":\"s3cr3t\",\"UNSET\":null}")));
        assertEquals("process \"/bin/sh -c test -n $TOKEN\" failed",
                values.redact("process \"/bin/sh -c test -n s3cr3t\" failed"));
        assertEquals("x", BuildArgValues.ofQuery(Map.of("buildargs", List.of("[1]"))).redact("x"));
    }
}
