package org.smartcontainers.provenance.record;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.Vocab;

/**
 * Who acted, in qualified PROV: the Docker engine (the daemon it is: its ID, host and version) carried
 * the call out for SmartContainers, which recorded it for the person who asked. Each is associated
 * with the activity in its role ({@code prov:qualifiedAssociation}, {@code prov:hadRole}; the local
 * account the call came from on the person's association), and each delegation holds for that
 * activity alone ({@code prov:qualifiedDelegation} with {@code prov:hadActivity}): nobody acts for
 * anybody in general. The person is named by their ORCID iD; without one, by a local IRI from the
 * id the config store keeps for them ({@link #personIri}). An organisation is named by its name.
 *
 * @param engine  the Docker engine: {@code id} and {@code host} null when it could not say who it is
 * @param person  what the config store says about the person (validated)
 * @param account the local account the call came from ({@code user@host}), null when unknown;
 *                names the person when the config store names nobody
 */
public record Agents(String smartcontainersVersion, Engine engine, Agent person, String account) {

    /** The Docker engine as records name it. */
    public record Engine(String id, String host, String version) {
    }

    public Agents {
        person = person == null ? Agent.NOBODY : person;
    }

    public Agents(String smartcontainersVersion, String dockerVersion, Agent person, String account) {
        this(smartcontainersVersion, new Engine(null, null, dockerVersion), person, account);
    }

    /** Software agents only, for callers that know no person (tests of the software chain). */
    public Agents(String smartcontainersVersion, String dockerVersion) {
        this(smartcontainersVersion, dockerVersion, Agent.NOBODY, null);
    }

    public String dockerVersion() {
        return engine.version();
    }

    public String smartcontainersIri() {
        return Vocab.INSTANCE_BASE + "agent/smartcontainers/" + smartcontainersVersion;
    }

    /** The engine by its own ID; by its version alone when it could not say who it is. */
    public String dockerIri() {
        return engine.id() != null ? Vocab.engineIri(engine.id())
                : Vocab.INSTANCE_BASE + "agent/docker-engine/" + engine.version();
    }

    /**
     * The person's ORCID iD; else {@code …/agent/person-<id>}, the id the config store keeps for them,
     * so a rename keeps it and two people of one name have two; else (a person given without an id:
     * by the environment or flags alone, or built in tests) the UUID of their e-mail address, else of
     * the account the call came from, never of a name alone, which two people may share. Null when
     * neither the config store nor the call names anyone.
     */
    public String personIri() {
        if (person.orcid() != null) {
            return person.orcid();
        }
        if (person.id() != null && !person.isEmpty()) {
            return Vocab.INSTANCE_BASE + "agent/person-" + person.id();
        }
        String key = person.email() != null ? "mailto:" + person.email()
                : account != null ? "account:" + account : null;
        return key == null ? null : localIri("person", key);
    }

    private static String localIri(String kind, String key) {
        return Vocab.INSTANCE_BASE + "agent/" + kind + "-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Docker engine alone, described and associated with the activity in its role: what it did
     * without a call we saw (a start by another client or by its restart policy, a container dying).
     */
    void describeEngine(Model model, Resource activity) {
        describeEngine(model);
        associated(model, activity, model.createResource(dockerIri()), Vocab.Docker.EngineRole);
    }

    /**
     * Describes the agents and associates the activity with each in its role, with this activity's
     * delegations. Returns the association of the one who asked (the person, else SmartContainers).
     */
    Resource describe(Model model, Resource activity) {
        describeAgents(model);
        return associate(model, activity);
    }

    /**
     * Associates the activity with each agent in its role, by IRI alone (for a run whose plan describes
     * them), and states this activity's delegations. Returns the association of the one who asked.
     */
    Resource associate(Model model, Resource activity) {
        Resource sc = model.createResource(smartcontainersIri());
        Resource docker = model.createResource(dockerIri());
        String personIri = personIri();
        Resource principal = associated(model, activity, sc, Vocab.Sc.RecorderRole);
        associated(model, activity, docker, Vocab.Docker.EngineRole);
        delegated(model, activity, docker, sc);
        if (personIri != null) {
            Resource human = model.createResource(personIri);
            principal = associated(model, activity, human, Vocab.Sc.RequesterRole);
            if (account != null) {
                principal.addProperty(Vocab.Sc.localAccount, account);
            }
            delegated(model, activity, sc, human);
        }
        return principal;
    }

    private static Resource associated(Model model, Resource activity, Resource agent, Resource role) {
        activity.addProperty(Vocab.Prov.wasAssociatedWith, agent);
        Resource association = model.createResource()
                .addProperty(RDF.type, Vocab.Prov.Association)
                .addProperty(Vocab.Prov.agent, agent)
                .addProperty(Vocab.Prov.hadRole, role);
        activity.addProperty(Vocab.Prov.qualifiedAssociation, association);
        return association;
    }

    private static void delegated(Model model, Resource activity, Resource delegate, Resource responsible) {
        delegate.addProperty(Vocab.Prov.qualifiedDelegation, model.createResource()
                .addProperty(RDF.type, Vocab.Prov.Delegation)
                .addProperty(Vocab.Prov.agent, responsible)
                .addProperty(Vocab.Prov.hadActivity, activity));
    }

    /**
     * Describes the agents and attributes {@code entity} (a plan, or what an activity made) to the one
     * who asked for it: the person, or SmartContainers when nobody is known.
     */
    void attribute(Model model, Resource entity) {
        describeAgents(model);
        entity.addProperty(Vocab.Prov.wasAttributedTo, model.createResource(principalIri()));
    }

    /** The person when known, else SmartContainers: who a plan, or what was made, is attributed to. */
    public String principalIri() {
        String person = personIri();
        return person != null ? person : smartcontainersIri();
    }

    /** SmartContainers, the Docker engine and the person (when known), described; no relation between them. */
    private void describeAgents(Model model) {
        model.createResource(smartcontainersIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "SmartContainers")
                .addProperty(Vocab.Sc.version, smartcontainersVersion);
        describeEngine(model);
        String personIri = personIri();
        if (personIri != null) {
            describePerson(model, personIri);
        }
    }

    private void describeEngine(Model model) {
        Resource docker = model.createResource(dockerIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "Docker Engine")
                .addProperty(Vocab.Docker.version, engine.version());
        if (engine.id() != null) {
            docker.addProperty(Vocab.Docker.engineId, engine.id());
        }
        if (engine.host() != null && !engine.host().isEmpty()) {
            docker.addProperty(Vocab.Docker.host, engine.host());
        }
    }

    /** The person, as every record that names them describes them. */
    Resource describePerson(Model model, String personIri) {
        Resource human = model.createResource(personIri);
        human.addProperty(RDF.type, Vocab.Prov.Person)
                .addProperty(RDF.type, Vocab.Foaf.Person);
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
            human.addProperty(Vocab.Schema.affiliation, model.createResource(localIri("organization", person.affiliation()))
                    .addProperty(RDF.type, Vocab.Foaf.Organization)
                    .addProperty(RDF.type, Vocab.Prov.Organization)
                    .addProperty(Vocab.Foaf.name, person.affiliation()));
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
