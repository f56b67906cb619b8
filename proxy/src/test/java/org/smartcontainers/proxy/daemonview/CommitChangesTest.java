package org.smartcontainers.proxy.daemonview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BuildKit's Dockerfile parser as a commit's changes meet it. */
class CommitChangesTest {
    private static List<String> instructions(String... changes) {
        return CommitChanges.parse(List.of(changes)).orElseThrow().instructions();
    }

    @Test
    void aTrailingEscapeJoinsTheNextChangeToIt() {
        assertEquals(List.of("LABEL a=b", "ENV x LABEL c=d"), instructions("LABEL a=b", "ENV x \\", "LABEL c=d"));
        assertEquals(List.of("ENV x \\\\", "LABEL c=d"), instructions("ENV x \\\\", "LABEL c=d"), "an escaped escape does not");
        assertEquals(List.of("ENV x LABEL c=d"), instructions("ENV x \\", "# a comment", "   ", "LABEL c=d"),
                "comments and empty lines inside an instruction are skipped");
    }

    @Test
    void theEscapeDirectiveChangesTheToken() {
        CommitChanges.Parsed parsed = CommitChanges.parse(List.of("# escape=`", "LABEL a=\"\\\"\"")).orElseThrow();
        assertEquals('`', parsed.escape());
        assertEquals(List.of("ENV x LABEL a=b"), instructions("# escape=`", "ENV x `", "LABEL a=b"));
    }

    @Test
    void whatTheDaemonRefuses() {
        assertEquals(Optional.empty(), CommitChanges.parse(List.of("RUN true", "LABEL a=b")), "not a commit command");
        assertEquals(Optional.empty(), CommitChanges.parse(List.of("ONBUILD RUN <<EOF", "LABEL a=b")), "unterminated heredoc");
        assertEquals(Optional.empty(), CommitChanges.parse(List.of("# escape=x", "LABEL a=b")));
        assertEquals(Optional.empty(), CommitChanges.parse(List.of("# comment only")), "no instructions");
    }

    @Test
    void aQuotedLabelValueIsReadAsTheShellLexerReadsIt() {
        assertEquals(Optional.of("{\"a\":\"b\\\\n$HOME\"}"),
                CommitChanges.labelValue("LABEL k=\"{\\\"a\\\":\\\"b\\\\\\\\n\\$HOME\\\"}\"", "k", '\\'));
        assertEquals(Optional.of("a\\nb"), CommitChanges.labelValue("LABEL k=\"a\\nb\"", "k", '\\'), "other escapes stay");
        assertEquals(Optional.empty(), CommitChanges.labelValue("LABEL k=\"$HOME\"", "k", '\\'), "expanded: not ours to predict");
        assertEquals(Optional.empty(), CommitChanges.labelValue("LABEL k=\"a\" b=\"c\"", "k", '\\'));
    }
}
