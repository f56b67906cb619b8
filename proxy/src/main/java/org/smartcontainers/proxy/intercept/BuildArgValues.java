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
 * every name, and is no secret worth the name).
 */
final class BuildArgValues {
    static final BuildArgValues NONE = new BuildArgValues(Map.of());
    private static final String FRONTEND_PREFIX = "build-arg:";
    private static final int SHORT = 3;

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

    /** The text with every value replaced by its name; null stays null. */
    String redact(String text) {
        if (text == null || names.isEmpty()) {
            return text;
        }
        // BuildKit's "[stage 1/2] " before a step's command counts steps, and holds no argument.
        int prefix = text.startsWith("[") ? text.indexOf("] ") + 1 : 0;
        String redacted = text.substring(prefix);
        for (Map.Entry<String, String> value : names.entrySet()) {
            String name = Matcher.quoteReplacement("$" + value.getValue());
            redacted = value.getKey().length() >= SHORT
                    ? redacted.replace(value.getKey(), "$" + value.getValue())
                    : Pattern.compile("(?<![\\p{Alnum}_])" + Pattern.quote(value.getKey()) + "(?![\\p{Alnum}_])")
                            .matcher(redacted).replaceAll(name);
        }
        return text.substring(0, prefix) + redacted;
    }
}
