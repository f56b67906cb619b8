package org.smartcontainers.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The running daemon's configuration: the stored file with the environment and the command line
 * laid over it ({@link ConfigLayers}). A replacement is validated before anything is written, so
 * an invalid one changes nothing; records made after a replacement name the new people. Each
 * configured person is given an id when stored without one, kept from then on
 * ({@link Agent#identifiedAfter}); a file written before ids is given them, and rewritten, when opened.
 */
public final class ConfigStore {
    private final Path directory;
    private final Map<String, String> env;
    private final Agent commandLine;
    private ScConfig stored;
    private volatile ScConfig effective;

    private ConfigStore(Path directory, Map<String, String> env, Agent commandLine, ScConfig stored) {
        this.directory = directory;
        this.env = Map.copyOf(env);
        this.commandLine = commandLine;
        this.stored = stored;
        this.effective = ConfigLayers.resolve(stored, env, commandLine);
    }

    /** Reads the file in {@code directory} (none yet: an empty config) and applies the layers over it. */
    public static ConfigStore open(Path directory, Map<String, String> env, Agent commandLine) throws IOException {
        ScConfig read = ConfigFile.read(directory);
        ScConfig identified = read.identifiedAfter(read);
        if (!identified.equals(read)) {
            try {
                ConfigFile.write(directory, identified);
            } catch (IOException e) {
                // Ids kept in memory alone would change at each start, and with them the people's IRIs.
                throw new IOException("cannot give the people in " + directory.resolve(ConfigFile.NAME)
                        + " their ids (" + e + "): the records name people by them, so the file must be writable", e);
            }
        }
        return new ConfigStore(directory, env, commandLine == null ? Agent.NOBODY : commandLine, identified);
    }

    public Path directory() {
        return directory;
    }

    /** What applies now: file &lt; environment &lt; command line. */
    public ScConfig effective() {
        return effective;
    }

    /** What the file holds, without the layers over it. */
    public synchronized ScConfig stored() {
        return stored;
    }

    /** Validates {@code replacement}, writes it to the file, and applies it; returns what applies now. */
    public synchronized ScConfig replace(ScConfig replacement) throws IOException {
        ScConfig valid = replacement.validated().identifiedAfter(stored);
        ScConfig layered = ConfigLayers.resolve(valid, env, commandLine); // fails before the file is touched
        ConfigFile.write(directory, valid);
        stored = valid;
        effective = layered;
        return layered;
    }
}
