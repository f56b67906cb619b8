package org.smartcontainers.provenance.record;

import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.util.ResourceUtils;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * One intercepted Docker call as PROV: what is {@link #known()} when the request goes out and what
 * the daemon's answer adds ({@link #learned()}). The record in the store is both, in a named graph
 * called after the activity.
 *
 * <p>The label is the known part, or, for a call {@linkplain #planned planned}, its plan alone: what
 * identical runs share (the request, who asked), named by its content, so that identical builds get
 * identical labels and keep one image ID. Each run is still an activity of its own in the store, with
 * its times, associated with the plan ({@code prov:qualifiedAssociation}/{@code prov:hadPlan}).
 */
public final class ActivityRecord {
    private final String iri;
    private final Model known = ModelFactory.createDefaultModel();
    private final Model learned = ModelFactory.createDefaultModel();
    private final Resource activity;
    private final Agents agents;
    /** The plan's statements, null for an unplanned call. */
    private final Model plan;
    /** The plan's node: a placeholder IRI until {@link #sealPlan()} names it after its content. */
    private Resource planNode;
    /** The association of the one who asked: a planned run's plan goes on it. */
    private final Resource principalAssociation;
    private boolean sealed;
    private volatile LabelAncestry carried = new LabelAncestry();
    private volatile boolean carries;
    private static final String UNSEALED_PLAN = "urn:x-smartcontainers:plan-being-written";

    /** {@code agents}: null when who acted is not known (a reconstruction). */
    public ActivityRecord(Resource type, Instant started, Agents agents) {
        this(type, null, started, agents);
    }

    /**
     * A call whose label is its plan, of type {@code planType}, attributed to the one who asked;
     * add the request's facts to {@link #plan()}. {@code agents} must be known.
     */
    public static ActivityRecord planned(Resource type, Resource planType, Instant started, Agents agents) {
        return new ActivityRecord(type, planType, started, agents);
    }

    private ActivityRecord(Resource type, Resource planType, Instant started, Agents agents) {
        this.agents = agents;
        this.plan = planType == null ? null : ModelFactory.createDefaultModel();
        if (plan != null) {
            planNode = plan.createResource(UNSEALED_PLAN)
                    .addProperty(RDF.type, Vocab.Prov.Plan)
                    .addProperty(RDF.type, Vocab.Prov.Entity)
                    .addProperty(RDF.type, planType);
            agents.attribute(plan, planNode);
        }
        this.iri = Vocab.activityIri(UUID.randomUUID().toString());
        this.activity = known.createResource(iri)
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, type)
                .addLiteral(Vocab.Prov.startedAtTime, dateTime(known, started));
        if (agents != null && plan != null) {
            principalAssociation = agents.associate(known, activity); // the plan describes them
        } else if (agents != null) {
            principalAssociation = agents.describe(known, activity);
        } else {
            principalAssociation = null;
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
        if (agents != null) {
            entity.addProperty(Vocab.Prov.wasAttributedTo, learned.createResource(agents.principalIri()));
        }
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

    /** The plan, to describe the request on; only before the label is written. */
    public synchronized Resource plan() {
        if (plan == null || sealed) {
            throw new IllegalStateException(plan == null ? "not a planned call" : "the plan is sealed");
        }
        return planNode;
    }

    public boolean isPlanned() {
        return plan != null;
    }

    /** What the label says: the plan (sealed) for a planned call, else the known part. */
    public Model labelled() {
        if (plan == null) {
            return known;
        }
        sealPlan();
        return plan;
    }

    /** The label; texts too long to keep are put by their digest in the record first ({@link LongTexts}). */
    public String label() {
        LongTexts.digestIn(known);
        if (plan != null) {
            LongTexts.digestIn(plan);
        }
        String label = ProvenanceLabel.write(labelled(), carried.graphs());
        labelledWith(label);
        return label;
    }

    /**
     * The label set on what this call made ({@code sc:labelledWith}, its SHA-256): so the store can say whether
     * a label on an image is the one set as it was made. The last one said counts.
     */
    public synchronized void labelledWith(String label) {
        Resource run = activityLearned();
        run.removeAll(Vocab.Sc.labelledWith);
        run.addProperty(Vocab.Sc.labelledWith, LabelProvenance.digest(label));
    }

    /** The histories of the images this call's making came from, for its label to carry (not part of the record). */
    public void carry(LabelAncestry ancestry) {
        this.carried = ancestry;
        this.carries = true;
    }

    /** Whether {@link #carry} was called. */
    public boolean carries() {
        return carries;
    }

    /**
     * Adds to the plan after its label was written (a BuildKit build learns its Dockerfile only as it runs,
     * and labels its image at the end): the plan is named anew after its content, and the run associated
     * with the new name alone.
     */
    public synchronized void amendPlan(Consumer<Resource> change) {
        if (plan == null) {
            throw new IllegalStateException("not a planned call");
        }
        if (sealed) {
            principalAssociation.removeAll(Vocab.Prov.hadPlan);
            planNode = ResourceUtils.renameResource(planNode, UNSEALED_PLAN);
            sealed = false;
        }
        change.accept(planNode);
    }

    /** The plan's IRI (sealing it): the SHA-256 of its canonical form. Null for an unplanned call. */
    public String planIri() {
        return plan == null ? null : sealPlan().getURI();
    }

    /** Names the plan after its content, once, and associates the run with it. */
    private synchronized Resource sealPlan() {
        if (!sealed) {
            planNode = ResourceUtils.renameResource(planNode, Vocab.planIri(Canonical.sha256Hex(Canonical.text(plan))));
            principalAssociation.addProperty(Vocab.Prov.hadPlan, known.createResource(planNode.getURI()));
            sealed = true;
        }
        return planNode;
    }

    /** All parts as one graph: a view, not a copy (the journal streams it; TDB2 copies it later). */
    public NamedGraph toGraph() {
        Model run = ModelFactory.createUnion(known, learned);
        return new NamedGraph(iri, plan == null ? run : ModelFactory.createUnion(labelled(), run));
    }

    static Literal dateTime(Model model, Instant instant) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return model.createTypedLiteral(calendar);
    }
}
