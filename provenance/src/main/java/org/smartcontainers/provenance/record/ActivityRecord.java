package org.smartcontainers.provenance.record;

import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * One intercepted Docker call as PROV: what is {@link #known()} when the request goes out (it
 * also becomes the label) and what the daemon's answer adds ({@link #learned()}). The record in
 * the store is both, in a named graph called after the activity.
 */
public final class ActivityRecord {
    private final String iri;
    private final Model known = ModelFactory.createDefaultModel();
    private final Model learned = ModelFactory.createDefaultModel();
    private final Resource activity;

    /** {@code agents}: null when who acted is not known (a reconstruction). */
    public ActivityRecord(Resource type, Instant started, Agents agents) {
        this.iri = Vocab.activityIri(UUID.randomUUID().toString());
        this.activity = known.createResource(iri)
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, type)
                .addLiteral(Vocab.Prov.startedAtTime, dateTime(known, started));
        if (agents != null) {
            agents.describe(known, activity);
        }
    }

    public String iri() {
        return iri;
    }

    /** The activity, in the known part: add what the request shows. */
    public Resource activity() {
        return activity;
    }

    public Model known() {
        return known;
    }

    /** The same activity in the learned part: add what the answer shows. */
    public Resource activityLearned() {
        return learned.createResource(iri);
    }

    public Model learned() {
        return learned;
    }

    /** The activity made {@code entity} (in the learned part): both directions of the link. */
    Resource generated(Resource entity) {
        entity.addProperty(Vocab.Prov.wasGeneratedBy, activityLearned());
        activityLearned().addProperty(Vocab.Prov.generated, entity);
        return entity;
    }

    public void succeeded(Instant ended) {
        finish(ended, "success");
    }

    /** The daemon said no (an error status, or an error inside a 200 stream). */
    public void failed(Instant ended, String message) {
        finish(ended, "failure");
        activityLearned().addProperty(Vocab.Sc.errorMessage, message);
    }

    private void finish(Instant ended, String outcome) {
        activityLearned()
                .addLiteral(Vocab.Prov.endedAtTime, dateTime(learned, ended))
                .addProperty(Vocab.Sc.outcome, outcome);
    }

    public String label() {
        return ProvenanceLabel.write(known);
    }

    /** Both parts as one graph: a view, not a copy (the journal streams it; TDB2 copies it later). */
    public NamedGraph toGraph() {
        return new NamedGraph(iri, ModelFactory.createUnion(known, learned));
    }

    static Literal dateTime(Model model, Instant instant) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return model.createTypedLiteral(calendar);
    }
}
