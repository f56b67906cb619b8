package org.smartcontainers.provenance.record;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading a Docker API query string, as decoded into name to values. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** The first value of {@code name}, if it has a non-empty one. */
    static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty()
                ? Optional.empty() : Optional.of(values.get(0));
    }
}
