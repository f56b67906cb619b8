package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Our label as the commit's last change: one Dockerfile word, nothing in it expanded or cut, nothing of the client's reaching it. */
class CommitChangesTest {
    @Test
    void backslashQuoteAndDollarAreEscaped() {
        assertEquals("\"{\\\"a\\\":\\\"b\\\\\\\\n\\$HOME\\\"}\"", CommitChanges.quoted("{\"a\":\"b\\\\n$HOME\"}", '\\'));
        assertEquals("\"plain\"", CommitChanges.quoted("plain", '\\'));
    }

    @Test
    void underABacktickEscapeTheBacktickEscapes() {
        assertEquals("\"a\\b`\"`$`` \"", CommitChanges.quoted("a\\b\"$` ", '`'));
        assertEquals('`', CommitChanges.escapeCharacter("# escape=`\nLABEL a=b"));
        assertEquals('`', CommitChanges.escapeCharacter("#syntax=x\n#  ESCAPE = `  \nLABEL a=b"));
        assertEquals('\\', CommitChanges.escapeCharacter("LABEL a=b\n# escape=`"), "a directive only counts at the top");
        assertEquals('\\', CommitChanges.escapeCharacter("\n# escape=`"));
        assertEquals('\\', CommitChanges.escapeCharacter("# escake=`\n# escape=`"), "an unknown directive is a comment: it ends them");
    }

    @Test
    void aContinuationAtTheEndOfTheClientsTextIsTakenOff() {
        assertEquals("LABEL team=x ", CommitChanges.withoutTrailingContinuation("LABEL team=x \\", '\\'));
        assertEquals("LABEL team=x \n\n# note\n", CommitChanges.withoutTrailingContinuation("LABEL team=x \\ \t\n\n# note\n", '\\'));
        assertEquals("# escape=`\nLABEL a=b", CommitChanges.withoutTrailingContinuation("# escape=`\nLABEL a=b`", '`'));
        assertEquals("LABEL a=b\\x", CommitChanges.withoutTrailingContinuation("LABEL a=b\\x", '\\'));
        org.junit.jupiter.api.Assertions.assertThrows(RefusedCall.class,
                () -> CommitChanges.withoutTrailingContinuation("LABEL a=b\\\\", '\\'), "read either way: refused");
    }

    @Test
    void theClientsChangesGoJoinedAsTheDaemonJoinsThemAndOursLast() {
        assertEquals(List.of("LABEL smartcontainer=\"x\""), CommitChanges.withLabel(List.of(), "x"));
        assertEquals(List.of("ENV A=b\nLABEL team=x ", "LABEL smartcontainer=\"x\""),
                CommitChanges.withLabel(List.of("ENV A=b", "LABEL team=x \\"), "x"));
    }
}
