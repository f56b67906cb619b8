package org.smartcontainers.proxy.intercept;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import org.smartcontainers.provenance.record.DockerfileInstructions;
import org.smartcontainers.provenance.record.ProvenanceLabel;

/**
 * A commit's {@code changes} with our {@code LABEL} last, so it wins. The daemon joins the changes
 * with newlines and parses them as one Dockerfile (BuildKit's parser), so the client's text could
 * reach into our line: a last instruction ending in a line continuation would swallow it (blank and
 * comment lines do not end a continuation), and an {@code escape} parser directive at the top would
 * change how it is quoted. The continuation, a no-op at the end of the client's own text, is taken
 * off; where the parser could still read one there, or Docker versions read the directives
 * differently, the commit is refused. Our value is quoted with the escape character in force.
 */
final class CommitChanges {
    /** Directives every Docker we proxy knows; later ones know more (check), which keeps their directives going. */
    private static final Set<String> KNOWN_DIRECTIVES = Set.of("escape", "syntax");

    private CommitChanges() {
    }

    /** The changes to send: the client's, joined as the daemon joins them and made safe to follow, then ours. */
    static List<String> withLabel(List<String> changes, String label) {
        String joined = String.join("\n", changes);
        char escape = escapeCharacter(joined);
        String ours = "LABEL " + ProvenanceLabel.KEY + "=" + quoted(label, escape);
        return changes.isEmpty() ? List.of(ours) : List.of(withoutTrailingContinuation(joined, escape), ours);
    }

    /**
     * The escape character the parser directives at the top set, else the backslash. Directives
     * end at the first line that is not one the parser knows; a newer parser knows more names, so
     * an {@code escape} after a name ours do not know is read differently by different Dockers: refused.
     */
    static char escapeCharacter(String dockerfile) {
        char escape = '\\';
        boolean unknownSeen = false;
        String[] lines = dockerfile.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = trimLeadingSpace(trimNewline(i == 0 ? withoutByteOrderMark(lines[i]) : lines[i]));
            Matcher directive = DockerfileInstructions.DIRECTIVE.matcher(line);
            if (!directive.matches()) {
                break;
            }
            String name = directive.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN_DIRECTIVES.contains(name)) {
                unknownSeen = true;
            } else if (name.equals("escape")) {
                if (unknownSeen) {
                    throw RefusedCall.badRequest("a commit change setting the escape directive after another directive is"
                            + " refused by SmartContainers: Docker versions differ on whether it applies to its own label");
                }
                escape = directive.group(2).equals("`") ? '`' : '\\';
            }
        }
        return escape;
    }

    /**
     * The text without the line continuation at its end. Going up from the end past blank and
     * comment lines (which the parser skips inside an instruction), the first other line loses its
     * final escape character and the blanks after it; if that leaves it blank, the line above is
     * looked at too. At the end of the text a continuation joins nothing, so nothing changes. A line
     * that would still end in an escape character (an escaped escape, which Docker versions read
     * differently, or one before blanks) is refused rather than guessed at.
     */
    static String withoutTrailingContinuation(String text, char escape) {
        String[] lines = text.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = trimNewline(lines[i]);
            String content = trimLeadingSpace(line);
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int end = endWithout(line, " \t");
            if (line.charAt(end - 1) != escape) {
                break;
            }
            String kept = line.substring(0, end - 1);
            int keptEnd = endWithout(kept, " \t\r");
            if (keptEnd > 0 && kept.charAt(keptEnd - 1) == escape) {
                throw RefusedCall.badRequest("a commit change whose last line ends in a line continuation after another"
                        + " escape character is refused by SmartContainers: Docker could read it as continuing onto the"
                        + " next line, where its own label goes");
            }
            lines[i] = kept;
            if (!trimLeadingSpace(kept).isEmpty()) {
                break;
            }
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

    private static String withoutByteOrderMark(String line) {
        return line.startsWith("\ufeff") ? line.substring(1) : line;
    }

    /** The parser's {@code trimNewline}: the line without the carriage returns at its end. */
    private static String trimNewline(String line) {
        return line.substring(0, endWithout(line, "\r"));
    }

    private static int endWithout(String text, String trailing) {
        int end = text.length();
        while (end > 0 && trailing.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static String trimLeadingSpace(String line) {
        return DockerfileInstructions.stripLeadingGoSpace(line);
    }
}
