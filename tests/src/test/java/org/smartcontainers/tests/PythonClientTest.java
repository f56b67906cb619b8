package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.PythonClientSuite;

/**
 * The Python client ({@code clients/python}, package {@code smartcontainers}) pip-installed from the
 * repository into a virtual environment, and its pytest suite run against our daemon in front of the
 * test Docker, once with each docker-py: bookworm's 5 and trixie's 7. pytest's output and JUnit XML
 * stay in {@code tests/target/python-client/}.
 */
class PythonClientTest {
    /** The suite's size when this was written: a run that collects fewer lost tests on the way. */
    private static final int AT_LEAST = 26;
    private static PythonClientSuite suite;

    @BeforeAll
    static void install() {
        suite = PythonClientSuite.install();
    }

    @Test
    void theSuitePassesWithDebianBookwormsDockerPy5() {
        try (ProxyProcess proxy = ProxyProcess.start()) {
            PythonClientSuite.Outcome outcome = suite.run("docker-py5", proxy.dockerHost(), "");
            assertPassed(outcome, "5.", null);
        }
    }

    @Test
    void theSuitePassesWithDockerPy7FirstOnPythonPath() {
        Path dockerPy7 = PythonClientSuite.dockerPy7();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            PythonClientSuite.Outcome outcome = suite.run("docker-py7", proxy.dockerHost(), dockerPy7.toString());
            assertPassed(outcome, "7.", dockerPy7);
        }
    }

    private static void assertPassed(PythonClientSuite.Outcome outcome, String dockerPy, Path dockerPyDir) {
        String output = "\npytest's output:\n" + outcome.output();
        assertEquals(0, outcome.exitCode(), "pytest failed" + output);
        assertTrue(outcome.dockerPyVersion().startsWith(dockerPy), "ran with docker-py " + outcome.dockerPyVersion() + output);
        if (dockerPyDir != null) {
            assertEquals(dockerPyDir.resolve("docker").toString(), outcome.dockerPyPath(), output);
        }
        assertTrue(outcome.packagePath().startsWith(suite.venv().toString()),
                "smartcontainers came from " + outcome.packagePath() + ", not the package pip installed" + output);
        assertEquals(Map.of("passed", outcome.passed()), outcome.counts(), "nothing failed, skipped or left out" + output);
        assertTrue(outcome.passed() >= AT_LEAST, outcome.passed() + " tests ran" + output);
        System.out.println("PythonClientTest: docker-py " + outcome.dockerPyVersion() + ": " + outcome.passed() + " passed");
    }
}
