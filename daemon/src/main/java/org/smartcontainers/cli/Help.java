package org.smartcontainers.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short help of {@code sc} and each command: what it does in a sentence or two, its options, and
 * an example or two. JCommander's own usage lists everything at length; this is what a person reads
 * before running the command (docs/cli.md says more).
 */
final class Help {
    private static final int WIDTH = 80;
    private static final String OPTION_INDENT = "      ";
    private static final int SUMMARY_WIDTH = 72;
    private static final Pattern SUMMARY_END = Pattern.compile("[:.] | \\(");

    /** By command path ("" for sc itself): runnable examples, each a line. */
    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("", List.of("sc daemon &   # then: export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/sc.sock",
                    "sc lineage myimage:1.0")),
            Map.entry("daemon", List.of("sc daemon", "sc daemon --listen /tmp/sc.sock --store mem: --http off")),
            Map.entry("version", List.of("sc version", "sc version --client")),
            Map.entry("config", List.of("sc config show", "sc config set --orcid 0000-0002-1825-0097 --name 'Josiah Carberry'")),
            Map.entry("config show", List.of("sc config show", "sc config show --stored")),
            Map.entry("config set", List.of("sc config set --orcid 0000-0002-1825-0097 --name 'Josiah Carberry'",
                    "sc config set --user 1001 --email ada@example.org")),
            Map.entry("config import-legacy", List.of("sc config import-legacy", "sc config import-legacy ~/.sc/sc.config")),
            Map.entry("label", List.of("sc label get myimage:1.0", "sc label put myimage:1.0 notes.jsonld --commit")),
            Map.entry("label get", List.of("sc label get myimage:1.0", "sc label get --container web")),
            Map.entry("label put", List.of("sc label put web notes.jsonld", "sc label put myimage:1.0 notes.jsonld --commit")),
            Map.entry("entry", List.of("sc entry web")),
            Map.entry("infect", List.of("sc infect ubuntu:24.04", "sc infect --container web")),
            Map.entry("query", List.of("sc query 'SELECT ?b WHERE { ?x prov:wasDerivedFrom ?b }'",
                    "sc query --format csv --file lineage.rq")),
            Map.entry("lineage", List.of("sc lineage myimage:1.0", "sc lineage web   # a container, then its image")),
            Map.entry("export", List.of("sc export --format turtle > store.ttl",
                    "sc export --image myimage:1.0 --format rocrate > ro-crate-metadata.json")),
            Map.entry("context", List.of("sc context --use", "sc context smartcontainers   # then: docker context use smartcontainers")),
            Map.entry("completion", List.of("sc completion bash > ~/.local/share/bash-completion/completions/sc",
                    "sc completion zsh > ~/.zfunc/_sc   # a directory in $fpath")));

    private Help() {
    }

    /** {@code sc --help}: the commands, one line each. */
    static String ofSc(JCommander sc) {
        StringBuilder text = new StringBuilder("sc: record and query the provenance of Docker images and containers.\n\n");
        text.append("Usage: sc [--host PATH] COMMAND [options]\n\nCommands:\n");
        commandList(text, sc);
        examples(text, "");
        text.append("\n'sc COMMAND --help' shows a command's options.\n"
                + "--host PATH (else $SC_HOST) names the daemon's socket.\n");
        return text.toString();
    }

    /**
     * A command's help. Its usage line names the command as JCommander does ({@code Usage: show}), after
     * the line that gives it in full ({@code sc config show: …}).
     */
    static String of(String path, JCommander command) {
        StringBuilder text = new StringBuilder();
        String name = path.substring(path.lastIndexOf(' ') + 1);
        wrap(text, "sc " + path + ": " + description(command), "");
        text.append('\n');
        String main = mainParameter(command);
        text.append("Usage: ").append(name).append(command.getCommands().isEmpty() ? "" : " ACTION")
                .append(" [options]").append(main.isEmpty() ? "" : " " + main).append('\n');
        if (!command.getCommands().isEmpty()) {
            text.append("\nActions:\n");
            commandList(text, command);
        }
        List<ParameterDescription> options = new ArrayList<>(command.getParameters().stream()
                .filter(p -> !p.getParameter().hidden()).toList());
        options.sort(Comparator.comparing((ParameterDescription p) -> p.isHelp() || p.getNames().equals("--host"))
                .thenComparing(p -> p.getParameter().order()).thenComparing(ParameterDescription::getLongestName));
        text.append("\nOptions:\n");
        for (ParameterDescription option : options) {
            text.append("  ").append(option.getNames()).append(placeholder(option)).append('\n');
            wrap(text, option.getDescription(), OPTION_INDENT);
        }
        examples(text, path);
        return text.toString();
    }

    /** The description up to its first colon, full stop or parenthesis: one line in a list of commands. */
    static String summary(JCommander command) {
        String description = description(command);
        Matcher end = SUMMARY_END.matcher(description);
        String summary = end.find() ? description.substring(0, end.start()) : description;
        return summary.length() <= SUMMARY_WIDTH ? summary : summary.substring(0, SUMMARY_WIDTH - 1) + "…";
    }

    private static String description(JCommander command) {
        Parameters parameters = command.getObjects().get(0).getClass().getAnnotation(Parameters.class);
        return parameters == null ? "" : parameters.commandDescription();
    }

    private static String mainParameter(JCommander command) {
        ParameterDescription main = command.getMainParameterValue();
        return main == null ? "" : main.getDescription();
    }

    private static String placeholder(ParameterDescription option) {
        Class<?> type = option.getParameterized().getType();
        if (type == boolean.class || type == Boolean.class) {
            return "";
        }
        return " " + option.getLongestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static void commandList(StringBuilder text, JCommander parent) {
        parent.getCommands().forEach((name, command) ->
                text.append(String.format("  %-14s%s%n", name, summary(command))));
    }

    private static void examples(StringBuilder text, String path) {
        List<String> examples = EXAMPLES.getOrDefault(path, List.of());
        if (!examples.isEmpty()) {
            text.append(examples.size() == 1 ? "\nExample:\n" : "\nExamples:\n");
            examples.forEach(example -> text.append("  ").append(example).append('\n'));
        }
    }

    /** Words wrapped at {@value #WIDTH} columns, each line after {@code indent}. */
    private static void wrap(StringBuilder text, String words, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : words.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                text.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        if (line.length() > indent.length()) {
            text.append(line).append('\n');
        }
    }
}
