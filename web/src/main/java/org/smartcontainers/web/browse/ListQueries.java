package org.smartcontainers.web.browse;

import java.util.List;
import org.smartcontainers.web.resources.Kind;

/**
 * The SPARQL an unfiltered list page asks of a store that keeps no {@link ListIndex}: how many members, which
 * are on the page, and what the page shows of them. For comparing this server with a SPARQL server (bench/run).
 */
public final class ListQueries {
    private ListQueries() {
    }

    /** {@code ?n}: how many members. */
    public static String count(Kind kind) {
        return new ListOrder(null, kind).countQuery(ActivityFilter.NONE);
    }

    /** {@code ?member}: the members on the page, in order. */
    public static String page(Kind kind, long offset, int size) {
        return new ListOrder(null, kind).pageQuery(ActivityFilter.NONE, offset, size);
    }

    /** What the page shows of its members. */
    public static String summaries(Kind kind, List<String> members) {
        return ListSummaries.query(kind, members);
    }
}
