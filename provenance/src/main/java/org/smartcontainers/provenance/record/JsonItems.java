package org.smartcontainers.provenance.record;

/**
 * How many names and values a JSON text holds, told before it is parsed: a parser builds a tree many times
 * the text's size, and what a record is made from must fit the daemon's heap (a request body, a query
 * parameter, a JSON-LD document).
 */
public final class JsonItems {
    private JsonItems() {
    }

    /** True when {@code json} holds more than {@code max} names and values: its separators outside strings, plus one. */
    public static boolean moreThan(CharSequence json, int max) {
        int items = 1;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ((c == ',' || c == ':') && ++items > max) {
                return true;
            }
        }
        return false;
    }
}
