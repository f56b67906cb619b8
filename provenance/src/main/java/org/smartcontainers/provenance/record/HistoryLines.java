package org.smartcontainers.provenance.record;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step of {@code docker history} ({@code CreatedBy}) with the values that may be secrets taken
 * out, names kept: the build arguments a {@code RUN} saw ({@code |2 NAME=value OTHER=value cmd}, as
 * the classic builder and BuildKit both write it) and what {@code ENV} and {@code ARG} set.
 */
final class HistoryLines {
    /** {@code |N } after an optional {@code RUN }: N build arguments come next, as NAME=value words. */
    private static final Pattern BUILD_ARGS = Pattern.compile("^(RUN )?\\|(\\d+) (.*)$", Pattern.DOTALL);
    private static final Pattern NAME_IS = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=");
    /** ENV and ARG, in the classic builder's {@code /bin/sh -c #(nop)  ENV ...} and BuildKit's {@code ENV ...}. */
    private static final Pattern SETS = Pattern.compile("^(.*?\\b(ENV|ARG)) +(.*)$", Pattern.DOTALL);
    private static final Pattern NAMES = Pattern.compile("(?:^| )([A-Za-z_][A-Za-z0-9_.-]*)=");

    private HistoryLines() {
    }

    static String withoutValues(String createdBy) {
        Matcher args = BUILD_ARGS.matcher(createdBy);
        if (args.matches()) {
            return withoutBuildArgValues(args.group(1) == null ? "" : args.group(1), Integer.parseInt(args.group(2)),
                    args.group(3));
        }
        Matcher sets = SETS.matcher(createdBy);
        if (sets.matches() && (createdBy.startsWith("ENV ") || createdBy.startsWith("ARG ") || createdBy.contains("#(nop) "))) {
            return sets.group(1) + " " + namesOnly(sets.group(3));
        }
        return createdBy;
    }

    /**
     * Values may hold spaces (Docker does not quote them): the command is taken to start at the first
     * word after the last argument that is an absolute path (the shell, {@code /bin/sh -c}); without
     * one, the command cannot be told apart from a value and is left out.
     */
    private static String withoutBuildArgValues(String run, int count, String rest) {
        String[] words = rest.split(" ", -1);
        List<String> names = new ArrayList<>();
        int i = 0;
        for (; i < words.length && names.size() < count; i++) {
            Matcher name = NAME_IS.matcher(words[i]);
            if (name.find()) {
                names.add(name.group(1) + "=");
            }
        }
        while (i < words.length && !words[i].startsWith("/")) {
            i++;
        }
        String command = i < words.length ? String.join(" ", List.of(words).subList(i, words.length))
                : "(command not recorded: it cannot be told apart from the build arguments' values)";
        return run + "|" + count + " " + String.join(" ", names) + " " + command;
    }

    private static String namesOnly(String assignments) {
        List<String> names = new ArrayList<>();
        Matcher name = NAMES.matcher(assignments);
        while (name.find()) {
            names.add(name.group(1) + "=");
        }
        if (names.isEmpty()) { // the old form, ENV NAME value, or a bare ARG NAME
            String first = assignments.strip().split("\\s+", 2)[0];
            return first;
        }
        return String.join(" ", names);
    }
}
