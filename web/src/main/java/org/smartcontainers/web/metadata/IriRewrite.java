package org.smartcontainers.web.metadata;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;

/**
 * Moves IRIs between the address a client used ({@code http://127.0.0.1:8750/images/ID/metadata/x})
 * and the stable one stored ({@code https://w3id.org/daspos/smartcontainers/image/ID/metadata/x}),
 * so that what users attach reads the same from every host that shares a store.
 */
record IriRewrite(String from, String to) {
    Model apply(Model model) {
        Model out = ModelFactory.createDefaultModel();
        out.setNsPrefixes(model.getNsPrefixMap());
        model.getGraph().find().forEach(t -> out.getGraph().add(Triple.create(node(t.getSubject()), node(t.getPredicate()),
                node(t.getObject()))));
        return out;
    }

    String apply(String iri) {
        return iri.startsWith(from) ? to + iri.substring(from.length()) : iri;
    }

    private Node node(Node node) {
        return node.isURI() && node.getURI().startsWith(from) ? NodeFactory.createURI(apply(node.getURI())) : node;
    }
}
