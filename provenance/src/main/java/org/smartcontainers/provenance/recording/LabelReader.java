package org.smartcontainers.provenance.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.LabelClaims;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.LabelProvenance.Labelled;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * A label read against the store: whether the store has what it would add already, and what of it
 * may be kept as the labelled resource's claims ({@link LabelClaims}), what was dropped logged.
 */
final class LabelReader {
    private static final Logger LOG = LoggerFactory.getLogger(LabelReader.class);
    private static final Pattern OUR_ACTIVITY =
            Pattern.compile(Pattern.quote(Vocab.activityIri("")) + "[0-9a-f-]{36}");

    private final RecordKeeper keeper;

    LabelReader(RecordKeeper keeper) {
        this.keeper = keeper;
    }

    /**
     * The label was read before (its graph is there), or is ours and its activity was recorded here, or
     * the proxy observed what made the resource (then the label is the one it wrote).
     */
    boolean alreadyStored(Labelled on, Model said) {
        List<String> names = new ArrayList<>(ourActivities(said).stream().map(Resource::getURI).toList());
        names.add(on.graphName());
        return names.stream().anyMatch(keeper::hasGraph) || keeper.observedGeneration(on.iri());
    }

    /** A label read: its graph, and what of it was kept. */
    record Read(NamedGraph graph, LabelClaims claims) {
    }

    /** The activities the label names by an IRI of ours (only such IRIs go into a query: a label is anyone's text). */
    static List<Resource> ourActivities(Model said) {
        return said.listSubjectsWithProperty(RDF.type, Vocab.Prov.Activity).toList().stream()
                .filter(a -> a.isURIResource() && OUR_ACTIVITY.matcher(a.getURI()).matches())
                .toList();
    }

    /**
     * What the label may claim about {@code on}, in its graph.
     *
     * @throws IllegalArgumentException when the label names too many resources to check
     */
    Read claims(Labelled on, String label, Model said) {
        String digest = LabelProvenance.digest(label);
        var held = keeper.heldBesides(LabelClaims.irisToCheck(said), digest);
        LabelClaims claims = LabelClaims.of(said, on.iri(), held::contains);
        if (!claims.dropped().isEmpty()) {
            LOG.info("the smartcontainer label of {} {}: kept {} of its statements as its claims, dropped {}: {}",
                    on.type().getLocalName().toLowerCase(), on.id(), said.size() - claims.dropped().size(),
                    claims.dropped().size(), claims.droppedSummary());
        }
        return new Read(LabelProvenance.graph(on, label, said, claims), claims);
    }
}
