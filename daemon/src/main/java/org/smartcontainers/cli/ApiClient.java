package org.smartcontainers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.smartcontainers.daemon.Failures;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.UnixHttp;

/**
 * The client commands' way to our daemon: its socket speaks Docker's API, so it is asked with the
 * one Docker client; the extension API is under {@code /sc/v1/}.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTENSION_API = "/sc/v1/";
    private final DockerClient daemon;

    ApiClient(Path socket) {
        this.daemon = new DockerClient(socket);
    }

    Path socket() {
        return daemon.socket();
    }

    /** The ID records name an image by (its config digest) for the daemon's ID of it (another on a containerd store). */
    String recordedImageId(String dockerImageId) {
        return daemon.recordedImageId(dockerImageId);
    }

    /** A call whose failure ends the command: {@link CliException} carries the daemon's message. */
    UnixHttp.Answer call(String method, String path, String contentType, byte[] body, String... headers) {
        UnixHttp.Answer answer = send(method, path, contentType, body, headers);
        if (!answer.ok()) {
            if (answer.status() == 404 && path.startsWith(EXTENSION_API) && answersAsAnotherProgram()) {
                throw notOurs();
            }
            throw new CliException(message(answer));
        }
        return answer;
    }

    /** A call whose failure the command looks at itself. */
    UnixHttp.Answer send(String method, String path, String contentType, byte[] body, String... headers) {
        try {
            return daemon.exchange(method, path, contentType, body, headers);
        } catch (IOException e) {
            // No socket file, or nobody listening on it: not running. Anything else (a socket the
            // user may not open) is said as it is.
            if (e.getMessage() != null && (e.getMessage().contains("Connection refused") || e.getMessage().contains("No such file"))) {
                throw notRunning();
            }
            // Docker's own socket answers a POST to a route it lacks before reading its body, then
            // closes: writing the rest fails (a broken pipe).
            if (path.startsWith(EXTENSION_API) && answersAsAnotherProgram()) {
                throw notOurs();
            }
            throw new CliException("cannot talk to the daemon at " + socket() + ": " + Failures.describe(e));
        }
    }

    JsonNode json(String method, String path, JsonNode body) {
        try {
            UnixHttp.Answer answer = call(method, path, body == null ? null : "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body));
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new CliException("the daemon's answer to " + method + " " + path + " is not JSON: " + Failures.describe(e));
        }
    }

    /** Our daemon answers its version; Docker's own socket (or another program) answers 404 for all of /sc/v1/. */
    private boolean answersAsAnotherProgram() {
        try {
            return daemon.exchange("GET", EXTENSION_API + "version", null, null).status() == 404;
        } catch (IOException e) {
            return false;
        }
    }

    private CliException notOurs() {
        return new CliException(socket() + " is not the SmartContainers daemon (it has no " + EXTENSION_API
                + " API: Docker's own socket?); point --host or SC_HOST at the socket sc daemon listens on");
    }

    private CliException notRunning() {
        return new CliException("the SmartContainers daemon is not running at " + socket()
                + " (start it with: sc daemon; or point --host or SC_HOST at its socket)");
    }

    static String message(UnixHttp.Answer answer) {
        try {
            JsonNode json = JSON.readTree(answer.body());
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
        } catch (IOException e) {
            // not Docker's shape: the text itself
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "the daemon answered HTTP " + answer.status() : text.lines().findFirst().orElse(text);
    }

    /** A reference as one path segment, slashes kept (Docker's routes take {@code team/tool:1.0} as it is). */
    static String reference(String reference) {
        return DockerApiPath.encodeSegment(reference).replace("%2F", "/");
    }

    /** The extension API's path for one of an image's or container's resources: {@code /sc/v1/images/REF/label}. */
    static String resource(String kind, String reference, String name) {
        return "/sc/v1/" + kind + "/" + reference(reference) + "/" + name;
    }
}
