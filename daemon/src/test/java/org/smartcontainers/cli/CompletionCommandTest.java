package org.smartcontainers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, read and run by a real bash. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    private static String sc(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        return output.strip();
    }

    /** What bash offers after {@code sc WORDS…} (the last word is the one being completed). */
    private String completions(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder("sc");
        for (String word : words) {
            array.append(" '").append(word).append("'");
        }
        return bash("source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + words.length
                + "; _sc; printf '%s\\n' \"${COMPREPLY[@]}\" | sort | paste -sd ' '");
    }

    @Test
    void bashReadsTheScriptAndCompletesCommandsActionsAndOptions() throws Exception {
        Path script = Files.writeString(dir.resolve("sc.bash"), sc("completion", "bash"));
        bash("bash -n " + script);
        assertEquals("label lineage", completions(script, "l"));
        assertEquals("set show", completions(script, "config", "s"));
        assertEquals("set show", completions(script, "--host", "/x.sock", "config", "s"), "--host's value skipped");
        assertEquals("--container", completions(script, "lineage", "--c"));
        assertEquals("--file --format", completions(script, "query", "--f"));
        assertTrue(bash("source " + script + "; complete -p sc").contains("-F _sc"), "registered for sc");
    }

    @Test
    void zshScriptNamesEveryCommandAndItsOptions() {
        String zsh = sc("completion", "zsh");
        assertTrue(zsh.startsWith("#compdef sc\n"), zsh);
        for (String expected : List.of("'/lineage'", "'config/import-legacy'", "'lineage') candidates=(",
                "--container", "'query') candidates=(", "--file", "--format", "compdef _sc sc")) {
            assertTrue(zsh.contains(expected), expected + " in\n" + zsh);
        }
    }

    @Test
    void anUnknownShellIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Main.run(new String[] {"completion", "fish"}, Map.of(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("sc completion: give the shell: bash or zsh, not 'fish' (see sc completion --help)\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
