package org.smartcontainers.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A person the records name: who acts through the proxy. Every field may be absent; what is
 * given is checked (an e-mail address, an absolute http(s) home page, an ORCID iD) and the ORCID iD
 * is kept as its IRI.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Agent(String name, String givenName, String familyName, String email, String affiliation,
        String homepage, String orcid) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static final Agent NOBODY = new Agent(null, null, null, null, null, null, null);

    /** Checked and normalised (the ORCID iD as an IRI), or {@link ConfigException} saying what is wrong. */
    public Agent validated() {
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
        return new Agent(blankToNull(name), blankToNull(givenName), blankToNull(familyName), email,
                blankToNull(affiliation), homepage, orcidIri);
    }

    /** This agent with every field {@code other} gives replacing ours: the next layer wins. */
    public Agent overriddenBy(Agent other) {
        if (other == null) {
            return this;
        }
        return new Agent(pick(other.name, name), pick(other.givenName, givenName), pick(other.familyName, familyName),
                pick(other.email, email), pick(other.affiliation, affiliation), pick(other.homepage, homepage),
                pick(other.orcid, orcid));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return equals(NOBODY);
    }

    private static String pick(String preferred, String otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
