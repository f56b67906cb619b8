package org.smartcontainers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sc's help and usage errors, which need no daemon. */
class MainTest {
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome sc(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, Map.of("SC_HOST", "/nonexistent/sc.sock"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void usageError(String expected, String... args) {
        Outcome outcome = sc(args);
        assertEquals(2, outcome.status(), List.of(args) + ": " + outcome);
        assertEquals(expected + "\n", outcome.err(), List.of(args).toString());
        assertEquals("", outcome.out());
    }

    @Test
    void usageErrorsAreInPlainWordsWithStatus2() {
        usageError("sc lineage: missing IMAGE|CONTAINER (see sc lineage --help)", "lineage");
        usageError("sc lineage: takes one argument, IMAGE|CONTAINER; got 2 (see sc lineage --help)", "lineage", "a", "b");
        usageError("sc label put: takes 2 arguments, REF FILE (FILE: JSON-LD with an inline @context; - for standard"
                + " input); got 1 (see sc label put --help)", "label", "put", "a");
        usageError("sc version: unexpected argument 'x' (it takes none) (see sc version --help)", "version", "x");
        usageError("sc version: unknown option --bogus (see sc version --help)", "version", "--bogus");
        usageError("sc: unknown command 'nope'; the commands are daemon, version, config, label, entry, infect, query,"
                + " lineage, export, context, completion (see sc --help)", "nope");
        usageError("sc config: unknown action 'nope'; the actions are show, set, import-legacy (see sc config --help)",
                "config", "nope");
        usageError("sc query: --format needs a value (see sc query --help)", "--host", "/x.sock", "query", "--format");
        usageError("sc daemon: --sparql-timeout takes a whole number, got 'x' (see sc daemon --help)",
                "daemon", "--sparql-timeout", "x");
        usageError("sc query: give the query as one argument, or --file FILE (not both) (see sc query --help)", "query");
        usageError("sc config set: nothing to set: give at least one of --orcid, --name, --given-name, --family-name,"
                + " --email, --affiliation, --homepage (see sc config set --help)", "config", "set");
    }

    @Test
    void scAloneOrAGroupAloneShowsItsHelpAsAUsageError() {
        Outcome alone = sc();
        assertEquals(2, alone.status());
        assertTrue(alone.err().startsWith("sc: record and query") && alone.err().contains("  lineage "), alone.err());
        Outcome config = sc("config");
        assertEquals(2, config.status());
        assertTrue(config.err().contains("Actions:\n  show "), config.err());
    }

    @Test
    void helpIsShortWithExamples() {
        Outcome top = sc("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("Usage: sc [--host PATH] COMMAND [options]") && top.out().contains("Examples:\n  sc "),
                top.out());
        top.out().lines().forEach(line -> assertTrue(line.length() <= 100, "one line a command: " + line));
        for (String[] args : List.of(new String[] {"lineage", "--help"}, new String[] {"config", "set", "--help"},
                new String[] {"daemon", "--help"}, new String[] {"query", "-h"}, new String[] {"export", "--help"})) {
            Outcome help = sc(args);
            assertEquals(0, help.status(), List.of(args).toString());
            String path = String.join(" ", List.of(args).subList(0, args.length - 1));
            assertTrue(help.out().startsWith("sc " + path + ": "), help.out());
            assertTrue(help.out().contains("\nExample") && help.out().contains("\n  sc " + path), help.out());
            assertTrue(help.out().lines().count() < 60, "short: " + help.out());
            help.out().lines().forEach(line -> assertTrue(line.length() <= 100, line));
        }
        Outcome lineage = sc("lineage", "--help");
        assertTrue(lineage.out().contains("Usage: lineage [options] IMAGE|CONTAINER\n"), lineage.out());
        assertTrue(lineage.out().contains("  --container\n"), lineage.out());
        assertFalse(sc("daemon", "--help").out().contains("\n  --agent-email"), "hidden options stay hidden");
    }

    @Test
    void everyCommandAndActionHasAnExample() {
        for (String path : List.of("daemon", "version", "config", "config show", "config set", "config import-legacy",
                "label", "label get", "label put", "entry", "infect", "query", "lineage", "export", "context", "completion")) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.add("--help");
            Outcome help = sc(args.toArray(String[]::new));
            assertEquals(0, help.status(), path);
            assertTrue(help.out().matches("(?s).*\nExamples?:\n  sc " + path + "\\b.*"), path + ":\n" + help.out());
        }
    }
}
