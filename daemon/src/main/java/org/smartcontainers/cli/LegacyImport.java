package org.smartcontainers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * How the person of a legacy {@code sc.config} takes the default person's place. The same person (by
 * ORCID iD, else e-mail address, else name) is updated: what the file lacks stays. Anyone else replaces
 * them whole, with an id of their own: field by field, an import once named one person by another's
 * name with a second one's given name and ORCID iD.
 */
final class LegacyImport {
    private LegacyImport() {
    }

    /** Puts {@code imported} in {@code config}'s "agent"; says what it did, for the user. */
    static String apply(ObjectNode config, ObjectNode imported) {
        JsonNode stored = config.path("agent");
        if (!stored.isObject() || isNobody(stored)) {
            config.set("agent", imported);
            return "as the default person";
        }
        if (samePerson(stored, imported)) {
            ObjectNode agent = (ObjectNode) stored;
            imported.fields().forEachRemaining(field -> agent.set(field.getKey(), field.getValue()));
            return "as the default person (the same person: what the file lacks is kept)";
        }
        String before = displayName(stored);
        config.set("agent", imported); // without the id: the config store gives them their own
        return "as the default person, in place of " + (before == null ? "the one stored" : before)
                + " (someone else: nothing of theirs is kept)";
    }

    static boolean samePerson(JsonNode stored, JsonNode imported) {
        String storedOrcid = text(stored, "orcid");
        String importedOrcid = text(imported, "orcid");
        if (storedOrcid != null && importedOrcid != null) {
            return storedOrcid.equalsIgnoreCase(importedOrcid);
        }
        String storedEmail = text(stored, "email");
        String importedEmail = text(imported, "email");
        if (storedEmail != null && importedEmail != null) {
            return storedEmail.equalsIgnoreCase(importedEmail);
        }
        String storedName = displayName(stored);
        String importedName = displayName(imported);
        return storedName != null && importedName != null
                && normalized(storedName).equals(normalized(importedName));
    }

    private static boolean isNobody(JsonNode agent) {
        for (String field : new String[] {"name", "givenName", "familyName", "email", "affiliation", "homepage", "orcid"}) {
            if (text(agent, field) != null) {
                return false;
            }
        }
        return true;
    }

    /** The name, else given and family name: what a person is called. */
    private static String displayName(JsonNode agent) {
        String name = text(agent, "name");
        if (name != null) {
            return name;
        }
        String given = text(agent, "givenName");
        String family = text(agent, "familyName");
        return given == null && family == null ? null : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    }

    private static String normalized(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode agent, String field) {
        JsonNode value = agent.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
