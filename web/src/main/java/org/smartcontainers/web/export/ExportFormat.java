package org.smartcontainers.web.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The forms {@code sc export} and {@code GET /sc/v1/export} write, by the names a user would type.
 * Which of them are about the whole store, and which about one image's or container's lineage, is
 * said here once for the API and the CLI.
 */
public enum ExportFormat {
    TRIG("application/trig", Scope.STORE_ONLY, "trig"),
    TURTLE("text/turtle", Scope.STORE_OR_SUBJECT, "turtle", "ttl"),
    JSONLD("application/ld+json", Scope.STORE_OR_SUBJECT, "jsonld", "json-ld"),
    PROVN("text/provenance-notation", Scope.STORE_OR_SUBJECT, "provn", "prov-n"),
    PROVJSON("application/json", Scope.STORE_OR_SUBJECT, "provjson", "prov-json"),
    ROCRATE("application/ld+json", Scope.SUBJECT_ONLY, "rocrate", "ro-crate"),
    /** JSON Lines: one in-toto Statement per recorded build, however many there are. */
    SLSA("application/jsonl", Scope.STORE_OR_SUBJECT, "slsa");

    /** Whether an export in this form takes an image or container, needs one, or is of the whole store. */
    public enum Scope {
        STORE_ONLY, STORE_OR_SUBJECT, SUBJECT_ONLY
    }

    private final String mediaType;
    private final Scope scope;
    private final List<String> names;

    ExportFormat(String mediaType, Scope scope, String... names) {
        this.mediaType = mediaType;
        this.scope = scope;
        this.names = List.of(names);
    }

    public static Optional<ExportFormat> named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.names.contains(wanted)).findFirst();
    }

    /** {@code trig, turtle, jsonld, provn, provjson, rocrate or slsa}: for messages and help. */
    public static String choices() {
        List<String> all = Arrays.stream(values()).map(ExportFormat::displayName).toList();
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    public String displayName() {
        return names.get(0);
    }

    public String mediaType() {
        return mediaType;
    }

    public Scope scope() {
        return scope;
    }
}
