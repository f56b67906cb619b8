package org.smartcontainers.provenance.recording;

import static org.smartcontainers.provenance.store.SparqlText.literal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.SparqlText;

/**
 * The image names open on each engine (given and not taken yet), as the image-event records in the store say:
 * read from the store once per engine, then kept up to date by {@link ImageOrigins}, which writes every such
 * record, one after the other. A rebuild re-tags its image at every build: with this the event's record needs no
 * query, and no query of it forces the store's pending writes into TDB2 at every build. Dropped when a record
 * could not be stored (read again at the next event), since then the store may not hold what was counted here.
 *
 * <p>Only the records of image events count: a name said in a label's claims (anyone's text) opens nothing. Used
 * by the one thread that records events.
 */
final class OpenNames {

    /** A name's node in the store, the image (as records name it) that has it, and the name. */
    record Open(String node, String image, String name) {
    }

    private final RecordKeeper keeper;
    private final Map<String, List<Open>> byEngine = new HashMap<>();

    OpenNames(RecordKeeper keeper) {
        this.keeper = keeper;
    }

    /** The names the image has on the engine, by the IRI of each name's node. */
    Map<String, String> of(String engine, String imageId) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Open open : on(engine)) {
            if (open.image().equals(imageId)) {
                names.put(open.node(), open.name());
            }
        }
        return names;
    }

    /** The nodes by which images other than this one have the name on the engine. */
    List<String> heldElsewhere(String engine, String name, String imageId) {
        List<String> nodes = new ArrayList<>();
        for (Open open : on(engine)) {
            if (open.name().equals(name) && !open.image().equals(imageId)) {
                nodes.add(open.node());
            }
        }
        return nodes;
    }

    /** What a record about to be stored opens and closes. */
    void recorded(String engine, List<Open> opened, Iterable<String> closedNodes) {
        List<Open> open = on(engine);
        for (String node : closedNodes) {
            open.removeIf(o -> o.node().equals(node));
        }
        open.addAll(opened);
    }

    /** A record was not stored: what is counted here is read from the store again when next needed. */
    void forget() {
        byEngine.clear();
    }

    private List<Open> on(String engine) {
        return byEngine.computeIfAbsent(engine, this::read);
    }

    private List<Open> read(String engine) {
        String imagePrefix = Vocab.imageIri("");
        String notClaims = " FILTER NOT EXISTS { GRAPH %1$s { %1$s a <" + Vocab.Sc.LabelClaims.getURI() + "> } }";
        List<Open> open = new ArrayList<>();
        keeper.select(SparqlText.PREFIXES + "SELECT ?image ?n ?name WHERE { GRAPH ?a { ?image docker:hadName ?n ."
                + " ?n docker:engineId " + literal(engine) + "; docker:name ?name }" + notClaims.formatted("?a")
                + " FILTER NOT EXISTS { GRAPH ?b { ?n docker:namedUntil ?until }" + notClaims.formatted("?b") + " } }")
                .forEachRemaining(row -> {
                    String image = row.getResource("image").getURI();
                    String node = row.getResource("n").getURI();
                    if (image != null && node != null && image.startsWith(imagePrefix)) {
                        open.add(new Open(node, image.substring(imagePrefix.length()), row.getLiteral("name").getLexicalForm()));
                    }
                });
        return open;
    }
}
