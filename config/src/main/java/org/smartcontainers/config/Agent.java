package org.smartcontainers.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A person the records name: who acts through the proxy. Every field may be absent; what is
 * given is checked (an e-mail address, an absolute http(s) home page, an ORCID iD, an id) and the
 * ORCID iD is kept as its IRI.
 *
 * @param id the person's own local identifier, a UUID the config store gives each configured
 *           person ({@link #identifiedAfter}) and keeps: the records name someone without an
 *           ORCID iD by it, so a rename keeps their IRI and two people of one name have two
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Agent(String id, String name, String givenName, String familyName, String email, String affiliation,
        String homepage, String orcid) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UUID_FORM = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

    /** The longest value a field may have. */
    public static final int MAX_LENGTH = 1000;

    public static final Agent NOBODY = new Agent(null, null, null, null, null, null, null);

    /** A person without an id yet: the config store gives them one when it stores them. */
    public Agent(String name, String givenName, String familyName, String email, String affiliation, String homepage,
            String orcid) {
        this(null, name, givenName, familyName, email, affiliation, homepage, orcid);
    }

    /** Checked and normalised (the ORCID iD as an IRI), or {@link ConfigException} saying what is wrong. */
    public Agent validated() {
        String[][] fields = {{"id", id}, {"name", name}, {"givenName", givenName}, {"familyName", familyName},
                {"email", email}, {"affiliation", affiliation}, {"homepage", homepage}, {"orcid", orcid}};
        for (String[] field : fields) {
            if (field[1] != null && field[1].length() > MAX_LENGTH) {
                // Each goes into every record the person makes: a mistake, not a name.
                throw new ConfigException(field[0] + " is " + field[1].length() + " characters long; at most " + MAX_LENGTH);
            }
        }
        String checkedId = blankToNull(id);
        if (checkedId != null && !UUID_FORM.matcher(checkedId).matches()) {
            throw new ConfigException("'" + id + "' is not a person's id: an id is a UUID such as"
                    + " 5f0c3b1e-8d2a-4c6f-9b7e-2a1d4e6f8c90 (leave it out and the config store gives one)");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new ConfigException("'" + email + "' is not an e-mail address");
        }
        if (homepage != null) {
            try {
                URI uri = new URI(homepage);
                if (!uri.isAbsolute() || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new ConfigException("the home page must be an http(s) URL, got '" + homepage + "'");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException("the home page '" + homepage + "' is not a URL: " + e.getReason());
            }
        }
        String orcidIri = orcid == null ? null : Orcid.parse(orcid).iri();
        return new Agent(checkedId == null ? null : checkedId.toLowerCase(Locale.ROOT), blankToNull(name),
                blankToNull(givenName), blankToNull(familyName), email, blankToNull(affiliation), homepage, orcidIri);
    }

    /**
     * This agent with every field {@code other} gives replacing ours: the next layer wins. The
     * environment and the flags give no id, so the stored one stays: a name they change is a rename.
     */
    public Agent overriddenBy(Agent other) {
        if (other == null) {
            return this;
        }
        return new Agent(pick(other.id, id), pick(other.name, name), pick(other.givenName, givenName),
                pick(other.familyName, familyName), pick(other.email, email), pick(other.affiliation, affiliation),
                pick(other.homepage, homepage), pick(other.orcid, orcid));
    }

    /** Nobody: no field given (an id alone names no one). */
    @JsonIgnore
    public boolean isEmpty() {
        return withId(null).equals(NOBODY);
    }

    /**
     * This agent as the config store keeps it, {@code before} being who held its place until now:
     * with its own id if it has one; else, when it is the same person as {@code before} (the same
     * ORCID iD, or the same e-mail address, case aside), with theirs; else with a new one. A new id
     * is the UUID of the e-mail address, so a person known by it keeps the IRI records gave them
     * before ids, or else a random UUID. Nobody (an empty agent) has no id.
     */
    Agent identifiedAfter(Agent before) {
        if (isEmpty()) {
            return withId(null);
        }
        if (id != null) {
            return this;
        }
        if (before != null && before.id != null && !before.isEmpty()
                && (orcid != null && orcid.equals(before.orcid) || email != null && email.equalsIgnoreCase(before.email))) {
            return withId(before.id);
        }
        UUID fresh = email != null ? UUID.nameUUIDFromBytes(("mailto:" + email).getBytes(StandardCharsets.UTF_8))
                : UUID.randomUUID();
        return withId(fresh.toString());
    }

    private Agent withId(String newId) {
        return new Agent(newId, name, givenName, familyName, email, affiliation, homepage, orcid);
    }

    private static String pick(String preferred, String otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
