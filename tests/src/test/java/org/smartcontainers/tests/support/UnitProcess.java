package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service unit's {@code ExecStart} run as systemd would run it: its command line and environment from the unit
 * and its environment file, nothing inherited but a plain {@code PATH} (systemd gives services no more).
 */
public final class UnitProcess implements AutoCloseable {
    private static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private final Process process;
    private final Path log;

    private UnitProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a system unit's command and waits until {@code socket} appears. */
    public static UnitProcess start(Path unitFile, Path socket, Path log) {
        return start(SystemdUnit.read(unitFile), Map.of(), socket, log);
    }

    /**
     * Starts the unit's command with what its manager adds to the environment ({@code managerEnv}: a user
     * manager's HOME and XDG_RUNTIME_DIR) and waits until {@code socket} appears.
     */
    public static UnitProcess start(SystemdUnit unit, Map<String, String> managerEnv, Path socket, Path log) {
        Map<String, String> env = new LinkedHashMap<>(managerEnv);
        env.putAll(unit.environment());
        List<String> command = unit.execStart(env);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", SYSTEMD_PATH);
        builder.environment().putAll(env);
        try {
            UnitProcess started = new UnitProcess(builder.start(), log);
            for (int i = 0; i < 600 && !Files.exists(socket); i++) {
                if (!started.process.isAlive()) {
                    throw new AssertionError(command + " exited (" + started.process.exitValue() + "):\n" + started.log());
                }
                Thread.sleep(100);
            }
            if (!Files.exists(socket)) {
                started.close();
                throw new AssertionError(command + " made no " + socket + " in 60 s:\n" + started.log());
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The unit's main process: the JVM, which bin/sc execs. */
    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as systemctl stop sends; the daemon's exit status. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the daemon did not stop on SIGTERM within 60 s:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Killed, and waited for: the next daemon may need its store's lock. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
