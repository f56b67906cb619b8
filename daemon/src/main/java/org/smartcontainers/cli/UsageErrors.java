package org.smartcontainers.cli;

import com.beust.jcommander.JCommander;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JCommander's parse errors said in plain words, naming the command they are about. */
final class UsageErrors {
    private static final Pattern MISSING = Pattern.compile("Main parameters are required \\(\"(.*)\"\\)");
    private static final Pattern COUNT = Pattern.compile("There should be exactly (\\d+) main parameters but (\\d+) were found");
    private static final Pattern UNEXPECTED = Pattern.compile("Was passed main parameter '(.*)' but no main parameter.*");
    private static final Pattern NO_COMMAND = Pattern.compile("Expected a command, got (.*)");
    private static final Pattern NO_VALUE = Pattern.compile("Expected a value after parameter (.*)");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("\"(.*)\": couldn't convert \"(.*)\" to an? (integer|long)");

    private UsageErrors() {
    }

    /** "config set", "lineage", or "" for sc itself: the commands named before the error, options skipped. */
    static String commandPath(JCommander sc, List<String> args) {
        JCommander at = sc;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--host")) {
                i++; // its value
            } else if (!arg.startsWith("-")) {
                JCommander next = at.getCommands().get(arg);
                if (next == null) {
                    break;
                }
                path.append(path.length() == 0 ? "" : " ").append(arg);
                at = next;
            }
        }
        return path.toString();
    }

    static JCommander command(JCommander sc, String path) {
        JCommander at = sc;
        for (String name : path.isEmpty() ? new String[0] : path.split(" ")) {
            at = at.getCommands().get(name);
        }
        return at;
    }

    /** The whole line: {@code sc lineage: missing IMAGE|CONTAINER (see sc lineage --help)}. */
    static String line(JCommander sc, List<String> args, String jcommanderMessage) {
        String path = commandPath(sc, args);
        String command = path.isEmpty() ? "sc" : "sc " + path;
        return command + ": " + plain(command(sc, path), jcommanderMessage) + " (see " + command + " --help)";
    }

    static String plain(JCommander command, String message) {
        String text = message == null ? "" : message;
        Matcher m;
        if ((m = MISSING.matcher(text)).matches()) {
            return "missing " + m.group(1);
        }
        if ((m = COUNT.matcher(text)).matches()) {
            String expected = command.getMainParameterValue() == null ? "" : command.getMainParameterValue().getDescription();
            return "takes " + (m.group(1).equals("1") ? "one argument" : m.group(1) + " arguments")
                    + (expected.isEmpty() ? "" : ", " + expected) + "; got " + m.group(2);
        }
        if ((m = UNEXPECTED.matcher(text)).matches()) {
            return m.group(1).startsWith("-") ? "unknown option " + m.group(1)
                    : "unexpected argument '" + m.group(1) + "' (it takes none)";
        }
        if ((m = NO_COMMAND.matcher(text)).matches()) {
            String kind = command.getProgramName().equals("sc") ? "command" : "action";
            return (m.group(1).startsWith("-") ? "unknown option " + m.group(1) : "unknown " + kind + " '" + m.group(1) + "'")
                    + "; the " + kind + "s are " + String.join(", ", command.getCommands().keySet());
        }
        if ((m = NO_VALUE.matcher(text)).matches()) {
            return m.group(1) + " needs a value";
        }
        if ((m = NOT_A_NUMBER.matcher(text)).matches()) {
            return m.group(1) + " takes a whole number, got '" + m.group(2) + "'";
        }
        return text;
    }
}
