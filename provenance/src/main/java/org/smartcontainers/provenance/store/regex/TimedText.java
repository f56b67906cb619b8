package org.smartcontainers.provenance.store.regex;

import org.apache.jena.query.QueryCancelledException;

/**
 * The text a regular expression is matched against, watching the query's deadline. A
 * java.util.regex matcher reads its text through {@link #charAt} at every step, backtracking
 * included, so this is the one place a match that would run for minutes can be stopped.
 */
final class TimedText implements CharSequence {
    /** The clock is read every 4096 characters: microseconds apart, a few nanoseconds a match. */
    private static final int CHECK_MASK = (1 << 12) - 1;

    private final String text;
    private final Deadline deadline;
    private int reads;

    TimedText(String text, Deadline deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & CHECK_MASK) == 0 && deadline.passed()) {
            throw new QueryCancelledException(); // what Jena throws when a query's time is up
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** A group, or the text between matches: read once, no need to watch it. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
