package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals('`', CommitChanges.escapeCharacter("\ufeff \t#\fescape = `\r\nLABEL a=b"),
                "a byte order mark, Go's white space and a carriage return around it");
        assertThrows(RefusedCall.class, () -> CommitChanges.escapeCharacter("# check=skip=all\n# escape=`"),
                "after a directive only newer Dockers know, read differently: refused");
    }

    @Test
    void aContinuationAtTheEndOfTheClientsTextIsTakenOff() {
        assertEquals("LABEL team=x ", CommitChanges.withoutTrailingContinuation("LABEL team=x \\", '\\'));
        assertEquals("LABEL team=x \n\n# note\n", CommitChanges.withoutTrailingContinuation("LABEL team=x \\ \t\n\n# note\n", '\\'));
        assertEquals("# escape=`\nLABEL a=b", CommitChanges.withoutTrailingContinuation("# escape=`\nLABEL a=b`", '`'));
        assertEquals("LABEL a=b\\x", CommitChanges.withoutTrailingContinuation("LABEL a=b\\x", '\\'));
        assertThrows(RefusedCall.class,
                () -> CommitChanges.withoutTrailingContinuation("LABEL a=b\\\\", '\\'), "read either way: refused");
    }

    @Test
    void whatWouldStillContinueIsRefusedOrTakenOffLineByLine() {
        assertThrows(RefusedCall.class, () -> CommitChanges.withoutTrailingContinuation("ENV x \\ \\", '\\'),
                "an escape, a blank, an escape: without the last the line still continues");
        assertThrows(RefusedCall.class, () -> CommitChanges.withoutTrailingContinuation("ENV x `\t`", '`'));
        assertEquals("ENV a=b \n  \n", CommitChanges.withoutTrailingContinuation("ENV a=b \\\n  \\\n", '\\'),
                "a line that was only a continuation is blank now, so the one above it goes on into it: taken off too");
        assertEquals("ENV a=b \n\u00a0# note", CommitChanges.withoutTrailingContinuation("ENV a=b \\\n\u00a0# note", '\\'),
                "a comment after Go's white space (a no-break space) is skipped as the parser skips it");
        assertEquals("ENV a=b \n\u2003", CommitChanges.withoutTrailingContinuation("ENV a=b \\\n\u2003", '\\'));
        assertEquals("ENV a=b \n", CommitChanges.withoutTrailingContinuation("ENV a=b \\\r\r\n", '\\'),
                "carriage returns at a line's end are not part of it");
    }

    @Test
    void theClientsChangesGoJoinedAsTheDaemonJoinsThemAndOursLast() {
        assertEquals(List.of("LABEL smartcontainer=\"x\""), CommitChanges.withLabel(List.of(), "x"));
        assertEquals(List.of("ENV A=b\nLABEL team=x ", "LABEL smartcontainer=\"x\""),
                CommitChanges.withLabel(List.of("ENV A=b", "LABEL team=x \\"), "x"));
    }
}
