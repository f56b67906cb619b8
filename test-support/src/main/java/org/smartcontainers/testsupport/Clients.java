package org.smartcontainers.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client programs the tests run, none at a fixed path: each is the one its environment variable
 * names (a path, or a name looked up on PATH), else the first fitting one on PATH. A client found
 * neither way fails the test that needs it, naming the variable and the Debian package; no test
 * skips for a missing client.
 */
public final class Clients {
    private static final Pattern DOCKER_VERSION = Pattern.compile("^Docker version ([^,\\s]+)");
    /** Debian bookworm's docker.io: its CLI still has the classic BuildKit client (the newer ones need buildx). */
    private static final String DEBIAN_DOCKER_CLI = "20.10.";

    private static final Client DOCKER = new Client("SC_TEST_DOCKER_CLI", "docker",
            "a current docker CLI (not Debian bookworm's 20.10; e.g. Docker's docker-ce-cli, Debian trixie's docker-cli)",
            docker -> dockerVersion(docker).filter(v -> !v.startsWith(DEBIAN_DOCKER_CLI)).isPresent());
    private static final Client DOCKER_20 = new Client("SC_TEST_DOCKER20_CLI", "docker",
            "the docker 20.10 CLI (Debian's docker.io)",
            docker -> dockerVersion(docker).filter(v -> v.startsWith(DEBIAN_DOCKER_CLI)).isPresent());
    private static final Client CHROMIUM = new Client("SC_TEST_CHROMIUM", "chromium", "Debian's chromium", any -> true);
    private static final Client SETPRIV = new Client("SC_TEST_SETPRIV", "setpriv", "setpriv (Debian's util-linux)", any -> true);
    private static final Client CURL = new Client("SC_TEST_CURL", "curl", "Debian's curl", any -> true);
    private static final Client SCRIPT = new Client("SC_TEST_SCRIPT", "script", "script (Debian's bsdutils)", any -> true);
    private static final Client ZSH = new Client("SC_TEST_ZSH", "zsh", "Debian's zsh", any -> true);
    private static final Client PYTHON = new Client("SC_TEST_PYTHON", "python3",
            "a python3 with docker-py (Debian's python3-docker)",
            python -> imports(python, "docker"));
    private static final Client SPARQL_PYTHON = new Client("SC_TEST_SPARQL_PYTHON", "python3",
            "a python3 with SPARQLWrapper (Debian's python3-sparqlwrapper)", python -> imports(python, "SPARQLWrapper"));

    private static final Map<Client, String> FOUND = new ConcurrentHashMap<>();

    private Clients() {
    }

    /** The docker CLI most tests use: the first docker on PATH that is not the 20.10 one. */
    public static String docker() {
        return DOCKER.path();
    }

    /** Debian's docker 20.10 CLI, for BuildKit builds (DOCKER_BUILDKIT=1) without buildx. */
    public static String docker20() {
        return DOCKER_20.path();
    }

    /** Chromium, run headless to render the HTML pages. */
    public static String chromium() {
        return CHROMIUM.path();
    }

    /** setpriv, to run a client as a second uid. */
    public static String setpriv() {
        return SETPRIV.path();
    }

    public static String curl() {
        return CURL.path();
    }

    /** script(1), which gives a client a terminal. */
    public static String script() {
        return SCRIPT.path();
    }

    /** zsh, to load and run the completion script sc writes for it. */
    public static String zsh() {
        return ZSH.path();
    }

    /** A python3 interpreter that has docker-py. */
    public static String python() {
        return PYTHON.path();
    }

    /** A python3 that has SPARQLWrapper, the Python world's SPARQL client. */
    public static String sparqlPython() {
        return SPARQL_PYTHON.path();
    }

    /**
     * A client program: {@code variable} overrides the lookup, {@code program} is the name looked for on PATH,
     * {@code fits} tells a candidate found there that will do (e.g. a docker CLI of the right version),
     * {@code install} says what provides it, for the failure message.
     */
    private record Client(String variable, String program, String install, Predicate<Path> fits) {
        String path() {
            return FOUND.computeIfAbsent(this, Client::find);
        }

        private String find() {
            String configured = System.getenv(variable);
            if (configured != null && !configured.isBlank()) {
                // Taken as it is: whoever sets the variable chose this program.
                return executable(configured).map(Path::toString).orElseThrow(() -> new AssertionError(
                        variable + "=" + configured + " is not an executable file (nor one on PATH)"));
            }
            List<Path> candidates = onPath(program);
            for (Path candidate : candidates) {
                if (fits.test(candidate)) {
                    return candidate.toString();
                }
            }
            throw new AssertionError("no " + program + " for the tests: " + install + " is needed; install it, or set "
                    + variable + " to its path (" + (candidates.isEmpty() ? "none on PATH"
                    : "none of those on PATH fits: " + candidates) + ")");
        }
    }

    private static Optional<Path> executable(String nameOrPath) {
        if (nameOrPath.contains("/")) {
            Path path = Path.of(nameOrPath);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path)
                    : Optional.empty();
        }
        return onPath(nameOrPath).stream().findFirst();
    }

    /** Every executable called {@code program} on PATH, in PATH's order, each file once (/bin may be /usr/bin). */
    private static List<Path> onPath(String program) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Path> found = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    if (seen.add(candidate.toRealPath())) {
                        found.add(candidate);
                    }
                } catch (IOException e) {
                    // vanished between the checks: not a candidate
                }
            }
        }
        return found;
    }

    /** The version a docker CLI reports of itself ({@code --version} asks no daemon), if it is one. */
    private static boolean imports(Path python, String module) {
        return Run.run(Map.of(), null, List.of(python.toString(), "-c", "import " + module)).exitCode() == 0;
    }

    private static Optional<String> dockerVersion(Path docker) {
        Run.Result result = Run.run(Map.of(), null, List.of(docker.toString(), "--version"));
        Matcher version = DOCKER_VERSION.matcher(result.out());
        return result.exitCode() == 0 && version.find() ? Optional.of(version.group(1)) : Optional.empty();
    }
}
