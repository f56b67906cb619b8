package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd service unit read as systemd reads the parts our units use: {@code Environment=} assignments,
 * {@code EnvironmentFile=} over them, and {@code ExecStart=} with {@code ${VAR}} as one word and {@code $VAR}
 * split at white space (systemd.service(5), "Command lines"). So a test can run a unit's own command line where
 * no systemd runs. Specifiers ({@code %t}, {@code %E}, ...) are replaced by what the caller says the manager
 * gives them; one left over fails.
 */
public final class SystemdUnit {
    private static final Pattern SPECIFIER = Pattern.compile("%(.)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    private final Map<String, List<String>> service = new LinkedHashMap<>();

    private SystemdUnit() {
    }

    public static SystemdUnit read(Path file) {
        return read(file, Map.of());
    }

    /** @param specifiers what each {@code %x} stands for, by its letter (a user manager's %t, %E, %h) */
    public static SystemdUnit read(Path file, Map<Character, String> specifiers) {
        SystemdUnit unit = new SystemdUnit();
        String section = "";
        for (String line : lines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = trimmed;
            } else if (section.equals("[Service]") && trimmed.contains("=")) {
                int eq = trimmed.indexOf('=');
                unit.service.computeIfAbsent(trimmed.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(specified(trimmed.substring(eq + 1).strip(), specifiers));
            }
        }
        return unit;
    }

    public List<String> values(String key) {
        return service.getOrDefault(key, List.of());
    }

    /** What the service's process is given: {@code Environment=}, then each {@code EnvironmentFile=} over it. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        values("Environment").forEach(value -> words(value).forEach(assignment -> put(env, assignment)));
        for (String file : values("EnvironmentFile")) {
            boolean optional = file.startsWith("-");
            Path path = Path.of(optional ? file.substring(1) : file);
            if (!Files.exists(path)) {
                if (optional) {
                    continue;
                }
                throw new AssertionError("the unit's EnvironmentFile " + path + " is missing");
            }
            for (String line : lines(path)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                    int eq = trimmed.indexOf('=');
                    env.put(trimmed.substring(0, eq).strip(), unquote(trimmed.substring(eq + 1).strip()));
                }
            }
        }
        return env;
    }

    /** The single {@code ExecStart=} command line, its variables taken from {@code env}. */
    public List<String> execStart(Map<String, String> env) {
        List<String> lines = values("ExecStart");
        if (lines.size() != 1) {
            throw new AssertionError("a service unit of Type=simple has one ExecStart, found " + lines);
        }
        List<String> command = new ArrayList<>();
        for (String word : words(lines.get(0))) {
            Matcher whole = Pattern.compile("\\$(\\w+)").matcher(word);
            if (whole.matches()) { // $VAR alone: split into words, none when empty
                command.addAll(words(env.getOrDefault(whole.group(1), "")));
            } else {
                command.add(VARIABLE.matcher(word).replaceAll(m -> Matcher.quoteReplacement(
                        env.getOrDefault(m.group(1) != null ? m.group(1) : m.group(2), ""))));
            }
        }
        return command;
    }

    private static String specified(String value, Map<Character, String> specifiers) {
        return SPECIFIER.matcher(value).replaceAll(m -> {
            char letter = m.group(1).charAt(0);
            if (letter == '%') {
                return "%";
            }
            String meaning = specifiers.get(letter);
            if (meaning == null) {
                throw new AssertionError("the unit uses %" + letter + ", which the test does not give: " + value);
            }
            return Matcher.quoteReplacement(meaning);
        });
    }

    private static void put(Map<String, String> env, String assignment) {
        int eq = assignment.indexOf('=');
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    /** White-space separated words, double or single quotes keeping a word whole. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String value) {
        List<String> words = words(value);
        return value.isEmpty() ? "" : String.join(" ", words);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
