package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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

    @Test
    void thePersonIsNamedByTheirOrcidAtTheEndOfTheChain() {
        Agents agents = new Agents("1.0", "28.0", ADA, "ada@host");
        Model model = recorded(agents);
        Resource person = model.createResource("https://orcid.org/0000-0002-1825-0097");
        Resource sc = model.createResource(agents.smartcontainersIri());
        Resource docker = model.createResource(agents.dockerIri());
        assertTrue(model.contains(person, RDF.type, Vocab.Prov.Person) && model.contains(person, RDF.type, Vocab.Foaf.Person));
        assertTrue(model.contains(docker, Vocab.Prov.actedOnBehalfOf, sc), "Docker acts for SmartContainers");
        assertTrue(model.contains(sc, Vocab.Prov.actedOnBehalfOf, person), "SmartContainers acts for the person");
        for (Resource agent : new Resource[] {person, sc, docker}) {
            assertTrue(model.contains(null, Vocab.Prov.wasAssociatedWith, agent), agent + " is associated");
        }
        assertTrue(model.contains(person, Vocab.Foaf.name, "Ada Lovelace"));
        assertTrue(model.contains(person, Vocab.Foaf.mbox, model.createResource("mailto:ada@example.org")));
        assertTrue(model.contains(person, Vocab.Sc.localAccount, "ada@host"));
        assertTrue(model.listObjectsOfProperty(person, Vocab.Schema.affiliation).next().asResource()
                .hasProperty(Vocab.Foaf.name, "Analytical Engines"));
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
    void withNobodyConfiguredTheAccountNamesThePerson() {
        Agents agents = new Agents("1.0", "28.0", Agent.NOBODY, "carol@host");
        Model model = recorded(agents);
        Resource person = model.createResource(agents.personIri());
        assertTrue(model.contains(person, Vocab.Foaf.name, "carol@host"));
        assertNull(new Agents("1.0", "28.0").personIri(), "no person and no account: no person at all");
        assertFalse(recorded(new Agents("1.0", "28.0")).contains(null, RDF.type, Vocab.Prov.Person));
    }
}
