package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.testsupport.Run;

/** {@code bin/sc} as a user runs it. */
class LauncherTest {
    private static Run.Result sc(String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.repo().resolve("bin/sc").toString()));
        command.addAll(List.of(args));
        return Run.run(Map.of(), null, command);
    }

    @Test
    void versionAndHelp() {
        assertTrue(sc("version", "--client").ok().out().matches("sc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)"));
        String help = sc("daemon", "--help").ok().stdout();
        for (String flag : List.of("--listen", "--docker", "--store", "--http", "--config-dir", "--socket-mode",
                "--socket-group", "--shutdown-timeout", "--log-level")) {
            assertTrue(help.contains(flag), flag + " is documented in sc daemon --help");
        }
        assertTrue(sc("version", "--help").ok().stdout().contains("Usage: version"));
    }

    @Test
    void misuseSaysWhatIsWrong() {
        Run.Result unknown = sc("daemon", "--bogus");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("sc: ") && unknown.stderr().contains("--bogus"), unknown.stderr());
        Run.Result badMode = sc("daemon", "--socket-mode", "rwx", "--listen", "/tmp/never.sock");
        assertEquals(2, badMode.exitCode());
        assertTrue(badMode.stderr().contains("socket mode must be octal"), badMode.stderr());
    }
}
