package org.smartcontainers.provenance.record;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfile text as the daemon's parser (BuildKit's) splits it into instructions: an {@code escape}
 * directive at the top sets the escape character; blank and comment lines are skipped, inside an
 * instruction too; a line whose last character before spaces and tabs is the escape character goes on
 * onto the next. A commit's (or an import's) {@code changes} are read so: joined with newlines, one
 * Dockerfile. What is recorded of them must be cut where Docker cuts them, or a value split over two
 * lines would be recorded as an instruction of its own.
 */
public record DockerfileInstructions(char escape, List<String> instructions) {
    /** A parser directive, as BuildKit's regexp has it ({@code \s} is Go's): its name, its value. */
    public static final Pattern DIRECTIVE =
            Pattern.compile("#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*");

    public DockerfileInstructions {
        instructions = List.copyOf(instructions);
    }

    public static DockerfileInstructions parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length > 0 && lines[0].startsWith("\ufeff")) {
            lines[0] = lines[0].substring(1);
        }
        char escape = escapeCharacter(lines);
        List<String> instructions = new ArrayList<>();
        StringBuilder current = null;
        for (String raw : lines) {
            String line = stripTrailing(raw, "\r");
            String content = stripLeadingGoSpace(line);
            if (content.isEmpty() || content.charAt(0) == '#') {
                continue; // skipped, also inside an instruction
            }
            String kept = stripTrailing(line, " \t");
            boolean continues = !kept.isEmpty() && kept.charAt(kept.length() - 1) == escape;
            String part = continues ? kept.substring(0, kept.length() - 1) : line;
            current = current == null ? new StringBuilder(stripLeadingGoSpace(part)) : current.append(part);
            if (!continues) {
                instructions.add(current.toString().strip());
                current = null;
            }
        }
        if (current != null && !current.toString().isBlank()) {
            instructions.add(current.toString().strip());
        }
        return new DockerfileInstructions(escape, instructions);
    }

    /** The escape character the directives at the top set (they end at the first line that is none), else {@code \}. */
    private static char escapeCharacter(String[] lines) {
        char escape = '\\';
        for (String line : lines) {
            Matcher directive = DIRECTIVE.matcher(stripLeadingGoSpace(stripTrailing(line, "\r")));
            if (!directive.matches()) {
                break;
            }
            if (directive.group(1).equalsIgnoreCase("escape")) {
                escape = directive.group(2).equals("`") ? '`' : '\\';
            }
        }
        return escape;
    }

    /**
     * An instruction's arguments as the parser's {@code parseWords} splits them: at white space outside
     * quotes; the escape character keeps the character after it (both stay in the word), quotes stay too.
     */
    public static List<String> words(String arguments, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == escape && i + 1 < arguments.length()) {
                word.append(c).append(arguments.charAt(++i));
            } else if (quote != 0) {
                word.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String stripTrailing(String text, String characters) {
        int end = text.length();
        while (end > 0 && characters.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code bytes.TrimLeftFunc(unicode.IsSpace)}: Go's white space, which is not Java's. */
    public static String stripLeadingGoSpace(String line) {
        int at = 0;
        while (at < line.length() && isGoSpace(line.charAt(at))) {
            at++;
        }
        return line.substring(at);
    }

    private static boolean isGoSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xa0
                || c == 0x1680 || c >= 0x2000 && c <= 0x200a || c == 0x2028 || c == 0x2029 || c == 0x202f
                || c == 0x205f || c == 0x3000;
    }
}
