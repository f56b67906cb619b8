package org.smartcontainers.provenance.recording;

import java.util.Optional;
import org.smartcontainers.config.Agent;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.record.Agents;

/** Who a record names for a call: the Docker engine, SmartContainers, and the person the caller acts for. */
public final class Attribution {
    private final String version;
    private final DockerClient docker;
    private final People people;

    /** @param smartcontainersVersion the version records give for SmartContainers itself */
    public Attribution(String smartcontainersVersion, DockerClient docker, People people) {
        this.version = smartcontainersVersion;
        this.docker = docker;
        this.people = people;
    }

    /** The software agents and the person the caller acts for, as the config says now. */
    public Agents agents(Caller caller) {
        People.Person person = people.of(caller);
        return new Agents(version, dockerEngine(), person.agent(), person.account());
    }

    /** The agents of the configured person a commit's {@code author} names, if it names one ({@link People#named}). */
    public Optional<Agents> author(String author) {
        return people.named(author).map(person -> new Agents(version, dockerEngine(), person, null));
    }

    /** The software agents alone: for what the Docker engine did without a call we saw. */
    public Agents engine() {
        return new Agents(version, dockerEngine(), Agent.NOBODY, null);
    }

    /** The Docker engine: who it is (when it can say) and the version it runs. */
    private Agents.Engine dockerEngine() {
        DockerClient.Identity identity = docker.identity();
        return new Agents.Engine(identity == null ? null : identity.id(), identity == null ? null : identity.host(),
                docker.dockerVersion());
    }

    /** True when {@link #agents} reads nothing: the daemon's identity and version and the caller's account name are known. */
    public boolean known(Caller caller) {
        return docker.dockerVersionKnown() && docker.identityKnown() && people.knows(caller);
    }
}
