package org.smartcontainers.provenance.record;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;

/**
 * Who acted: the Docker daemon (a software agent with its version) on behalf of this daemon (a
 * software agent with its version). The person they act for arrives with the config store.
 */
public record Agents(String smartcontainersVersion, String dockerVersion) {

    public String smartcontainersIri() {
        return Vocab.INSTANCE_BASE + "agent/smartcontainers/" + smartcontainersVersion;
    }

    public String dockerIri() {
        return Vocab.INSTANCE_BASE + "agent/docker-engine/" + dockerVersion;
    }

    /** Adds both agents and associates the activity with them. */
    void describe(Model model, Resource activity) {
        Resource sc = model.createResource(smartcontainersIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "SmartContainers")
                .addProperty(Vocab.Sc.version, smartcontainersVersion);
        Resource docker = model.createResource(dockerIri())
                .addProperty(RDF.type, Vocab.Prov.SoftwareAgent)
                .addProperty(RDFS.label, "Docker Engine")
                .addProperty(Vocab.Docker.version, dockerVersion)
                .addProperty(Vocab.Prov.actedOnBehalfOf, sc);
        activity.addProperty(Vocab.Prov.wasAssociatedWith, sc).addProperty(Vocab.Prov.wasAssociatedWith, docker);
    }
}
