package org.smartcontainers.provenance.recording;

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
        return new Agents(version, docker.dockerVersion(), person.agent(), person.account());
    }

    /** The software agents alone: for what the Docker engine did without a call we saw. */
    public Agents engine() {
        return new Agents(version, docker.dockerVersion());
    }

    /** True when {@link #agents} reads nothing: the daemon's version and the caller's account name are known. */
    public boolean known(Caller caller) {
        return docker.dockerVersionKnown() && people.knows(caller);
    }
}
