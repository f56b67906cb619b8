package org.smartcontainers.proxy.intercept;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartcontainers.provenance.record.ProvenanceLabel;

/**
 * A commit's {@code changes} with our {@code LABEL} last, so it wins. The daemon joins the changes
 * with newlines and parses them as one Dockerfile, so the client's text could reach into our line:
 * a last line ending in a line continuation would swallow it, and an {@code escape} parser directive
 * at the top would change how it is quoted. The continuation, a no-op at the end of the client's
 * own text, is taken off (an escaped escape at the end, which parsers read either way, is refused);
 * our value is quoted with the escape character in force.
 */
final class CommitChanges {
    /** A parser directive ({@code # escape=`}): only in the lines at the very top. */
    private static final Pattern DIRECTIVE = Pattern.compile("^#[ \\t]*([A-Za-z][A-Za-z0-9]*)[ \\t]*=[ \\t]*(.*?)[ \\t\\r]*$");

    private static final Set<String> KNOWN_DIRECTIVES = java.util.Set.of("escape", "syntax");

    private CommitChanges() {
    }

    /** The changes to send: the client's, joined as the daemon joins them and made safe to follow, then ours. */
    static List<String> withLabel(List<String> changes, String label) {
        String joined = String.join("\n", changes);
        char escape = escapeCharacter(joined);
        String ours = "LABEL " + ProvenanceLabel.KEY + "=" + quoted(label, escape);
        return changes.isEmpty() ? List.of(ours) : List.of(withoutTrailingContinuation(joined, escape), ours);
    }

    /** The escape character the parser directives at the top set, else the backslash. */
    static char escapeCharacter(String dockerfile) {
        char escape = '\\';
        for (String line : dockerfile.split("\n", -1)) {
            Matcher directive = DIRECTIVE.matcher(line);
            if (!directive.matches() || !KNOWN_DIRECTIVES.contains(directive.group(1).toLowerCase(Locale.ROOT))) {
                break; // directives end at the first line that is not a known one (an unknown one is a comment)
            }
            if (directive.group(1).equalsIgnoreCase("escape") && directive.group(2).equals("`")) {
                escape = '`';
            }
        }
        return escape;
    }

    /**
     * The text without the line continuation at its end: the last line that is neither blank nor a
     * comment loses a final escape character (and the blanks after it), which the parser would
     * otherwise join to the next line. At the end of the text it joins nothing, so nothing changes.
     */
    static String withoutTrailingContinuation(String text, char escape) {
        String[] lines = text.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            String content = lines[i].strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String line = lines[i].replaceFirst("[ \\t\\r]+$", "");
            int n = line.length();
            if (n >= 2 && line.charAt(n - 1) == escape && line.charAt(n - 2) == escape) {
                // An escaped escape: a continuation to older parsers, not to newer ones. Not guessed at.
                throw RefusedCall.badRequest("a commit change ending in two escape characters is refused by SmartContainers:"
                        + " Docker versions differ on whether it continues onto the next line, where its own label goes");
            }
            if (line.charAt(n - 1) == escape) {
                lines[i] = line.substring(0, n - 1);
            }
            break;
        }
        return String.join("\n", lines);
    }

    /** A double-quoted Dockerfile word: the escape character, quote and dollar escaped (nothing is expanded in it). */
    static String quoted(String value, char escape) {
        StringBuilder quoted = new StringBuilder(value.length() + 16).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == escape || c == '"' || c == '$') {
                quoted.append(escape);
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
