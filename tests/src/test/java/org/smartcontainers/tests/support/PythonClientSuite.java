package org.smartcontainers.tests.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.file.PathUtils;
import org.smartcontainers.testsupport.Run;

/**
 * The Python client's pytest suite ({@code clients/python/tests}) as a user runs it: the package
 * installed with pip into a virtual environment that sees the system's docker-py and pytest, then
 * pytest against a daemon, with docker-py 5 (the interpreter's own: Debian bookworm's
 * {@code python3-docker}) or docker-py 7 (Debian trixie's, unpacked by {@code tests/run} into
 * {@code tests/docker-py7}, first on {@code PYTHONPATH}). Nothing missing is skipped: it fails, saying what to install.
 */
public final class PythonClientSuite {
    /** An interpreter with pytest, venv and docker-py 5; else the first such python3 on PATH. */
    public static final String PYTHON_ENV = "SC_TEST_PYTEST_PYTHON";
    /** A directory holding docker-py 7's {@code docker} package; else {@code tests/docker-py7}'s dist-packages. */
    public static final String DOCKER_PY7_ENV = "SC_TEST_DOCKER_PY7";
    private static final Pattern HEADER = Pattern.compile(
            "^smartcontainers-test: docker-py (\\S+) \\((.*)\\); smartcontainers (\\S+) \\((.*)\\)$", Pattern.MULTILINE);
    private static final Pattern OUTCOME = Pattern.compile("(\\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)");

    private final Path dir;
    private final Path venvPython;

    private PythonClientSuite(Path dir, Path venvPython) {
        this.dir = dir;
        this.venvPython = venvPython;
    }

    /** A fresh virtual environment in {@code tests/target/python-client} with the package pip-installed from the repository. */
    public static PythonClientSuite install() {
        String python = python();
        Path dir = Paths.repo().resolve("tests/target/python-client");
        Path venv = dir.resolve("venv");
        try {
            PathUtils.deleteDirectory(venv);
        } catch (NoSuchFileException none) {
            // a first run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run.run(Map.of(), null, List.of(python, "-m", "venv", "--system-site-packages", venv.toString()), null).ok();
        Path venvPython = venv.resolve("bin/python");
        // --no-index: no network; --no-build-isolation: the system's setuptools builds it.
        Run.run(Map.of("PIP_DISABLE_PIP_VERSION_CHECK", "1"), null, List.of(venvPython.toString(), "-m", "pip", "install",
                "--no-index", "--no-build-isolation", "--no-cache-dir", Paths.repo().resolve("clients/python").toString())).ok();
        return new PythonClientSuite(dir, venvPython);
    }

    public Path venv() {
        return venvPython.getParent().getParent();
    }

    /** docker-py 7's directory for PYTHONPATH: fails, saying how to get it, when it is not there. */
    public static Path dockerPy7() {
        String configured = System.getenv(DOCKER_PY7_ENV);
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : Paths.repo().resolve("tests/docker-py7/usr/lib/python3/dist-packages");
        if (!Files.isRegularFile(path.resolve("docker/version.py"))) {
            throw new AssertionError("no docker-py 7 at " + path + ": tests/run unpacks Debian trixie's python3-docker into"
                    + " tests/docker-py7 (tests/scripts/docker-py7.sh), or set " + DOCKER_PY7_ENV + " to a directory holding its docker package");
        }
        return path;
    }

    /** pytest over the suite against the daemon at {@code dockerHost}; {@code pythonPath} empty for the interpreter's own docker-py. */
    public Outcome run(String label, String dockerHost, String pythonPath) {
        Path junit = dir.resolve("pytest-" + label + ".xml");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCKER_HOST", dockerHost);
        env.put("SC_TEST_BASE_IMAGE", DockerSocket.BASE_IMAGE);
        env.put("PYTHONPATH", pythonPath);
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // nothing written into the repository's tests
        List<String> command = List.of(venvPython.toString(), "-m", "pytest", "-p", "no:cacheprovider", "-v", "-rA",
                "--junitxml=" + junit, Paths.repo().resolve("clients/python/tests").toString());
        // Run from target/: `python -m` puts the working directory on sys.path, and the repository's
        // root has a `docker` directory (the Java module) that would shadow docker-py.
        Run.Result result = Run.run(env, null, command, dir);
        String output = result.stdout() + result.stderr();
        try {
            Files.writeString(dir.resolve("pytest-" + label + ".txt"), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Outcome.of(result.exitCode(), output);
    }

    /** What a pytest run said: its exit code, its whole output, its counts, and the versions its header named. */
    public record Outcome(int exitCode, String output, Map<String, Integer> counts, String dockerPyVersion,
            String dockerPyPath, String packagePath) {
        static Outcome of(int exitCode, String output) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            String summary = output.lines().filter(line -> line.startsWith("=") && line.contains(" in "))
                    .reduce((first, second) -> second).orElse("");
            Matcher outcome = OUTCOME.matcher(summary);
            while (outcome.find()) {
                counts.put(outcome.group(2).equals("errors") ? "error" : outcome.group(2), Integer.parseInt(outcome.group(1)));
            }
            Matcher header = HEADER.matcher(output);
            boolean found = header.find();
            return new Outcome(exitCode, output, counts, found ? header.group(1) : "", found ? header.group(2) : "",
                    found ? header.group(4) : "");
        }

        public int passed() {
            return counts.getOrDefault("passed", 0);
        }
    }

    private static String python() {
        String configured = System.getenv(PYTHON_ENV);
        List<String> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
                if (Files.isExecutable(candidate)) {
                    candidates.add(candidate.toString());
                }
            }
        }
        for (String candidate : candidates) {
            Run.Result fits = Run.run(Map.of("PYTHONPATH", ""), null, List.of(candidate, "-c",
                    "import docker, pytest, venv, ensurepip; assert docker.__version__.startswith('5.')"), Path.of("/"));
            if (fits.exitCode() == 0) {
                return candidate;
            }
        }
        throw new AssertionError("no python3 for the Python client's tests: one with docker-py 5, pytest and venv is needed"
                + " (Debian bookworm's python3-docker, python3-pytest, python3-venv; tests/run installs them), or set "
                + PYTHON_ENV + " to it (tried: " + (candidates.isEmpty() ? "none on PATH" : candidates) + ")");
    }

}
