package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigDirectory;
import org.smartcontainers.config.ConfigException;
import org.smartcontainers.config.LegacyConfig;

/** {@code sc config show|set|import-legacy}: the daemon's config store, through its socket. */
final class ConfigCommands {
    private ConfigCommands() {
    }

    /**
     * Reads the stored config (the file, not the layers over it, which must not be written into
     * it), changes it, writes it back and prints what applies now. The daemon refuses an invalid one.
     */
    private static void changeStored(ApiClient client, PrintStream out, Function<ObjectNode, String> change) {
        ObjectNode stored = (ObjectNode) client.json("GET", "/sc/v1/config?layer=stored", null);
        String done = change.apply(stored);
        JsonNode now = client.json("PUT", "/sc/v1/config", stored);
        out.println(done + "; the config now applies as:");
        out.println(now.toPrettyString());
    }

    @Parameters(commandDescription = "Print the config that applies now (the file, with the daemon's environment"
            + " and flags over it)")
    static final class Show extends ClientCommand {
        @Parameter(names = "--stored", description = "The file alone, without the layers over it")
        boolean stored;

        @Override
        void run(ApiClient client, Map<String, String> env, PrintStream out) {
            out.println(client.json("GET", "/sc/v1/config" + (stored ? "?layer=stored" : ""), null).toPrettyString());
        }
    }

    @Parameters(commandDescription = "Set who the records name: the default person, or with --user the person"
            + " for one local user. An empty value removes a field. The person keeps the id the config store gave"
            + " them, so records name them by the same IRI after a change of name")
    static final class Set extends ClientCommand {
        @Parameter(names = "--orcid", description = "ORCID iD, 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097")
        String orcid;
        @Parameter(names = "--name", description = "Full name")
        String name;
        @Parameter(names = "--given-name", description = "Given name")
        String givenName;
        @Parameter(names = "--family-name", description = "Family name")
        String familyName;
        @Parameter(names = "--email", description = "E-mail address")
        String email;
        @Parameter(names = "--affiliation", description = "Affiliation (organisation)")
        String affiliation;
        @Parameter(names = "--homepage", description = "Home page, an http(s) URL")
        String homepage;
        @Parameter(names = "--user", description = "A local uid or user name: set the person for calls from that user")
        String user;

        @Override
        void run(ApiClient client, Map<String, String> env, PrintStream out) {
            Map<String, String> given = new LinkedHashMap<>();
            put(given, "name", name);
            put(given, "givenName", givenName);
            put(given, "familyName", familyName);
            put(given, "email", email);
            put(given, "affiliation", affiliation);
            put(given, "homepage", homepage);
            put(given, "orcid", orcid);
            if (given.isEmpty()) {
                throw new UsageError("nothing to set: give at least one of --" + String.join(", --",
                        List.of("orcid", "name", "given-name", "family-name", "email", "affiliation", "homepage")));
            }
            changeStored(client, out, stored -> {
                ObjectNode agent = user == null ? stored.with("agent") : stored.with("users").with(user);
                given.forEach((field, value) -> {
                    if (value.isEmpty()) {
                        agent.remove(field);
                    } else {
                        agent.put(field, value);
                    }
                });
                return (user == null ? "default person" : "person for user " + user) + " saved";
            });
        }

        private static void put(Map<String, String> given, String field, String value) {
            if (value != null) {
                given.put(field, value.trim());
            }
        }
    }

    @Parameters(commandDescription = "Import the person from the original SmartContainers' sc.config (Turtle)")
    static final class ImportLegacy extends ClientCommand {
        @Parameter(description = "[FILE] (default: sc.config in the config directory, $SC_HOME or ~/.sc)")
        List<String> file;

        @Parameter(names = "--config-dir", description = "Where to look for sc.config. Default: $SC_HOME, else ~/.sc")
        String configDir;

        @Override
        void run(ApiClient client, Map<String, String> env, PrintStream out) {
            Path home = Path.of(System.getProperty("user.home"));
            Optional<Path> legacy = file != null && !file.isEmpty() ? Optional.of(Path.of(file.get(0)))
                    : LegacyConfig.find(ConfigDirectory.resolve(configDir, env, home), env, home);
            if (legacy.isEmpty()) {
                throw new CliException("no sc.config of the original SmartContainers found (looked in the config"
                        + " directory, $SC_HOME and ~/.sc); name one: sc config import-legacy FILE");
            }
            Agent imported;
            try {
                imported = LegacyConfig.read(legacy.get());
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            }
            ObjectNode person = ApiClient.JSON.valueToTree(imported);
            changeStored(client, out, stored -> "imported " + legacy.get() + " " + LegacyImport.apply(stored, person));
        }
    }
}
