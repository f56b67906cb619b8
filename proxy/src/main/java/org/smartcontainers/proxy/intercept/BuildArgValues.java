package org.smartcontainers.proxy.intercept;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build's argument values, kept only to take them out of what BuildKit tells: it names a step by
 * its command with the arguments expanded ({@code RUN test -n "s3cr3t"}) and quotes it in errors.
 * Each value becomes {@code $NAME}; the longest first, so one value inside another goes too; a value
 * of one or two characters only where it stands as a word of its own (elsewhere it would unmake
 * every name, and is no secret worth the name). BuildKit also expands {@code ${NAME%9}}, {@code ${NAME#s}}
 * and {@code ${NAME/a/b}} in a step's name: what is left then holds a value less or changed a character
 * or two, which no replacement finds. So a text that still holds a piece of a value of four characters or
 * more (three characters of a value under eight, four of a longer one) keeps only its step number and
 * instruction.
 */
final class BuildArgValues {
    static final BuildArgValues NONE = new BuildArgValues(Map.of());
    private static final String FRONTEND_PREFIX = "build-arg:";
    private static final int SHORT = 3;
    static final String PARTS_WITHHELD = " (arguments not recorded: they hold part of a build argument's value)";
    private static final Pattern INSTRUCTION = Pattern.compile("[A-Z]+");

    /** Value to its name, longest value first. */
    private final Map<String, String> names = new LinkedHashMap<>();

    private BuildArgValues(Map<String, String> byName) {
        byName.entrySet().stream()
                .filter(arg -> arg.getValue() != null && !arg.getValue().isEmpty())
                .sorted(Comparator.comparingInt((Map.Entry<String, String> arg) -> arg.getValue().length()).reversed())
                .forEach(arg -> names.putIfAbsent(arg.getValue(), arg.getKey()));
    }

    /** From a solve's frontend attributes ({@code build-arg:NAME} = value). */
    static BuildArgValues ofFrontendAttributes(Map<String, String> attributes) {
        Map<String, String> byName = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (key.startsWith(FRONTEND_PREFIX)) {
                byName.put(key.substring(FRONTEND_PREFIX.length()), value);
            }
        });
        return new BuildArgValues(byName);
    }

    /** From {@code /build}'s {@code buildargs} query parameter (a JSON object; null values are unset). */
    static BuildArgValues ofQuery(Map<String, List<String>> query) {
        List<String> given = query.get("buildargs");
        Map<String, String> byName = new LinkedHashMap<>();
        if (given != null && !given.isEmpty() && !given.get(0).isBlank()) {
            try {
                GoJson.value(given.get(0)).fields().forEachRemaining(arg -> byName.put(arg.getKey(), arg.getValue().asText("")));
            } catch (RuntimeException e) {
                // not an object: the daemon refuses the build, and no step is named
            }
        }
        return new BuildArgValues(byName);
    }

    /** The text with every value replaced by its name, or its arguments withheld (above); null stays null. */
    String redact(String text) {
        if (text == null || names.isEmpty()) {
            return text;
        }
        // BuildKit's "[stage 1/2] " before a step's command counts steps, and holds no argument.
        int prefix = text.startsWith("[") ? text.indexOf("] ") + 1 : 0;
        String redacted = text.substring(prefix);
        String unnamed = redacted; // without the names put in, which could hold a piece of another value
        for (Map.Entry<String, String> value : names.entrySet()) {
            if (value.getKey().length() >= SHORT) {
                redacted = redacted.replace(value.getKey(), "$" + value.getValue());
                unnamed = unnamed.replace(value.getKey(), "\0");
            } else {
                Pattern word = Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(value.getKey()) + "(?![\\p{Alnum}_])");
                redacted = word.matcher(redacted).replaceAll(Matcher.quoteReplacement("$" + value.getValue()));
                unnamed = word.matcher(unnamed).replaceAll("\0");
            }
        }
        if (holdsAPiece(unnamed)) {
            String[] words = redacted.strip().split("\\s+", 2);
            String instruction = INSTRUCTION.matcher(words[0]).matches() ? " " + words[0] : "";
            String head = (text.substring(0, prefix) + instruction).strip();
            return head.isEmpty() ? PARTS_WITHHELD.strip() : head + PARTS_WITHHELD;
        }
        return text.substring(0, prefix) + redacted;
    }

    private boolean holdsAPiece(String text) {
        for (String value : names.keySet()) {
            int piece = value.length() < 8 ? 3 : 4;
            for (int at = 0; value.length() > SHORT && at + piece <= value.length(); at++) {
                if (text.contains(value.substring(at, at + piece))) {
                    return true;
                }
            }
        }
        return false;
    }
}
