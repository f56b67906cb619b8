package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.Vocab;

/** What a label on an image may claim: its own history, never facts about other resources. */
class LabelClaimsTest {
    private static final String IMAGE_ID = "b".repeat(64);
    private static final String IMAGE = Vocab.imageIri(IMAGE_ID);
    private static final String OTHER_IMAGE = Vocab.imageIri("c".repeat(64));
    private static final String GENUINE = Vocab.activityIri("11111111-1111-4111-8111-111111111111");
    private static final String OWN = Vocab.activityIri("22222222-2222-4222-8222-222222222222");
    private static final String PREFIXES = "@prefix prov: <" + Vocab.PROV_NS + "> . @prefix docker: <" + Vocab.DOCKER_NS
            + "> . @prefix sc: <" + Vocab.SC_NS + "> . @prefix foaf: <" + Vocab.FOAF_NS + "> . @prefix dct: <"
            + Vocab.DCT_NS + "> . ";

    private static Model turtle(String text) {
        Model model = ModelFactory.createDefaultModel();
        model.read(new StringReader(PREFIXES + text), null, "TTL");
        return model;
    }

    private static boolean ask(Model model, String where) {
        String query = "PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX sc: <"
                + Vocab.SC_NS + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> PREFIX dct: <" + Vocab.DCT_NS + "> ASK { " + where + " }";
        try (QueryExecution exec = QueryExecution.model(model).query(query).build()) {
            return exec.execAsk();
        }
    }

    private static LabelClaims claims(Model label, Set<String> held) {
        return LabelClaims.of(label, IMAGE, held::contains);
    }

    @Test
    void statementsAboutAnActivityTheStoreHoldsAreDroppedWhateverTheLabelSaysOfIt() {
        Model label = turtle("<" + OWN + "> a prov:Activity; prov:wasAssociatedWith <urn:ex:author> ."
                + " <urn:ex:author> a prov:Person; foaf:name 'Label Author' ."
                + " <" + GENUINE + "> a prov:Activity; prov:wasAssociatedWith <urn:ex:mallory> ."
                + " <urn:ex:mallory> a prov:Person; foaf:name 'Mallory' .");
        LabelClaims claims = claims(label, Set.of(GENUINE));
        Model kept = claims.model();
        assertFalse(ask(kept, "<" + GENUINE + "> ?p ?o"), "nothing about the genuine build");
        assertFalse(ask(kept, "?s foaf:name 'Mallory'"), "the forged person hangs only from the dropped statements");
        assertTrue(ask(kept, "<urn:ex:author> foaf:name 'Label Author'"), "the label's own activity links its agent");
        assertEquals(List.of(OWN), claims.generators().stream().map(r -> r.getURI()).toList(),
                "the genuine build is held; what the label says it did is not taken");
        assertTrue(claims.droppedSummary().contains("held by the store"), claims.droppedSummary());
        assertTrue(claims.dropped().stream().allMatch(d -> !d.subject().contains("Mallory")), "no values in what is logged");
    }

    @Test
    void aLabelCannotSayThatAnActivityTheStoreHoldsMadeItsImageNorThatWhatMadeAnotherOneDid() {
        Model names = turtle("<" + GENUINE + "> prov:generated <" + IMAGE + "> . <" + OWN + "> a prov:Activity .");
        LabelClaims claims = claims(names, Set.of(GENUINE));
        assertTrue(claims.generators().isEmpty(), "it named what made the image, and that is held");
        assertFalse(ask(claims.model(), "?s prov:generated|^prov:wasGeneratedBy ?o"));

        Model other = turtle("<" + OWN + "> a prov:Activity; prov:generated <" + OTHER_IMAGE + "> .");
        assertTrue(claims(other, Set.of()).generators().isEmpty(), "it made another image");
    }

    @Test
    void anActivityTheLabelDescribesIsTakenAsWhatMadeTheImageWithItsAgents() {
        Model label = turtle("<" + OWN + "> a prov:Activity, docker:ContainerCommit; prov:wasAssociatedWith <urn:ex:author>;"
                + " prov:startedAtTime '2026-01-01T00:00:00Z'; prov:used <" + OTHER_IMAGE + ">;"
                + " docker:label [ docker:labelKey 'team'; docker:labelValue 'physics' ] ."
                + " <urn:ex:author> a prov:Person; foaf:name 'Label Author'; prov:actedOnBehalfOf <urn:ex:boss> ."
                + " <urn:ex:boss> foaf:name 'Boss' .");
        LabelClaims claims = claims(label, Set.of());
        Model kept = claims.model();
        assertTrue(ask(kept, "<" + IMAGE + "> prov:wasGeneratedBy <" + OWN + "> . <" + OWN + "> prov:generated <" + IMAGE + ">"));
        assertTrue(ask(kept, "<" + OWN + "> prov:used <" + OTHER_IMAGE + ">"), "another image as an object is fine");
        assertTrue(ask(kept, "<" + OWN + "> docker:label [ docker:labelValue 'physics' ]"), "its blank nodes");
        assertTrue(ask(kept, "<urn:ex:author> foaf:name 'Label Author' . <urn:ex:boss> foaf:name 'Boss'"), "its agents' chain");
        assertTrue(claims.dropped().isEmpty(), claims.droppedSummary());
    }

    @Test
    void anotherImageIsNeverASubjectNorSaidToBeGeneratedByTheLabelsActivities() {
        Model label = turtle("<" + IMAGE + "> prov:wasGeneratedBy <" + OWN + "> ; dct:title 'mine' ."
                + " <" + OWN + "> a prov:Activity; prov:generated <" + OTHER_IMAGE + ">; docker:reusedImage <" + OTHER_IMAGE + "> ."
                + " <" + OTHER_IMAGE + "> dct:title 'forged'; prov:wasGeneratedBy <" + OWN + "> ."
                + " <urn:ex:elsewhere> a docker:Image; dct:title 'also an image' ."
                + " <" + OWN + "> prov:generated <urn:ex:elsewhere> .");
        Model kept = claims(label, Set.of()).model();
        assertFalse(ask(kept, "<" + OTHER_IMAGE + "> ?p ?o"));
        assertFalse(ask(kept, "?a prov:generated|docker:reusedImage <" + OTHER_IMAGE + ">"));
        assertFalse(ask(kept, "?a prov:generated <urn:ex:elsewhere>"), "typed an image in the label: another image");
        assertFalse(ask(kept, "<urn:ex:elsewhere> ?p ?o"));
        assertTrue(ask(kept, "<" + IMAGE + "> dct:title 'mine'; prov:wasGeneratedBy <" + OWN + ">"));
    }

    @Test
    void whenTheLabelNamesWhatMadeTheImageItsOtherActivitiesAreNotItsHistory() {
        Model label = turtle("<" + IMAGE + "> prov:wasGeneratedBy <" + OWN + "> . <" + OWN + "> a prov:Activity ."
                + " <urn:ex:unrelated> a prov:Activity; dct:title 'elsewhere' .");
        LabelClaims claims = claims(label, Set.of());
        assertFalse(ask(claims.model(), "<urn:ex:unrelated> ?p ?o"));
        assertEquals(List.of(OWN), claims.generators().stream().map(r -> r.getURI()).toList());
        assertTrue(claims.droppedSummary().contains("not part of the labelled resource's own history"), claims.droppedSummary());
    }

    @Test
    void ourCommitLabelFromAnotherHostKeepsItsActivityButNotWhatItSaysOfTheContainerAndBaseImage() {
        String container = "c".repeat(64);
        ActivityRecord record = ContainerCommit.start(Map.of(), container, OTHER_IMAGE.substring(OTHER_IMAGE.lastIndexOf('/') + 1),
                Instant.now(), new Agents("0.1.0", "26.1.5", new Agent("Ada", null, null, "ada@example.org", "CERN", null, null),
                        "ada@host"));
        Model label = ProvenanceLabel.read(record.label());
        LabelClaims claims = claims(label, Set.of());
        Model kept = claims.model();
        assertTrue(ask(kept, "<" + IMAGE + "> prov:wasGeneratedBy <" + record.iri() + "> . <" + record.iri() + "> a docker:ContainerCommit;"
                + " prov:used <" + Vocab.containerIri(container) + ">, <" + OTHER_IMAGE + ">; prov:wasAssociatedWith ?person ."
                + " ?person foaf:name 'Ada'; <http://schema.org/affiliation> [ foaf:name 'CERN' ]"));
        assertFalse(ask(kept, "<" + Vocab.containerIri(container) + "> ?p ?o"));
        assertFalse(ask(kept, "<" + OTHER_IMAGE + "> ?p ?o"));
        assertFalse(claims.dropped().isEmpty());
        assertTrue(claims.dropped().stream().allMatch(d -> d.subject().equals("<" + Vocab.containerIri(container) + ">")
                || d.subject().equals("<" + OTHER_IMAGE + ">")), "only what it says of the container and the image: "
                + claims.droppedSummary());
    }

    @Test
    void aBuildLabelIsItsPlanAloneAndTheImageIsSaidToBeMadeFollowingIt() {
        Agents ada = new Agents("0.1.0", "26.1.5", new Agent("Ada", null, null, null, null, null,
                "https://orcid.org/0000-0002-1825-0097"), null);
        ActivityRecord record = ImageBuild.start(Map.of("t", List.of("app:1")), Instant.now(), ada);
        Model label = ProvenanceLabel.read(record.label());
        LabelClaims claims = claims(label, Set.of(ada.smartcontainersIri()));
        String made = LabelClaims.plannedActivityIri(IMAGE);
        assertEquals(List.of(made), claims.generators().stream().map(r -> r.getURI()).toList());
        assertTrue(ask(claims.model(), "<" + IMAGE + "> prov:wasGeneratedBy <" + made + "> . <" + made + "> a docker:ImageBuild;"
                + " prov:wasAssociatedWith <https://orcid.org/0000-0002-1825-0097>;"
                + " prov:qualifiedAssociation [ prov:hadPlan <" + record.planIri() + ">; prov:agent <https://orcid.org/0000-0002-1825-0097> ] ."
                + " <" + record.planIri() + "> docker:tag 'app:1' . <https://orcid.org/0000-0002-1825-0097> foaf:name 'Ada'"));
        assertFalse(ask(claims.model(), "<" + ada.smartcontainersIri() + "> ?p ?o"), "an agent the store holds is not described again");
        assertTrue(ask(claims.model(), "<" + made + "> prov:wasAssociatedWith <" + ada.smartcontainersIri() + ">"), "but may be an object");
    }

    @Test
    void aLabelCarriesItsBasesHistoriesAndEachIsReadAsThatBasesClaimsWithWhoAndWhen() {
        Agents ada = new Agents("0.1.0", "26.1.5", new Agent("Ada", null, null, null, null, null,
                "https://orcid.org/0000-0002-1825-0097"), null);
        String rootId = "a".repeat(64);
        String baseId = "c".repeat(64);
        Instant baseMade = Instant.parse("2026-11-27T10:15:30.123456789Z");
        ActivityRecord baseBuild = ImageBuild.start(Map.of("t", List.of("base:1")), Instant.now(), ada);
        ImageBuild.baseImages(baseBuild, List.of("busybox"), List.of(rootId));
        baseBuild.carry(new LabelAncestry().add(rootId, Instant.parse("2020-01-01T00:00:00Z"), null));
        String baseLabel = baseBuild.label();

        ActivityRecord topBuild = ImageBuild.start(Map.of("t", List.of("app:1")), Instant.now(), ada);
        ImageBuild.baseImages(topBuild, List.of("base:1"), List.of(baseId));
        topBuild.carry(new LabelAncestry().add(baseId, baseMade, baseLabel));
        String label = topBuild.label();
        ActivityRecord again = ImageBuild.start(Map.of("t", List.of("app:1")), Instant.now(), ada);
        ImageBuild.baseImages(again, List.of("base:1"), List.of(baseId));
        again.carry(new LabelAncestry().add(baseId, baseMade, baseLabel));
        assertEquals(label, again.label(), "the same bases carry the same text: a rebuild keeps its image ID");

        LabelProvenance.Parsed parsed = LabelProvenance.parseCarrying(label);
        assertEquals(Set.of(Vocab.imageIri(baseId), Vocab.imageIri(rootId)), parsed.carried().keySet(),
                "the base, and what the base's label carried in turn");
        assertTrue(parsed.said().isIsomorphicWith(ProvenanceLabel.read(label)) && !ask(parsed.said(), "?base docker:created ?t"),
                "the label's own statements, apart from what it carries");
        assertTrue(ask(claims(parsed.said(), Set.of()).model(), "<" + IMAGE + "> prov:wasDerivedFrom <" + Vocab.imageIri(baseId) + ">"),
                "the image derives from the base its plan names");

        String baseIri = Vocab.imageIri(baseId);
        LabelClaims base = LabelClaims.of(parsed.carried().get(baseIri), baseIri, iri -> false);
        String made = LabelClaims.plannedActivityIri(baseIri);
        assertTrue(ask(base.model(), "<" + baseIri + "> prov:wasGeneratedBy <" + made + ">; prov:wasDerivedFrom <"
                + Vocab.imageIri(rootId) + ">; docker:created ?t . <" + made + "> prov:endedAtTime ?t;"
                + " prov:wasAssociatedWith <https://orcid.org/0000-0002-1825-0097>;"
                + " prov:qualifiedAssociation [ prov:hadPlan <" + baseBuild.planIri() + "> ] . <" + baseBuild.planIri()
                + "> docker:tag 'base:1' FILTER(STR(?t) = '2026-11-27T10:15:30.123456789Z')"),
                "who made the base and when, from the label of the image built on it: " + base.model());
        assertTrue(base.dropped().stream().allMatch(d -> d.subject().equals("<" + Vocab.imageIri(rootId) + ">")),
                "only what the plan says of its own base image: " + base.droppedSummary());
        Model root = parsed.carried().get(Vocab.imageIri(rootId));
        assertTrue(ask(root, "<" + Vocab.imageIri(rootId) + "> docker:created ?t") && !ask(root, "?a a prov:Activity"),
                "an unlabelled base is carried with when it was made, and nothing else");
    }

    @Test
    void aCarriedChainStopsAtItsLimit() {
        LabelAncestry ancestry = new LabelAncestry();
        for (int i = 0; i < LabelAncestry.MAX_IMAGES + 5; i++) {
            ancestry.add(String.format("%064x", i), Instant.EPOCH, null);
        }
        assertEquals(LabelAncestry.MAX_IMAGES, ancestry.graphs().size());
    }

    @Test
    void aCommitLabelsImageDerivesFromTheImageItsContainerCameFrom() {
        ActivityRecord record = ContainerCommit.start(Map.of(), "d".repeat(64), "c".repeat(64), Instant.now(),
                new Agents("0.1.0", "26.1.5", new Agent("Ada", null, null, null, null, null, null), "ada@host"));
        LabelClaims claims = claims(ProvenanceLabel.read(record.label()), Set.of());
        assertTrue(ask(claims.model(), "<" + IMAGE + "> prov:wasDerivedFrom <" + OTHER_IMAGE + ">"));
        assertFalse(ask(claims.model(), "<" + IMAGE + "> prov:wasDerivedFrom <" + Vocab.containerIri("d".repeat(64)) + ">"),
                "a container is no image of ours to derive from here");
    }

    @Test
    void theStoresBookkeepingTermsAndUnsafeIrisAreNotALabelsToSay() {
        Model label = turtle("<" + IMAGE + "> prov:has_provenance <urn:ex:elsewhere>; prov:wasGeneratedBy <" + OWN + "> ."
                + " <" + OWN + "> a prov:Activity, sc:Recovered; sc:labelOf <" + IMAGE + ">; prov:used <urn:ex:a%3Eb> .");
        label.createResource(OWN).addProperty(Vocab.Prov.used, label.createResource("urn:ex:a> } ; INSERT DATA { <urn:ex:b"));
        LabelClaims claims = claims(label, Set.of());
        assertFalse(ask(claims.model(), "?s prov:has_provenance|sc:labelOf ?o"));
        assertFalse(ask(claims.model(), "?s a sc:Recovered"));
        assertTrue(ask(claims.model(), "<" + OWN + "> prov:used <urn:ex:a%3Eb>"));
        assertEquals(1, claims.model().listObjectsOfProperty(Vocab.Prov.used).toList().size(), "the unsafe IRI is dropped");
        assertTrue(claims.droppedSummary().contains("cannot be stored as it is"), claims.droppedSummary());
    }

    @Test
    void aLabelNamingTooManyResourcesIsRefused() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= LabelClaims.MAX_IRIS; i++) {
            many.append("<urn:ex:").append(i).append("> a prov:Entity . ");
        }
        assertThrows(IllegalArgumentException.class, () -> LabelClaims.irisToCheck(turtle(many.toString())));
    }
}
