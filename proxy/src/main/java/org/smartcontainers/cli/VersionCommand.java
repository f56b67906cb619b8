package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;

@Parameters(commandDescription = "Print the version of SmartContainers")
final class VersionCommand {
    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help")
    boolean help;

    int run() {
        System.out.println("sc " + BuildInfo.version() + " (Java " + Runtime.version() + ")");
        return 0;
    }
}
