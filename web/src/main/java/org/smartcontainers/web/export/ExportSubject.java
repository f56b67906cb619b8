package org.smartcontainers.web.export;

import org.smartcontainers.provenance.Vocab;

/** What a per-resource export is about: one image or one container, by its full ID. */
public record ExportSubject(Kind kind, String id) {
    public enum Kind {
        IMAGE("image"), CONTAINER("container");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public ExportSubject {
        id = Vocab.bareId(id);
    }

    public static ExportSubject image(String id) {
        return new ExportSubject(Kind.IMAGE, id);
    }

    public static ExportSubject container(String id) {
        return new ExportSubject(Kind.CONTAINER, id);
    }

    public String iri() {
        return kind == Kind.IMAGE ? Vocab.imageIri(id) : Vocab.containerIri(id);
    }

    /** {@code image sha256:0123456789ab}: how messages and names show it. */
    public String shortName() {
        return kind.word() + " " + (kind == Kind.IMAGE ? "sha256:" : "") + id.substring(0, Math.min(12, id.length()));
    }
}
