package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.Vocab;

class AgentsTest {
    private static final Agent ADA = new Agent("Ada Lovelace", "Ada", "Lovelace", "ada@example.org", "Analytical Engines",
            "https://example.org/ada", "0000-0002-1825-0097").validated();

    private static Model recorded(Agents agents) {
        return new ActivityRecord(Vocab.Docker.Create, Instant.now(), agents).known();
    }

    private static boolean ask(Model model, String where) {
        try (QueryExecution exec = QueryExecution.model(model).query("PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX sc: <"
                + Vocab.SC_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS + "> PREFIX foaf: <" + Vocab.FOAF_NS + "> ASK { "
                + where + " }").build()) {
            return exec.execAsk();
        }
    }

    @Test
    void eachAgentIsAssociatedInItsRoleAndDelegatesForThisActivityAlone() {
        Agents agents = new Agents("1.0", new Agents.Engine("4d1c9b2e-uuid", "lab1", "28.0"), ADA, "ada@host");
        ActivityRecord record = new ActivityRecord(Vocab.Docker.Create, Instant.now(), agents);
        Model model = record.known();
        String activity = "<" + record.iri() + ">";
        String person = "<https://orcid.org/0000-0002-1825-0097>";
        String sc = "<" + agents.smartcontainersIri() + ">";
        String docker = "<" + agents.dockerIri() + ">";
        assertEquals(Vocab.INSTANCE_BASE + "agent/docker-engine/4d1c9b2e-uuid", agents.dockerIri(), "the engine by its own ID");
        assertTrue(ask(model, docker + " a prov:SoftwareAgent; docker:engineId '4d1c9b2e-uuid'; docker:host 'lab1'; docker:version '28.0'"));
        assertTrue(ask(model, person + " a prov:Person, foaf:Person; foaf:name 'Ada Lovelace'; foaf:mbox <mailto:ada@example.org>"));
        assertTrue(ask(model, activity + " prov:qualifiedAssociation [ a prov:Association; prov:agent " + person
                + "; prov:hadRole sc:requester; sc:localAccount 'ada@host' ], [ prov:agent " + sc + "; prov:hadRole sc:recorder ],"
                + " [ prov:agent " + docker + "; prov:hadRole docker:engine ]; prov:wasAssociatedWith " + person + ", " + sc + ", " + docker));
        assertTrue(ask(model, docker + " prov:qualifiedDelegation [ a prov:Delegation; prov:agent " + sc + "; prov:hadActivity " + activity + " ] ."
                + sc + " prov:qualifiedDelegation [ prov:agent " + person + "; prov:hadActivity " + activity + " ]"),
                "Docker acted for SmartContainers, and SmartContainers for the person, in this activity");
        assertFalse(ask(model, "?someone prov:actedOnBehalfOf ?other"), "nobody acts for anybody in general");
        assertFalse(ask(model, person + " sc:localAccount ?account"), "the account is the association's, not the person's");
        assertTrue(ask(model, person + " <" + Vocab.Schema.affiliation.getURI() + "> ?org . ?org a foaf:Organization, prov:Organization;"
                + " foaf:name 'Analytical Engines' FILTER(isIRI(?org))"), "an organisation has an IRI: " + model);
        Resource org = model.listObjectsOfProperty(model.createResource("https://orcid.org/0000-0002-1825-0097"),
                Vocab.Schema.affiliation).next().asResource();
        assertEquals(org.getURI(), recorded(new Agents("2.0", "29.0", new Agent("Other", null, null, null,
                "Analytical Engines", null, null), "other@host")).listObjectsOfProperty(Vocab.Schema.affiliation).next().asResource().getURI(),
                "one organisation, one IRI, whoever names it");
    }

    @Test
    void withoutAnOrcidTheLocalIriIsStableForTheSamePerson() {
        Agent noOrcid = new Agent("Bob", null, null, "bob@example.org", null, null, null);
        String first = new Agents("1.0", "28.0", noOrcid, "bob@a").personIri();
        assertEquals(first, new Agents("2.0", "29.0", noOrcid, "bob@b").personIri(), "same e-mail, same IRI");
        assertTrue(first.startsWith(Vocab.INSTANCE_BASE + "agent/person-"), first);
        assertNotEquals(first, new Agents("1.0", "28.0", noOrcid.overriddenBy(
                new Agent(null, null, null, "robert@example.org", null, null, null)), "bob@a").personIri());
    }

    @Test
    void aConfiguredPersonIsNamedByTheirIdSoARenameKeepsItAndTwoOfOneNameAreTwo() {
        Agent bob = new Agent("5f0c3b1e-8d2a-4c6f-9b7e-2a1d4e6f8c90", "Bob", null, null, null, null, null, null);
        Agent otherBob = new Agent("0b6f2c4d-1e3a-4f5b-8c7d-9e0a1b2c3d4e", "Bob", null, null, null, null, null, null);
        String iri = new Agents("1.0", "28.0", bob, "bob@a").personIri();
        assertEquals(Vocab.INSTANCE_BASE + "agent/person-5f0c3b1e-8d2a-4c6f-9b7e-2a1d4e6f8c90", iri);
        assertEquals(iri, new Agents("1.0", "28.0", bob.overriddenBy(new Agent("Robert", null, null, "bob@example.org",
                null, null, null)), "bob@b").personIri(), "renamed, given an e-mail address, on another account: the same person");
        assertNotEquals(iri, new Agents("1.0", "28.0", otherBob, "bob@a").personIri(), "another Bob, even on the same account");
        assertEquals(ADA.orcid(), new Agents("1.0", "28.0", ADA.overriddenBy(bob), "ada@a").personIri(), "an ORCID iD still wins");
    }

    @Test
    void withoutAnIdANameAloneNamesNobodyTheAccountDoes() {
        Agent bob = new Agent("Bob", null, null, null, null, null, null);
        String onA = new Agents("1.0", "28.0", bob, "bob@a").personIri();
        assertNotEquals(onA, new Agents("1.0", "28.0", bob, "robert@b").personIri(), "two accounts, two people of one name");
        assertEquals(onA, new Agents("1.0", "28.0", bob.overriddenBy(new Agent("Robert", null, null, null, null, null, null)),
                "bob@a").personIri(), "a rename keeps it");
        assertEquals(onA, new Agents("1.0", "28.0", Agent.NOBODY, "bob@a").personIri(), "the account's own IRI");
        assertNull(new Agents("1.0", "28.0", bob, null).personIri(), "a name alone names no one");
    }

    @Test
    void withNobodyConfiguredTheAccountNamesThePerson() {
        Agents agents = new Agents("1.0", "28.0", Agent.NOBODY, "carol@host");
        Model model = recorded(agents);
        Resource person = model.createResource(agents.personIri());
        assertTrue(model.contains(person, Vocab.Foaf.name, "carol@host"));
        assertNull(new Agents("1.0", "28.0").personIri(), "no person and no account: no person at all");
        assertFalse(recorded(new Agents("1.0", "28.0")).contains(null, RDF.type, Vocab.Prov.Person));
    }
}
