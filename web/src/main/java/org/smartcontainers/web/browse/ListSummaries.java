package org.smartcontainers.web.browse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.provenance.store.SparqlText;
import org.smartcontainers.web.html.ListPage;
import org.smartcontainers.web.html.Pages;
import org.smartcontainers.web.resources.Kind;

/**
 * What a list shows of each member of one page, read in one query for the whole page: an image's names now
 * (else its build's tags), a container's name and image, the activity that made it (the one that generated it,
 * else the pull, load or import that brought it), when, who (the people associated with it), the outcome.
 */
final class ListSummaries {
    private static final String PROV = Vocab.PROV_NS;
    private static final String ORCID = "https://orcid.org/";

    /**
     * The names the activity {@code ?g} gave, as {@code ?tag}: a build's tags (on its plan) name their repository;
     * a commit's {@code docker:tag} is the tag alone, for its {@code docker:repository} ({@code latest} if none).
     */
    private static final String TAGS = "{ ?g <" + Vocab.Docker.repository.getURI() + "> ?repository"
            + " OPTIONAL { ?g <" + Vocab.Docker.tag.getURI() + "> ?tagAlone }"
            + " BIND(CONCAT(STR(?repository), \":\", COALESCE(STR(?tagAlone), \"latest\")) AS ?tag) }"
            + " UNION { ?g <" + Vocab.Docker.tag.getURI() + "> ?tag FILTER NOT EXISTS { ?g <" + Vocab.Docker.repository.getURI() + "> ?r } }"
            + " UNION { ?g <" + PROV + "qualifiedAssociation>/<" + PROV + "hadPlan>/<" + Vocab.Docker.tag.getURI() + "> ?tag }";

    private ListSummaries() {
    }

    static List<ListPage.Listed> of(ProvenanceStore store, Kind kind, List<String> members, String base) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        members.forEach(m -> summaries.put(m, new Summary(m)));
        if (!members.isEmpty()) {
            store.select(query(kind, members)).forEachRemaining(row -> summaries.get(row.getResource("member").getURI()).add(row));
        }
        return summaries.values().stream().map(s -> s.listed(kind, base)).toList();
    }

    /** What the list shows of these members, one row per fact. */
    static String query(Kind kind, List<String> members) {
        StringBuilder values = new StringBuilder("VALUES ?member {");
        members.forEach(m -> values.append(' ').append(SparqlText.iri(m)));
        return "SELECT * WHERE { " + values + " } " + patterns(kind) + " }";
    }

    private static String patterns(Kind kind) {
        String madeDetails = " OPTIONAL { ?made a ?madeType FILTER(STRSTARTS(STR(?madeType), \"" + Vocab.DOCKER_NS + "\")) }"
                + " OPTIONAL { ?made <" + PROV + "startedAtTime>|<" + PROV + "endedAtTime> ?time }"
                // The person from the graph that associates them: every record repeats their description.
                + " OPTIONAL { GRAPH ?ga { ?made <" + PROV + "wasAssociatedWith> ?person . ?person a <" + PROV + "Person>"
                + "   OPTIONAL { ?person <" + Vocab.Foaf.name.getURI() + "> ?personName } } }";
        String currentName = " ?hadName <" + Vocab.Docker.name.getURI() + "> ?%s FILTER NOT EXISTS { ?hadName <"
                + Vocab.Docker.namedUntil.getURI() + "> ?until }";
        return switch (kind) {
            case IMAGES -> "{ ?member <" + Vocab.Docker.hadName.getURI() + "> ?hadName ." + currentName.formatted("name") + " }"
                    + " UNION { { ?member <" + PROV + "wasGeneratedBy> ?made BIND(true AS ?generated) }"
                    + "   UNION { " + ListOrder.origins() + " ?made <" + PROV + "used> ?member ; a ?origin }" + madeDetails + " }"
                    + " UNION { ?member <" + PROV + "wasGeneratedBy> ?g . " + TAGS + " }";
            case CONTAINERS -> "{ ?member <" + PROV + "wasGeneratedBy> ?made BIND(true AS ?generated)" + madeDetails
                    + "   OPTIONAL { ?made <" + Vocab.Docker.name.getURI() + "> ?name }"
                    + "   OPTIONAL { ?made <" + Vocab.Docker.imageReference.getURI() + "> ?imageReference } }"
                    + " UNION { ?renamed a <" + Vocab.Docker.ContainerRename.getURI() + "> ; <" + PROV + "used> ?member ; <"
                    + Vocab.Docker.name.getURI() + "> ?renamedTo ; <" + PROV + "startedAtTime> ?renamedAt }"
                    + " UNION { ?member <" + PROV + "wasDerivedFrom> ?image . ?image a <" + Vocab.Docker.Image.getURI() + ">"
                    + "   OPTIONAL { ?image <" + Vocab.Docker.hadName.getURI() + "> ?hadName ." + currentName.formatted("imageName") + " } }";
            case ACTIVITIES -> "BIND(?member AS ?made) BIND(true AS ?generated)" + madeDetails
                    + " OPTIONAL { ?member <" + Vocab.Sc.outcome.getURI() + "> ?outcome }";
            case AGENTS -> "OPTIONAL { ?member <" + Vocab.Foaf.name.getURI() + ">|<" + RDFS.label.getURI() + "> ?name }";
        };
    }

    /** One member's rows gathered: the activity that generated it wins over one that brought it, then the earliest. */
    private static final class Summary {
        private final String iri;
        private final Set<String> names = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();
        /** The people associated with {@link #made}, by IRI, with their names. */
        private final Map<String, String> who = new LinkedHashMap<>();
        private String made;
        private boolean generated;
        private String madeType;
        private String time;
        private String outcome;
        private String image;
        private final Set<String> imageNames = new LinkedHashSet<>();
        private String imageReference;
        /** The name the latest rename gave, and when: a container is called that now. */
        private String renamedTo;
        private String renamedAt;

        Summary(String iri) {
            this.iri = iri;
        }

        void add(QuerySolution row) {
            text(row, "name").ifPresent(names::add);
            text(row, "tag").ifPresent(tags::add);
            text(row, "imageName").ifPresent(imageNames::add);
            text(row, "imageReference").ifPresent(r -> imageReference = r);
            if (row.contains("image")) {
                image = row.getResource("image").getURI();
            }
            if (row.contains("made")) {
                String activity = row.getResource("made").getURI();
                String at = text(row, "time").orElse(null);
                boolean generates = row.contains("generated");
                if (made == null || (generates && !generated) || (generates == generated && !activity.equals(made)
                        && at != null && (time == null || compareTimes(at, time) < 0))) {
                    made = activity;
                    generated = generates;
                    madeType = null;
                    time = at;
                    who.clear();
                }
                if (activity.equals(made)) {
                    if (row.contains("madeType")) {
                        String type = row.getResource("madeType").getURI();
                        madeType = madeType == null || type.compareTo(madeType) < 0 ? type : madeType;
                    }
                    time = time == null ? at : time;
                    if (row.contains("person")) {
                        String person = row.getResource("person").getURI();
                        who.put(person, text(row, "personName").orElse(Pages.shortName(person)));
                    }
                }
            }
            text(row, "outcome").ifPresent(o -> outcome = o);
            text(row, "renamedAt").ifPresent(at -> {
                if (renamedAt == null || compareTimes(at, renamedAt) > 0) {
                    renamedAt = at;
                    renamedTo = text(row, "renamedTo").orElse(null);
                }
            });
        }

        ListPage.Listed listed(Kind kind, String base) {
            List<String> shown = renamedTo != null ? List.of(renamedTo)
                    : new ArrayList<>(names.isEmpty() && kind == Kind.IMAGES ? tags : names);
            if (kind == Kind.AGENTS) {
                who.put(iri, names.stream().findFirst().orElse(Pages.shortName(iri)));
            }
            List<ListPage.Person> people = who.entrySet().stream().map(e -> person(e.getKey(), e.getValue(), base)).toList();
            String kindName = madeType == null ? (made == null ? null : "activity") : madeType.substring(madeType.indexOf('#') + 1);
            String imageTitle = imageReference != null ? imageReference
                    : !imageNames.isEmpty() ? String.join(", ", imageNames) : image == null ? null : Pages.shortName(image);
            return new ListPage.Listed(base + kind.memberPath(iri), Pages.shortName(iri), shown,
                    made == null ? null : base + Kind.ACTIVITIES.memberPath(made), kindName, time, people, outcome,
                    image == null ? null : base + Kind.IMAGES.memberPath(image), imageTitle);
        }

        /** As instants: lexical forms differ in their fractions of a second. */
        private static int compareTimes(String a, String b) {
            try {
                return Instant.parse(a).compareTo(Instant.parse(b));
            } catch (DateTimeParseException e) {
                return a.compareTo(b);
            }
        }

        private static ListPage.Person person(String iri, String name, String base) {
            return new ListPage.Person(base + Kind.AGENTS.memberPath(iri), name, iri.startsWith(ORCID) ? iri : null);
        }

        private static Optional<String> text(QuerySolution row, String name) {
            return row.contains(name) && row.get(name).isLiteral()
                    ? Optional.of(row.getLiteral(name).getLexicalForm()) : Optional.empty();
        }
    }
}
