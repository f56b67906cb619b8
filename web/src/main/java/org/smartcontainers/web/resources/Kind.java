package org.smartcontainers.web.resources;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.http.Request;

/**
 * The four provenance containers: what their members are, and how a member's IRI maps to its path
 * here. Our own IRIs map to readable paths ({@code /images/ID}); any other IRI (a person's ORCID,
 * an entity from an old label) to {@code /KIND/iri-BASE64URL}.
 */
public enum Kind {
    IMAGES("images", "Images", "image/", List.of(Vocab.DOCKER_NS + "Image")),
    CONTAINERS("containers", "Containers", "container/", List.of(Vocab.DOCKER_NS + "Container")),
    ACTIVITIES("activities", "Activities", "activity/", List.of(Vocab.PROV_NS + "Activity")),
    AGENTS("agents", "Agents", "agent/", List.of(Vocab.PROV_NS + "Agent", Vocab.PROV_NS + "SoftwareAgent",
            Vocab.PROV_NS + "Person", Vocab.PROV_NS + "Organization"));

    private static final String ENCODED = "iri-";

    private final String segment;
    private final String title;
    private final String iriPrefix;
    private final List<String> types;

    Kind(String segment, String title, String iriKind, List<String> types) {
        this.segment = segment;
        this.title = title;
        this.iriPrefix = Vocab.INSTANCE_BASE + iriKind;
        this.types = types;
    }

    public String segment() {
        return segment;
    }

    public String title() {
        return title;
    }

    public List<String> types() {
        return types;
    }

    /** The SPARQL pattern that binds {@code ?member} to each member. */
    public String memberPattern() {
        return "VALUES ?type { " + String.join(" ", types.stream().map(t -> "<" + t + ">").toList()) + " } "
                + recorded("?member", "?type");
    }

    /**
     * {@code subject a type}, as the records say: not as what users attached says (their graphs
     * are under {@code …/metadata/}), so nobody conjures an image by describing one.
     */
    public static String recorded(String subject, String type) {
        return "GRAPH ?recorded { " + subject + " a " + type + " } FILTER(!CONTAINS(STR(?recorded), \"/metadata/\"))";
    }

    /** The container's own path, with its trailing slash. */
    public String containerPath() {
        return "/" + segment + "/";
    }

    /** The kind whose own IRIs ({@code …/image/ID}, {@code …/agent/…}) include this one, or null. */
    public static Kind owning(String iri) {
        for (Kind kind : values()) {
            if (kind.owns(iri)) {
                return kind;
            }
        }
        return null;
    }

    private boolean owns(String iri) {
        return iri.startsWith(iriPrefix) && iri.length() > iriPrefix.length();
    }

    /** Where a member is served, relative to the server's base URL. */
    public String memberPath(String iri) {
        if (owns(iri)) {
            StringBuilder path = new StringBuilder(containerPath());
            String[] parts = iri.substring(iriPrefix.length()).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                path.append(i == 0 ? "" : "/").append(Request.encodeSegment(parts[i]));
            }
            return path.toString();
        }
        return containerPath() + ENCODED + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(iri.getBytes(StandardCharsets.UTF_8));
    }

    /** The member IRI for the decoded path segments after the container's, or null if they name none. */
    public String memberIri(List<String> rest) {
        if (rest.isEmpty() || rest.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        if (rest.size() == 1 && rest.get(0).startsWith(ENCODED)) {
            try {
                return new String(Base64.getUrlDecoder().decode(rest.get(0).substring(ENCODED.length())),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return iriPrefix + String.join("/", rest);
    }

    /** The kind whose members a path's first segment lists, null for none. */
    public static Kind bySegment(String segment) {
        for (Kind kind : values()) {
            if (kind.segment.equals(segment)) {
                return kind;
            }
        }
        return null;
    }

    /** The kind an entity IRI is served under, given its types; null when none. */
    public static Kind forTypes(Collection<String> entityTypes) {
        for (Kind kind : values()) {
            if (kind.types.stream().anyMatch(entityTypes::contains)) {
                return kind;
            }
        }
        return null;
    }
}
