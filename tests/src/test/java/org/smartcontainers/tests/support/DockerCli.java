package org.smartcontainers.tests.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * A docker CLI pointed at one socket, the proxy's or the daemon's, so a scenario can run both ways
 * and compare. Names it makes carry the target's label, which {@link #normalize} removes again.
 */
public record DockerCli(String label, String binary, Map<String, String> env) {
    private static final Pattern LONG_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
    private static final Pattern SHORT_ID = Pattern.compile("\\b[0-9a-f]{12}\\b");

    public static DockerCli direct() {
        return new DockerCli("direct", Clients.docker(), Map.of("DOCKER_HOST", "unix://" + DockerSocket.path()));
    }

    /** The CLI straight to the Docker 20.10 daemon ({@link DockerSocket#docker20()}). */
    public static DockerCli direct20() {
        return new DockerCli("direct20", Clients.docker(), Map.of("DOCKER_HOST", "unix://" + DockerSocket.docker20()));
    }

    /** The CLI straight to the containerd-store daemon ({@link DockerSocket#containerdStore()}). */
    public static DockerCli directContainerd() {
        return new DockerCli("containerd", Clients.docker(), Map.of("DOCKER_HOST", "unix://" + DockerSocket.containerdStore()));
    }

    public static DockerCli through(ProxyProcess proxy) {
        return new DockerCli("proxy", Clients.docker(), proxy.env());
    }

    public DockerCli withBinary(String otherBinary, Map<String, String> extraEnv) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(extraEnv);
        return new DockerCli(label, otherBinary, Map.copyOf(merged));
    }

    public Run.Result run(String... args) {
        return pipe((byte[]) null, args);
    }

    public Run.Result pipe(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(List.of(args));
        return Run.run(env, stdin, command);
    }

    public Run.Result pipe(String stdin, String... args) {
        return pipe(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /**
     * Clean-up: removes each image, forced, one after the other (tags before the IDs behind them);
     * a null stands for an image never made and is skipped.
     */
    public void removeImages(String... references) {
        for (String reference : references) {
            if (reference != null) {
                run("rmi", "-f", reference);
            }
        }
    }

    /** A unique name for a container or image made by this target. */
    public String name(String base) {
        return "sc-it-" + base + "-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Output with IDs and this target's names made comparable across targets. */
    public String normalize(String output) {
        String withoutIds = SHORT_ID.matcher(LONG_ID.matcher(output).replaceAll("<id>")).replaceAll("<id>");
        return withoutIds.replaceAll("sc-it-([a-z0-9-]+?)-" + label + "-[0-9a-f]{8}", "sc-it-$1");
    }
}
