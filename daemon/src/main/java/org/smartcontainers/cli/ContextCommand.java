package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes (or points again) a docker context at the daemon's socket, so {@code docker context use} switches
 * every docker command, and {@code docker provenance}, to SmartContainers. The docker CLI writes the context
 * itself: its store's format stays the CLI's business.
 */
@Parameters(commandDescription = "Make a docker context for the daemon's socket (docker context use NAME switches"
        + " docker to it)")
final class ContextCommand extends ClientCommand {
    static final String DEFAULT_NAME = "smartcontainers";

    @Parameter(description = "[NAME] (default: smartcontainers)")
    List<String> name = new ArrayList<>();

    @Parameter(names = "--use", description = "Also make it docker's current context (docker context use NAME)")
    boolean use;

    @Parameter(names = "--docker-cli", description = "The docker CLI to run. Default: docker on PATH")
    String dockerCli = "docker";

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        if (name.size() > 1) {
            throw new UsageError("takes one context NAME at most, got " + name.size());
        }
        String context = name.isEmpty() ? DEFAULT_NAME : name.get(0);
        String host = "unix://" + client.socket();
        boolean exists = docker(List.of("context", "inspect", context), false);
        docker(List.of("context", exists ? "update" : "create", context, "--description",
                "SmartContainers: Docker through the provenance proxy", "--docker", "host=" + host), true);
        out.println("docker context " + context + ": " + host + (exists ? " (updated)" : " (created)"));
        if (use) {
            docker(List.of("context", "use", context), true);
            out.println("docker's current context is now " + context);
        } else {
            out.println("switch with: docker context use " + context + "   (once: docker --context " + context + " ...)");
        }
    }

    /** Runs the docker CLI; a failure it must not have ends the command with what docker said. */
    private boolean docker(List<String> args, boolean mustSucceed) {
        List<String> command = new ArrayList<>(List.of(dockerCli));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0 && mustSucceed) {
                throw new CliException(String.join(" ", command) + " failed: " + said);
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new CliException("cannot run " + dockerCli + " (the docker CLI; --docker-cli names it): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
