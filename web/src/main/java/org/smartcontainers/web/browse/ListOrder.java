package org.smartcontainers.web.browse;

import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.resources.Kind;

/**
 * Which members a container page lists, newest first: images by when they were made (built, committed,
 * imported, loaded or pulled), containers by when they were created, activities by when they started (or
 * ended, for a run whose start was not seen); agents by IRI. Unknown times come last, ties by IRI. Asked of
 * the store: one query counts, one picks the page (LIMIT/OFFSET), both over each member once. The unfiltered
 * order is usually served by {@link ListIndex}, which reads the same times with {@link #timesQuery}.
 */
final class ListOrder {
    private static final String PROV = Vocab.PROV_NS;
    /** What brings an image to an engine without making it anew: its time is when it came. */
    private static final String ORIGINS = "VALUES ?origin { <" + Vocab.Docker.ImagePull.getURI() + "> <"
            + Vocab.Docker.ImageLoad.getURI() + "> <" + Vocab.Docker.ImageImport.getURI() + "> }";

    private final ProvenanceStore store;
    private final Kind kind;

    ListOrder(ProvenanceStore store, Kind kind) {
        this.store = store;
        this.kind = kind;
    }

    long count(ActivityFilter filter) {
        return store.select(countQuery(filter)).next().getLiteral("n").getLong();
    }

    /** The IRIs of the members on one page, in order. */
    List<String> page(ActivityFilter filter, long offset, int size) {
        List<String> page = new ArrayList<>();
        store.select(pageQuery(filter, offset, size)).forEachRemaining(row -> page.add(row.getResource("member").getURI()));
        return page;
    }

    String countQuery(ActivityFilter filter) {
        return "SELECT (COUNT(DISTINCT ?member) AS ?n) WHERE { " + members("") + filtered(filter, filter.hasTimeRange()) + " }";
    }

    String pageQuery(ActivityFilter filter, long offset, int size) {
        String query = kind == Kind.AGENTS
                ? "SELECT ?member WHERE { " + members("") + " } ORDER BY ?member"
                : "SELECT ?member (MIN(?t) AS ?when) WHERE { " + members("") + filtered(filter, true)
                + " } GROUP BY ?member ORDER BY DESC(?when) ?member";
        return query + " LIMIT " + size + " OFFSET " + offset;
    }

    /**
     * The filter on the activity it is about (an activity itself; for an image or a container, the one that made or
     * brought it), and, {@code timed}, {@code ?t} bound to the member's time (the matching activity's, when filtered).
     */
    private String filtered(ActivityFilter filter, boolean timed) {
        if (filter.isEmpty()) {
            return timed ? time() : "";
        }
        return switch (kind) {
            case ACTIVITIES -> filter.patterns("?member") + (timed ? time() + filter.timeFilter() : "");
            case IMAGES -> " { ?member <" + PROV + "wasGeneratedBy> ?made } UNION { " + ORIGINS + " ?made <" + PROV + "used> ?member ;"
                    + " a ?origin }" + filter.patterns("?made") + (timed ? madeTime() + filter.timeFilter() : "");
            case CONTAINERS -> " ?member <" + PROV + "wasGeneratedBy> ?made ." + filter.patterns("?made")
                    + (timed ? madeTime() + filter.timeFilter() : "");
            case AGENTS -> throw new IllegalArgumentException("agents are not filtered");
        };
    }

    private static String madeTime() {
        return " OPTIONAL { ?made <" + PROV + "startedAtTime> ?t }";
    }

    /**
     * Each member with its time ({@code ?when}, unbound where unknown): every member, or those {@code values}
     * ({@code VALUES ?member {…}}) names that are members. Not for agents, which are listed by IRI.
     */
    String timesQuery(String values) {
        return "SELECT ?member (MIN(?t) AS ?when) WHERE { " + members(values) + time() + " } GROUP BY ?member";
    }

    /** Each member once, before anything is joined to it (a member is typed in many records). */
    private String members(String values) {
        return "{ SELECT DISTINCT ?member WHERE { " + values + kind.memberPattern() + " } }";
    }

    /** Binds {@code ?t} to the member's time where it is known. */
    private String time() {
        return switch (kind) {
            case IMAGES -> " OPTIONAL { { ?member <" + PROV + "wasGeneratedBy> ?made }"
                    + " UNION { " + ORIGINS + " ?made <" + PROV + "used> ?member ; a ?origin }"
                    + " ?made <" + PROV + "startedAtTime> ?t }";
            case CONTAINERS -> " OPTIONAL { ?member <" + PROV + "wasGeneratedBy>/<" + PROV + "startedAtTime> ?t }";
            // A UNION rather than the path start|end: measured a little faster over 40,000 activities.
            case ACTIVITIES -> " OPTIONAL { { ?member <" + PROV + "startedAtTime> ?t } UNION { ?member <" + PROV + "endedAtTime> ?t } }";
            case AGENTS -> "";
        };
    }

    static String origins() {
        return ORIGINS;
    }
}
