package org.smartcontainers.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.util.Map;

/** {@code sc}: the SmartContainers command. */
public final class Main {
    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help")
    private boolean help;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        Main main = new Main();
        DaemonCommand daemon = new DaemonCommand(env);
        VersionCommand version = new VersionCommand();
        JCommander commander = JCommander.newBuilder()
                .programName("sc")
                .addObject(main)
                .addCommand("daemon", daemon)
                .addCommand("version", version)
                .build();
        try {
            commander.parse(args);
        } catch (ParameterException e) {
            System.err.println("sc: " + e.getMessage() + " (see sc --help)");
            return 2;
        }
        String command = commander.getParsedCommand();
        if (main.help || command == null) {
            commander.usage();
            return command == null && !main.help ? 2 : 0;
        }
        JCommander sub = commander.getCommands().get(command);
        return switch (command) {
            case "daemon" -> daemon.help ? usage(sub) : daemon.run();
            case "version" -> version.help ? usage(sub) : version.run();
            default -> usage(commander);
        };
    }

    private static int usage(JCommander commander) {
        commander.usage();
        return 0;
    }
}
