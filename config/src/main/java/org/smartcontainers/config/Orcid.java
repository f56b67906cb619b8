package org.smartcontainers.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ORCID iD, checked locally (no network): four groups of four characters, digits but for a
 * final {@code X}, whose last character is the ISO 7064 MOD 11-2 check digit of the other fifteen.
 * Kept as its IRI, {@code https://orcid.org/0000-0002-1825-0097}.
 */
public record Orcid(String iri) {
    public static final String PREFIX = "https://orcid.org/";
    private static final Pattern FORM = Pattern.compile("(\\d{4})-(\\d{4})-(\\d{4})-(\\d{3}[\\dX])");
    private static final Pattern URL = Pattern.compile("https?://(www\\.)?orcid\\.org/(.*)");

    public Orcid {
        if (iri == null || !iri.startsWith(PREFIX)) {
            throw new ConfigException("an ORCID iD is kept as " + PREFIX + "…, got " + iri);
        }
    }

    /** Takes {@code 0000-0002-1825-0097} or {@code https://orcid.org/0000-0002-1825-0097}. */
    public static Orcid parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("the ORCID iD is empty");
        }
        String id = text.trim();
        Matcher url = URL.matcher(id);
        if (url.matches()) {
            id = url.group(2);
        }
        id = id.toUpperCase(Locale.ROOT);
        if (!FORM.matcher(id).matches()) {
            throw new ConfigException("'" + text.trim() + "' is not an ORCID iD: expected four groups of four digits"
                    + " joined by '-', the last character a digit or X, e.g. 0000-0002-1825-0097"
                    + " (or the same after https://orcid.org/)");
        }
        char expected = checkDigit(id.replace("-", "").substring(0, 15));
        char given = id.charAt(id.length() - 1);
        if (given != expected) {
            throw new ConfigException("'" + text.trim() + "' is not a valid ORCID iD: its check digit is " + given
                    + " but the other digits need " + expected + " (a typing error?)");
        }
        return new Orcid(PREFIX + id);
    }

    /** ISO 7064 MOD 11-2 over the first fifteen digits; 10 is written X. */
    static char checkDigit(String fifteenDigits) {
        int total = 0;
        for (char c : fifteenDigits.toCharArray()) {
            total = (total + (c - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        return result == 10 ? 'X' : (char) ('0' + result);
    }

    /** {@code 0000-0002-1825-0097}. */
    public String id() {
        return iri.substring(PREFIX.length());
    }

    @Override
    public String toString() {
        return iri;
    }
}
