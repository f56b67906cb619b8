package org.smartcontainers.provenance.store;

import org.apache.jena.rdf.model.Model;

/** One activity's provenance and the IRI of the graph that holds it. */
public record NamedGraph(String name, Model model) {
}
