package org.smartcontainers.proxy.fuzz;

import java.io.StringWriter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.store.ProvenanceStore;

/**
 * Whether a label is the proxy's: it must read as JSON-LD, and every statement in it must be in the
 * store's record of the activity that made the container or image Docker answered with. The
 * activity is named by a random UUID (a create's or commit's label names it; a build's label is its
 * plan, kept in the same record): no label a client wrote can pass.
 */
final class RecordedLabels {
    private final ProvenanceStore store;

    RecordedLabels(ProvenanceStore store) {
        this.store = store;
    }

    /** @param madeId the ID Docker answered the call with (a container's for a create, an image's else) */
    boolean isTheRecordOf(String label, String madeId) {
        Model said;
        try {
            said = ProvenanceLabel.read(label);
        } catch (RuntimeException e) {
            return false;
        }
        if (said.isEmpty()) {
            return false;
        }
        StringWriter statements = new StringWriter();
        RDFDataMgr.write(statements, said, Lang.NTRIPLES); // N-Triples is SPARQL; its blank nodes match as variables
        return store.ask("ASK { VALUES ?made { <" + Vocab.containerIri(madeId) + "> <" + Vocab.imageIri(madeId) + "> } "
                + "?made <" + Vocab.Prov.wasGeneratedBy.getURI() + "> ?activity . GRAPH ?activity { " + statements + " } }");
    }
}
