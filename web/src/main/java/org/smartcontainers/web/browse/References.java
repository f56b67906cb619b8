package org.smartcontainers.web.browse;

import static org.smartcontainers.provenance.store.SparqlText.literal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.SparqlText;
import org.smartcontainers.web.resources.Kind;

/**
 * What people type to find something, resolved against the store: an image's name or tag as Docker
 * spells it ({@code team/tool:1.0}; {@code team/tool} meaning {@code :latest}; a tag its build was asked for), a container's name, a
 * short or full ID (with or without {@code sha256:}; for an image also the ID a containerd image store gives it, its
 * manifest's or index's digest), an activity's UUID or its start, a person's name
 * (any part, any case) or ORCID iD. Each lookup is one query using the store's indexes: a name is a
 * bound object, an ID prefix a string range over one kind's members.
 */
final class References {
    /** One resource found: its kind, its IRI, and what it is called. */
    record Hit(Kind kind, String iri, String title) {
    }

    private static final Pattern HEX_PREFIX = Pattern.compile("(?:sha256:)?([0-9a-f]{4,64})");
    private static final Pattern UUID_PREFIX = Pattern.compile("[0-9a-f]{8}(?:-[0-9a-f-]{0,27})?");
    private static final Pattern ORCID = Pattern.compile("(?:https?://orcid\\.org/)?(\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX])");
    private static final String PROV = Vocab.PROV_NS;
    /** Plenty for a person to choose from; more means the text was too vague. */
    static final int MAX_HITS = 50;

    private final ProvenanceStore store;

    References(ProvenanceStore store) {
        this.store = store;
    }

    /** Everything {@code text} may mean, of any kind. */
    List<Hit> find(String text) {
        Map<String, Hit> hits = new LinkedHashMap<>();
        for (Kind kind : List.of(Kind.IMAGES, Kind.CONTAINERS, Kind.ACTIVITIES, Kind.AGENTS)) {
            find(kind, text).forEach(hit -> hits.putIfAbsent(hit.iri(), hit));
        }
        return new ArrayList<>(hits.values());
    }

    /** What {@code text} may mean among one kind's members. */
    List<Hit> find(Kind kind, String text) {
        String query = switch (kind) {
            case IMAGES -> union(idPrefix(kind, text), union(storeDigest(text), imageName(text)));
            case CONTAINERS -> union(idPrefix(kind, text), containerName(text));
            case ACTIVITIES -> union(idPrefix(kind, text), null);
            case AGENTS -> union(orcid(text), personName(text));
        };
        List<Hit> hits = new ArrayList<>();
        if (query != null) {
            store.select("SELECT DISTINCT ?member ?title WHERE { " + query + " } ORDER BY ?title ?member LIMIT " + MAX_HITS)
                    .forEachRemaining(row -> hits.add(new Hit(kind, row.getResource("member").getURI(),
                            row.contains("title") ? row.getLiteral("title").getLexicalForm() : null)));
        }
        return hits;
    }

    /** A prefix of an image's or container's ID, or of an activity's UUID: a string range, no scan of text. */
    private static String idPrefix(Kind kind, String text) {
        String prefix = null;
        var hex = HEX_PREFIX.matcher(text);
        if (kind != Kind.ACTIVITIES && hex.matches()) {
            prefix = hex.group(1);
        } else if (kind == Kind.ACTIVITIES && UUID_PREFIX.matcher(text).matches()) {
            prefix = text;
        }
        if (prefix == null) {
            return null;
        }
        String iri = iriPrefix(kind) + prefix;
        return "{ SELECT DISTINCT ?member WHERE { " + kind.memberPattern() + " FILTER(STRSTARTS(STR(?member), "
                + literal(iri) + ")) } }";
    }

    /**
     * An image's manifest or index digest, or twelve digits or more of it: its ID on a containerd store
     * ({@code docker images} shows twelve), recorded beside the config digest that names the image. A whole digest
     * is a bound object; a prefix is a scan of the digests recorded (one or two per image from such a store).
     */
    private static String storeDigest(String text) {
        var hex = HEX_PREFIX.matcher(text);
        if (!hex.matches() || hex.group(1).length() < 12) {
            return null;
        }
        String digests = "<" + Vocab.Docker.manifestDigest.getURI() + ">|<" + Vocab.Docker.indexDigest.getURI() + ">";
        String digest = "sha256:" + hex.group(1);
        return hex.group(1).length() == 64 ? "?member " + digests + " " + literal(digest)
                : "?member " + digests + " ?digest FILTER(STRSTARTS(?digest, " + literal(digest) + "))";
    }

    private static String iriPrefix(Kind kind) {
        return switch (kind) {
            case IMAGES -> Vocab.imageIri("");
            case CONTAINERS -> Vocab.containerIri("");
            default -> Vocab.activityIri("");
        };
    }

    /** An image's name now, as given, or with {@code :latest} as Docker reads a name without a tag. */
    private static String imageName(String text) {
        if (!text.matches("[\\w][\\w./:@-]*")) {
            return null;
        }
        // Docker lists docker.io's images without the registry, official ones without library/.
        String name = text.replaceFirst("^(?:docker\\.io|index\\.docker\\.io)/(?:library/)?", "");
        boolean tagged = name.contains("@") || name.lastIndexOf(':') > name.lastIndexOf('/');
        String names = literal(name) + (tagged ? "" : " " + literal(name + ":latest"));
        // Its name now, or a tag its build was asked for (as the list shows it where no name was seen).
        return "VALUES ?title { " + names + " } { ?n <" + Vocab.Docker.name.getURI() + "> ?title . ?member <"
                + Vocab.Docker.hadName.getURI() + "> ?n FILTER NOT EXISTS { ?n <" + Vocab.Docker.namedUntil.getURI() + "> ?until } }"
                + " UNION { ?plan <" + Vocab.Docker.tag.getURI() + "> ?title . ?association <" + PROV + "hadPlan> ?plan ."
                + " ?made <" + PROV + "qualifiedAssociation> ?association . ?member <" + PROV + "wasGeneratedBy> ?made }";
    }

    /** A name a container was created or renamed with ({@code /web} as Docker's events spell it, or {@code web}). */
    private static String containerName(String text) {
        String name = text.startsWith("/") ? text.substring(1) : text;
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            return null;
        }
        return "BIND(" + literal(name) + " AS ?title) ?named <" + Vocab.Docker.name.getURI() + "> ?title ."
                + " { ?member <" + PROV + "wasGeneratedBy> ?named } UNION { ?named a <" + Vocab.Docker.ContainerRename.getURI()
                + "> ; <" + PROV + "used> ?member } ?member a <" + Vocab.Docker.Container.getURI() + ">";
    }

    private static String orcid(String text) {
        var orcid = ORCID.matcher(text);
        if (!orcid.matches()) {
            return null;
        }
        String iri = SparqlText.iri("https://orcid.org/" + orcid.group(1));
        return "BIND(" + iri + " AS ?member) " + Kind.recorded(iri, "<" + PROV + "Person>")
                + " OPTIONAL { ?member <" + Vocab.Foaf.name.getURI() + "> ?title }";
    }

    /** Any part of a person's name, any case. */
    private static String personName(String text) {
        if (text.length() < 2) {
            return null;
        }
        return "?member <" + Vocab.Foaf.name.getURI() + "> ?title . FILTER(CONTAINS(LCASE(STR(?title)), " + literal(text.toLowerCase())
                + ")) ?member a <" + PROV + "Person>";
    }

    private static String union(String first, String second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return "{ " + first + " } UNION { " + second + " }";
    }
}
