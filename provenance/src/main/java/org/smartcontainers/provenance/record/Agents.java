package org.smartcontainers.provenance.record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.Vocab;

/**
 * Who acted: the Docker daemon (a software agent with its version) on behalf of this daemon (a
 * software agent with its version) on behalf of a person. The person is named by their ORCID iD;
 * without one, by a local IRI that stays the same for the same e-mail address, name or account.
 *
 * @param person  what the config store says about the person (validated)
 * @param account the local account the call came from ({@code user@host}), null when unknown;
 *                names the person when the config store names nobody
 */
public record Agents(String smartcontainersVersion, String dockerVersion, Agent person, String account) {

    public Agents {
        person = person == null ? Agent.NOBODY : person;
    }

    /** Software agents only, for callers that know no person (tests of the software chain). */
    public Agents(String smartcontainersVersion, String dockerVersion) {
        this(smartcontainersVersion, dockerVersion, Agent.NOBODY, null);
    }

    public String smartcontainersIri() {
        return Vocab.INSTANCE_BASE + "agent/smartcontainers/" + smartcontainersVersion;
    }

    public String dockerIri() {
        return Vocab.INSTANCE_BASE + "agent/docker-engine/" + dockerVersion;
    }

    /** Null when neither the config store nor the call names anyone. */
    public String personIri() {
        if (person.orcid() != null) {
            return person.orcid();
        }
        String key = person.email() != null ? "mailto:" + person.email()
                : person.name() != null ? "name:" + person.name()
                : account != null ? "account:" + account : null;
        return key == null ? null
                : Vocab.INSTANCE_BASE + "agent/person-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the agents and their chain of delegation, and associates the activity with each. */
    void describe(Model model, Resource activity) {
        for (Resource agent : chain(model)) {
            activity.addProperty(Vocab.Prov.wasAssociatedWith, agent);
        }
    }

    /**
     * The Docker engine alone, associated with the activity: what it did without a call we saw (a start by
     * another client or by its restart policy, a container dying).
     */
    void describeEngine(Model model, Resource activity) {
        activity.addProperty(Vocab.Prov.wasAssociatedWith, model.createResource(dockerIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "Docker Engine")
                .addProperty(Vocab.Docker.version, dockerVersion));
    }

    /**
     * Associates the activity with each agent, by IRI alone: for a run whose plan describes them
     * (described twice, a blank node such as the affiliation would be there twice).
     */
    void associate(Model model, Resource activity) {
        activity.addProperty(Vocab.Prov.wasAssociatedWith, model.createResource(smartcontainersIri()));
        activity.addProperty(Vocab.Prov.wasAssociatedWith, model.createResource(dockerIri()));
        String personIri = personIri();
        if (personIri != null) {
            activity.addProperty(Vocab.Prov.wasAssociatedWith, model.createResource(personIri));
        }
    }

    /**
     * Adds the agents and their chain, and attributes {@code entity} (a plan) to the one who asked
     * for it: the person, or SmartContainers when nobody is known.
     */
    void attribute(Model model, Resource entity) {
        chain(model);
        entity.addProperty(Vocab.Prov.wasAttributedTo, model.createResource(principalIri()));
    }

    /** The person when known, else SmartContainers: who a plan is attributed to. */
    public String principalIri() {
        String person = personIri();
        return person != null ? person : smartcontainersIri();
    }

    /** SmartContainers, the Docker Engine acting for it, and the person it acts for (when known). */
    private List<Resource> chain(Model model) {
        Resource sc = model.createResource(smartcontainersIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "SmartContainers")
                .addProperty(Vocab.Sc.version, smartcontainersVersion);
        Resource docker = model.createResource(dockerIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "Docker Engine")
                .addProperty(Vocab.Docker.version, dockerVersion)
                .addProperty(Vocab.Prov.actedOnBehalfOf, sc);
        String personIri = personIri();
        if (personIri == null) {
            return List.of(sc, docker);
        }
        Resource human = describePerson(model.createResource(personIri));
        sc.addProperty(Vocab.Prov.actedOnBehalfOf, human);
        return List.of(sc, docker, human);
    }

    private Resource describePerson(Resource human) {
        human.addProperty(RDF.type, Vocab.Prov.Person)
                .addProperty(RDF.type, Vocab.Foaf.Person);
        Model model = human.getModel();
        String name = person.name() != null ? person.name() : joined(person.givenName(), person.familyName());
        if (name == null && person.isEmpty()) {
            name = account; // nobody configured: the account is all we know
        }
        addIfGiven(human, Vocab.Foaf.name, name);
        addIfGiven(human, Vocab.Foaf.givenName, person.givenName());
        addIfGiven(human, Vocab.Foaf.familyName, person.familyName());
        if (person.email() != null) {
            human.addProperty(Vocab.Foaf.mbox, model.createResource("mailto:" + person.email()));
        }
        if (person.homepage() != null) {
            human.addProperty(Vocab.Foaf.homepage, model.createResource(person.homepage()));
        }
        if (person.affiliation() != null) {
            human.addProperty(Vocab.Schema.affiliation, model.createResource()
                    .addProperty(RDF.type, Vocab.Foaf.Organization)
                    .addProperty(Vocab.Foaf.name, person.affiliation()));
        }
        if (account != null) {
            human.addProperty(Vocab.Sc.localAccount, account);
        }
        return human;
    }

    private static String joined(String given, String family) {
        String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
        return joined.isEmpty() ? null : joined;
    }

    private static void addIfGiven(Resource subject, Property property, String value) {
        if (value != null) {
            subject.addProperty(property, value);
        }
    }
}
