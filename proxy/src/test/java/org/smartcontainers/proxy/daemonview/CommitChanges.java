package org.smartcontainers.proxy.daemonview;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit's {@code changes} as Docker 26 runs them ({@code dockerfile.BuildFromConfig}): joined
 * with {@code \n} and parsed as a Dockerfile by BuildKit's parser ({@code parser.Parse}: parser
 * directives such as {@code # escape=`}, comments, line continuations with the escape token, empty
 * continuation lines, heredocs), each instruction then one a commit allows.
 *
 * <p>Heredocs are found approximately (a word {@code <<NAME}, quotes dropped), and an
 * instruction's own argument errors are not looked for: where this is inexact it takes the commit
 * for accepted, so the fuzz test's check is the stricter for it.
 */
public final class CommitChanges {
    private static final Set<String> COMMIT_COMMANDS = Set.of("cmd", "entrypoint", "healthcheck", "env", "expose",
            "label", "onbuild", "stopsignal", "user", "volume", "workdir");
    /** Go's \s is [\t\n\f\r ]; its . is anything but \n. */
    private static final Pattern DIRECTIVE = Pattern.compile(
            "#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*([^\\n]+?)[\\t\\n\\f\\r ]*");
    private static final Pattern HEREDOC = Pattern.compile("[0-9]*<<(-?)([^<]*)");
    /** bufio.Scanner's limit on one line (its buffer, 64 KiB). */
    private static final int MAX_LINE = 64 * 1024;

    /** The instructions the daemon runs, in order, each the line it parsed; and the escape token. */
    public record Parsed(List<String> instructions, char escape) {
    }

    private CommitChanges() {
    }

    /** @param changes the {@code changes} values as the daemon's form holds them (byte strings); empty when it refuses them */
    public static Optional<Parsed> parse(List<String> changes) {
        List<String> lines = lines(String.join("\n", changes));
        if (lines == null) {
            return Optional.empty();
        }
        Directives directives = new Directives();
        List<String> instructions = new ArrayList<>();
        int next = 0;
        while (next < lines.size()) {
            String raw = lines.get(next++);
            if (next == 1 && raw.startsWith("\u00ef\u00bb\u00bf")) {
                raw = raw.substring(3); // a UTF-8 byte order mark
            }
            String first = trimNewline(raw);
            first = trimLeadingSpace(first);
            if (!directives.see(first)) {
                return Optional.empty();
            }
            String line = first.startsWith("#") ? "" : first;
            String[] continued = trimContinuation(line, directives.escape);
            line = continued[0];
            boolean endOfLine = continued[1] == null;
            if (endOfLine && line.isEmpty()) {
                continue;
            }
            while (!endOfLine && next < lines.size()) {
                String rawNext = lines.get(next++);
                String processed = trimNewline(rawNext);
                if (!directives.see(processed)) {
                    return Optional.empty();
                }
                if (trimLeadingSpace(trimNewline(rawNext)).startsWith("#")) {
                    continue; // a comment inside an instruction is skipped
                }
                processed = processed.startsWith("#") ? "" : processed;
                if (trimLeadingSpace(processed).isEmpty()) {
                    continue; // an empty continuation line (a warning, not an error)
                }
                continued = trimContinuation(processed, directives.escape);
                line += continued[0];
                endOfLine = continued[1] == null;
            }
            String command = command(line);
            if (!COMMIT_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
                return Optional.empty(); // "... is not a valid change command"
            }
            next = skipHeredocs(line, command, lines, next);
            if (next < 0) {
                return Optional.empty(); // unterminated heredoc
            }
            instructions.add(line);
        }
        return instructions.isEmpty() ? Optional.empty() : Optional.of(new Parsed(instructions, directives.escape));
    }

    /** The text cut after each {@code \n}, the newline kept; null when a line is longer than the scanner takes. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            if (end - start > MAX_LINE || newline < 0 && end - start >= MAX_LINE) {
                return null;
            }
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** The parser directives at the top ({@code DirectiveParser}): every line is offered until one is not one. */
    private static final class Directives {
        char escape = '\\';
        boolean done;
        final Set<String> seen = new HashSet<>();

        /** False when the directive is an error (repeated, or an escape token other than \ and `). */
        boolean see(String line) {
            if (done) {
                return true;
            }
            Matcher directive = DIRECTIVE.matcher(line);
            if (!directive.matches()) {
                done = true;
                return true;
            }
            String name = directive.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("escape") && !name.equals("syntax")) {
                done = true;
                return true;
            }
            if (!seen.add(name)) {
                return false;
            }
            if (name.equals("escape")) {
                String token = directive.group(2);
                if (!token.equals("`") && !token.equals("\\")) {
                    return false;
                }
                escape = token.charAt(0);
            }
            return true;
        }
    }

    /**
     * The line-continuation regexp, {@code ([^E])E[ \t]*$|^E[ \t]*$} for escape token E: the line
     * without its escape token and what followed it, and non-null when it continues.
     */
    private static String[] trimContinuation(String line, char escape) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return new String[] {line, null};
        }
        if (end == 1) {
            return new String[] {"", "continues"};
        }
        if (line.charAt(end - 2) == escape) {
            return new String[] {line, null}; // an escaped escape token ends the line
        }
        return new String[] {line.substring(0, end - 1), "continues"};
    }

    /** {@code splitCommand}'s first word. */
    private static String command(String line) {
        return words(line)[0];
    }

    /** {@code strings.TrimSpace}, then split on {@code [\t\v\f\r ]+}. */
    private static String[] words(String line) {
        byte[] bytes = GoUtf8.bytes(line);
        int start = line.length();
        int end = 0;
        for (int at = 0; at < bytes.length; ) {
            int[] rune = GoUtf8.decodeRune(bytes, at);
            if (!isGoSpace(rune[0]) || rune[0] == 0xfffd) {
                start = Math.min(start, at);
                end = at + rune[1];
            }
            at += rune[1];
        }
        return start >= end ? new String[] {""} : line.substring(start, end).split("[\\t\\u000b\\f\\r ]+");
    }

    /**
     * The value an instruction {@code LABEL key="..."} gives {@code key} under the escape token in
     * force, when it is that and nothing else: inside double quotes the escape token escapes
     * {@code "}, {@code $} and itself and is kept before anything else; an unescaped {@code $}
     * would be expanded, so it is not taken.
     */
    public static Optional<String> labelValue(String instruction, String key, char escape) {
        String prefix = "LABEL " + key + "=\"";
        if (!instruction.startsWith(prefix) || !instruction.endsWith("\"") || instruction.length() == prefix.length()) {
            return Optional.empty();
        }
        String quoted = instruction.substring(prefix.length(), instruction.length() - 1);
        StringBuilder value = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == escape) {
                if (i + 1 == quoted.length()) {
                    return Optional.empty(); // it escapes the closing quote
                }
                char escaped = quoted.charAt(i + 1);
                if (escaped == '"' || escaped == '$' || escaped == escape) {
                    value.append(escaped);
                    i++;
                } else {
                    value.append(c);
                }
            } else if (c == '"' || c == '$') {
                return Optional.empty();
            } else {
                value.append(c);
            }
        }
        return Optional.of(GoUtf8.decode(value.toString()));
    }

    /** After ONBUILD ADD, COPY or RUN (not in JSON form), each {@code <<NAME} takes the lines up to NAME. */
    private static int skipHeredocs(String line, String command, List<String> lines, int next) {
        String[] words = words(line);
        if (!command.equalsIgnoreCase("onbuild") || words.length < 3
                || !Set.of("add", "copy", "run").contains(words[1].toLowerCase(Locale.ROOT)) || words[2].startsWith("[")) {
            return next;
        }
        for (int i = 2; i < words.length; i++) {
            Matcher heredoc = HEREDOC.matcher(words[i]);
            if (!heredoc.matches() || heredoc.group(2).isEmpty()) {
                continue;
            }
            String name = heredoc.group(2).replace("\"", "").replace("'", "");
            boolean chomp = heredoc.group(1).equals("-");
            boolean terminated = false;
            while (!terminated && next < lines.size()) {
                String candidate = trimNewline(lines.get(next++));
                terminated = (chomp ? candidate.replaceFirst("^\\t+", "") : candidate).equals(name);
            }
            if (!terminated) {
                return -1;
            }
        }
        return next;
    }

    private static String trimNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** {@code bytes.TrimLeftFunc(unicode.IsSpace)} on a byte string (runes decoded as Go does). */
    static String trimLeadingSpace(String line) {
        byte[] bytes = GoUtf8.bytes(line);
        int at = 0;
        while (at < bytes.length) {
            int[] rune = GoUtf8.decodeRune(bytes, at);
            if (!isGoSpace(rune[0]) || rune[0] == 0xfffd) {
                break;
            }
            at += rune[1];
        }
        return line.substring(at);
    }

    /** {@code unicode.IsSpace}. */
    static boolean isGoSpace(int c) {
        return c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xa0
                || c == 0x1680 || c >= 0x2000 && c <= 0x200a || c == 0x2028 || c == 0x2029 || c == 0x202f
                || c == 0x205f || c == 0x3000;
    }
}
