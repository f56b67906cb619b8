package org.smartcontainers.web.browse;

import static org.smartcontainers.provenance.store.SparqlText.literal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.SparqlText;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;

/**
 * What a list is narrowed to, by the activity it is about (on {@code /activities/} each member; on {@code /images/} and
 * {@code /containers/} the activity that made or brought the member): {@code kind} (a {@code docker:} class, ImageBuild),
 * {@code person} (an ORCID iD, an agent's IRI, or a name, any case), {@code outcome} ({@code sc:outcome}), and a time
 * range ({@code since}, {@code until}: an instant or a day, both ends included). A malformed value is a 400.
 */
record ActivityFilter(String kind, String person, String outcome, Instant since, Instant until) {
    static final ActivityFilter NONE = new ActivityFilter(null, null, null, null, null);
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Pattern ORCID = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");
    private static final String ORCID_BASE = "https://orcid.org/";

    static ActivityFilter of(Request request) {
        String kind = request.param("kind");
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw HttpError.badRequest("kind must be the name of a docker: class, like ImageBuild, got '" + kind + "'");
        }
        String person = blankToNull(request.param("person"));
        String outcome = blankToNull(request.param("outcome"));
        Instant since = instant("since", request.param("since"), false);
        Instant until = instant("until", request.param("until"), true);
        if (since != null && until != null && since.isAfter(until)) {
            throw HttpError.badRequest("since (" + since + ") is after until (" + until + ")");
        }
        return new ActivityFilter(blankToNull(kind), person, outcome, since, until);
    }

    boolean isEmpty() {
        return equals(NONE);
    }

    boolean hasTimeRange() {
        return since != null || until != null;
    }

    /** Patterns on the activity {@code subject} ({@code ?member}, {@code ?made}) for the kind, person and outcome. */
    String patterns(String subject) {
        StringBuilder sparql = new StringBuilder();
        if (kind != null) {
            sparql.append(" ").append(subject).append(" a <").append(Vocab.DOCKER_NS).append(kind).append("> .");
        }
        if (person != null) {
            String iri = personIri(person);
            // The person's name from the graph that associates them: every record repeats it.
            sparql.append(iri != null
                    ? " " + subject + " <" + Vocab.PROV_NS + "wasAssociatedWith> " + SparqlText.iri(iri) + " ."
                    : " GRAPH ?personGraph { " + subject + " <" + Vocab.PROV_NS + "wasAssociatedWith> ?person . ?person <"
                    + Vocab.Foaf.name.getURI() + "> ?personName } FILTER(LCASE(STR(?personName)) = LCASE(" + literal(person) + "))");
        }
        if (outcome != null) {
            sparql.append(" ").append(subject).append(" <").append(Vocab.Sc.outcome.getURI()).append("> ?outcome FILTER(STR(?outcome) = ")
                    .append(literal(outcome)).append(")");
        }
        return sparql.toString();
    }

    /** A filter on the time {@code ?t}, empty when no range is given. */
    String timeFilter() {
        StringBuilder sparql = new StringBuilder();
        if (since != null) {
            sparql.append(" FILTER(?t >= ").append(dateTime(since)).append(")");
        }
        if (until != null) {
            sparql.append(" FILTER(?t <= ").append(dateTime(until)).append(")");
        }
        return sparql.toString();
    }

    /** The parameters as given back in paging links, {@code kind=ImageBuild&outcome=failure&}, or empty. */
    String queryPrefix() {
        StringBuilder query = new StringBuilder();
        given().forEach((name, value) -> query.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return query.toString();
    }

    /** The parameters given, by name, for the filter form. */
    Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "kind", kind);
        put(given, "person", person);
        put(given, "outcome", outcome);
        put(given, "since", since == null ? null : asGiven(since, false));
        put(given, "until", until == null ? null : asGiven(until, true));
        return given;
    }

    /** A person given by ORCID iD (bare or as its URL) or IRI; null for a name. */
    private static String personIri(String person) {
        if (ORCID.matcher(person).matches()) {
            return ORCID_BASE + person;
        }
        return person.matches("[a-z][a-z0-9+.-]*:\\S+") && Iris.safe(person) ? person : null;
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADay) {
                throw HttpError.badRequest(name + " must be an instant (2026-11-27T10:15:30Z) or a day (2026-11-27), got '"
                        + value + "'");
            }
        }
    }

    /** A day given as a day comes back as that day ({@code 2026-11-27}), not as the instant it stands for. */
    private static String asGiven(Instant instant, boolean endOfDay) {
        LocalDate day = LocalDate.ofInstant(endOfDay ? instant.plusNanos(1) : instant, ZoneOffset.UTC);
        Instant dayBoundary = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        boolean wholeDay = endOfDay ? dayBoundary.minusNanos(1).equals(instant) : dayBoundary.equals(instant);
        return !wholeDay ? instant.toString() : (endOfDay ? day.minusDays(1) : day).toString();
    }

    private static String dateTime(Instant instant) {
        return "\"" + instant + "\"^^<" + Vocab.XSD_NS + "dateTime>";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
