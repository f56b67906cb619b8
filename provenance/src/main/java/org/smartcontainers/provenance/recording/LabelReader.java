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
import org.smartcontainers.provenance.record.LabelAncestry;
import org.smartcontainers.provenance.record.LabelClaims;
import org.smartcontainers.provenance.record.LabelProvenance;
import org.smartcontainers.provenance.record.LabelProvenance.Labelled;
import org.smartcontainers.provenance.record.ProvenanceLabel;
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

    /**
     * The histories {@code by}'s label carries of the images it came from ({@link LabelAncestry}), each as
     * what that image's label claims, in that image's label graph, said to be {@code sc:carriedBy} it. Each
     * is to be stored before the next is read, so what one claims is held for the next. Null (nothing to
     * store) for a carried image whose label graph the store has, or whose making it observed,
     * and one carried with no activity or plan (an image its label only says was made at a time).
     *
     * @throws IllegalArgumentException when a carried history names too many resources to check
     */
    Read carried(Labelled by, String imageIri, Model history) {
        Labelled base = Labelled.image(LabelAncestry.imageId(imageIri));
        boolean madeByAnything = history.contains(null, RDF.type, Vocab.Prov.Activity)
                || history.contains(null, RDF.type, Vocab.Prov.Plan);
        if (!madeByAnything || alreadyStored(base, history)) {
            return null;
        }
        Read read = claims(base, ProvenanceLabel.write(history), history);
        Model graph = read.graph().model();
        graph.createResource(base.graphName()).addProperty(Vocab.Sc.carriedBy, graph.createResource(by.iri()));
        return read;
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
