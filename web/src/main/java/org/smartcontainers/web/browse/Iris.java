package org.smartcontainers.web.browse;

/** IRIs taken from a request are written into SPARQL text only when they cannot break out of {@code <...>}. */
final class Iris {
    private Iris() {
    }

    static boolean safe(String iri) {
        return !iri.isEmpty() && iri.contains(":") && iri.chars().noneMatch(c -> c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0);
    }
}
