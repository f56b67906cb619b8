package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Our label as the commit's last change: one Dockerfile word, nothing in it expanded or cut. */
class CommitLabelChangeTest {
    @Test
    void backslashQuoteAndDollarAreEscaped() {
        assertEquals("\"{\\\"a\\\":\\\"b\\\\\\\\n\\$HOME\\\"}\"",
                CommitInterception.dockerfileQuoted("{\"a\":\"b\\\\n$HOME\"}"));
        assertEquals("\"plain\"", CommitInterception.dockerfileQuoted("plain"));
    }
}
