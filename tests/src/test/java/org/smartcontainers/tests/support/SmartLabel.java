package org.smartcontainers.tests.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.record.ProvenanceLabel;

/** The {@code smartcontainer} label on what a test made, read from the daemon itself, and what ours looks like. */
public final class SmartLabel {
    private SmartLabel() {
    }

    public static String ofContainer(DockerCli direct, String reference) {
        return direct.run("container", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", reference).ok().out();
    }

    public static String ofImage(DockerCli direct, String reference) {
        return direct.run("image", "inspect", "-f", "{{index .Config.Labels \"smartcontainer\"}}", reference).ok().out();
    }

    /** Ours: JSON-LD that names an activity (or plan) of this type, holding nothing of what the client forged. */
    public static void assertOurs(String label, Resource activityType, String forged, String why) {
        assertFalse(label.contains(forged), why + ": our label, not the client's: " + label);
        assertOurs(label, activityType, why);
    }

    /**
     * Ours: JSON-LD that names an activity (or plan) of this type. For a commit's label, which quotes the
     * changes the client asked for as text, so a forged value may be in it, as a literal.
     */
    public static void assertOurs(String label, Resource activityType, String why) {
        assertTrue(label.startsWith("{\"@context\""), why + ": our label, not the client's: " + label);
        assertTrue(ProvenanceLabel.read(label).contains(null, RDF.type, activityType), why + ": names the "
                + activityType.getLocalName() + ": " + label);
    }

    /** The IRI is no node of the label's graph (a literal quoting it aside). */
    public static void assertNoNode(String label, String iri, String why) {
        assertFalse(ProvenanceLabel.read(label).containsResource(ResourceFactory.createResource(iri)),
                why + ": " + iri + " is in the label's graph: " + label);
    }
}
