package org.smartcontainers.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sc}: the SmartContainers command. {@code sc daemon} runs the daemon; every other command
 * talks to the running daemon over its socket and fails with one line and a non-zero status.
 */
public final class Main {
    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help")
    private boolean help;

    @Parameter(names = "--host", description = "The daemon's socket for client commands (as each command's --host)")
    private String host;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        return run(args, env, System.out, System.err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Main main = new Main();
        DaemonCommand daemon = new DaemonCommand(env);
        Map<String, ClientCommand> clients = new LinkedHashMap<>();
        clients.put("version", new VersionCommand());
        Map<String, ClientCommand> config = new LinkedHashMap<>();
        config.put("show", new ConfigCommands.Show());
        config.put("set", new ConfigCommands.Set());
        config.put("import-legacy", new ConfigCommands.ImportLegacy());
        Map<String, ClientCommand> label = new LinkedHashMap<>();
        label.put("get", new LabelCommands.Get());
        label.put("put", new LabelCommands.Put());
        Map<String, ClientCommand> rest = new LinkedHashMap<>();
        rest.put("entry", new EntryCommand());
        rest.put("infect", new InfectCommand());
        rest.put("query", new QueryCommand());
        rest.put("lineage", new LineageCommand());
        rest.put("export", new ExportCommand());
        rest.put("context", new ContextCommand());

        JCommander commander = JCommander.newBuilder().programName("sc").addObject(main)
                .addCommand("daemon", daemon).build();
        clients.forEach(commander::addCommand);
        commander.addCommand("config", new ConfigGroup());
        config.forEach(commander.getCommands().get("config")::addCommand);
        commander.addCommand("label", new LabelGroup());
        label.forEach(commander.getCommands().get("label")::addCommand);
        rest.forEach(commander::addCommand);
        CompletionCommand completion = new CompletionCommand();
        commander.addCommand("completion", completion);

        try {
            commander.parse(args);
        } catch (ParameterException e) {
            err.println(UsageErrors.line(commander, List.of(args), e.getMessage()));
            return 2;
        }
        String name = commander.getParsedCommand();
        if (main.help || name == null) {
            // sc alone is a usage error: its help goes where errors go.
            (main.help ? out : err).print(Help.ofSc(commander));
            return main.help ? 0 : 2;
        }
        JCommander sub = commander.getCommands().get(name);
        if (name.equals("daemon")) {
            return daemon.help ? help(out, name, sub) : daemon.run();
        }
        if (name.equals("completion")) {
            return completion.help ? help(out, name, sub) : printCompletion(completion, commander, out, err);
        }
        ClientCommand command = clients.getOrDefault(name, rest.get(name));
        if (command == null) { // a group: config or label
            String action = sub.getParsedCommand();
            if (action == null) {
                boolean asked = ((Group) sub.getObjects().get(0)).help;
                (asked ? out : err).print(Help.of(name, sub));
                return asked ? 0 : 2;
            }
            command = (name.equals("config") ? config : label).get(action);
            sub = sub.getCommands().get(action);
            name = name + " " + action;
        }
        if (command.options.help) {
            return help(out, name, sub);
        }
        if (command.options.host == null) {
            command.options.host = main.host;
        }
        try {
            command.run(command.options.client(env), env, out);
            return 0;
        } catch (UsageError e) {
            out.flush();
            err.println("sc " + name + ": " + e.getMessage() + " (see sc " + name + " --help)");
            return 2;
        } catch (CliException e) {
            out.flush();
            err.println("sc " + name + ": " + e.getMessage());
            return 1;
        }
    }

    private static int printCompletion(CompletionCommand completion, JCommander sc, PrintStream out, PrintStream err) {
        try {
            out.print(completion.script(sc));
            out.flush();
            return 0;
        } catch (UsageError e) {
            err.println("sc completion: " + e.getMessage() + " (see sc completion --help)");
            return 2;
        }
    }

    private static int help(PrintStream out, String path, JCommander command) {
        out.print(Help.of(path, command));
        out.flush();
        return 0;
    }

    /** A command that only holds others. */
    private static class Group {
        @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help")
        boolean help;
    }

    @com.beust.jcommander.Parameters(commandDescription = "Show or change who the records name: show, set, import-legacy")
    private static final class ConfigGroup extends Group {
    }

    @com.beust.jcommander.Parameters(commandDescription = "Read the smartcontainer label, or attach JSON-LD: get,"
            + " put")
    private static final class LabelGroup extends Group {
    }
}
