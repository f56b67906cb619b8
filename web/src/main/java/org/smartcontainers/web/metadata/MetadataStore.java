package org.smartcontainers.web.metadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.web.rdf.WebVocab.Ldp;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.ProvenanceStore;

/**
 * What users attach to an image or container, in the provenance store: each resource's content in
 * a named graph of its own (its stable IRI), and what the server keeps about it (type, times,
 * version, a non-RDF body and its media type) in the graph {@code IRI#server}. Writes go one at a
 * time, so a version check and the write it guards cannot interleave with another.
 */
final class MetadataStore {
    static final Property metadataOf = ResourceFactory.createProperty(Vocab.SC_NS, "metadataOf");
    static final Property version = ResourceFactory.createProperty(Vocab.SC_NS, "version");
    static final Property content = ResourceFactory.createProperty(Vocab.SC_NS, "content");
    static final Resource DELETED = ResourceFactory.createResource(Vocab.SC_NS + "DeletedResource");

    /** One stored resource: RDF (content) or not (bytes and their media type). */
    record Stored(String iri, boolean rdf, Model content, byte[] bytes, String mediaType, String version,
            Instant created, Instant modified) {
    }

    private final ProvenanceStore store;
    private final Object writes = new Object();

    MetadataStore(ProvenanceStore store) {
        this.store = store;
    }

    Object writeLock() {
        return writes;
    }

    List<String> members(String entityIri) {
        List<String> members = new ArrayList<>();
        var rows = store.select("SELECT DISTINCT ?r WHERE { " + recordsOf("<" + entityIri + ">") + " } ORDER BY ?r");
        rows.forEachRemaining(row -> members.add(row.getResource("r").getURI()));
        return members;
    }

    Optional<Stored> get(String iri) {
        var rows = store.select("SELECT ?p ?o WHERE { GRAPH <" + server(iri) + "> { <" + iri + "> ?p ?o } }");
        Map<String, QuerySolution> byProperty = new HashMap<>();
        boolean rdf = false;
        while (rows.hasNext()) {
            QuerySolution row = rows.next();
            String property = row.getResource("p").getURI();
            if (property.equals(RDF.type.getURI())) {
                rdf |= row.getResource("o").equals(Ldp.RDFSource);
            } else {
                byProperty.put(property, row);
            }
        }
        if (!byProperty.containsKey(version.getURI())) {
            return Optional.empty();
        }
        Model model = rdf ? store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + iri + "> { ?s ?p ?o } }") : null;
        byte[] bytes = rdf ? null : (byte[]) literal(byProperty, content).getValue();
        String mediaType = rdf ? null : literal(byProperty, DCTerms.format).getString();
        return Optional.of(new Stored(iri, rdf, model, bytes, mediaType, literal(byProperty, version).getString(),
                instant(byProperty, DCTerms.created), instant(byProperty, DCTerms.modified)));
    }

    /** Creates or replaces; returns the new version. {@code created} is kept from the old one when replacing. */
    String put(String iri, String entityIri, Model rdfContent, byte[] bytes, String mediaType, Instant created) {
        String newVersion = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Instant now = Instant.now();
        Model server = ModelFactory.createDefaultModel();
        Resource resource = server.createResource(iri)
                .addProperty(RDF.type, rdfContent != null ? Ldp.RDFSource : Ldp.NonRDFSource)
                .addProperty(RDF.type, Ldp.Resource)
                .addProperty(metadataOf, server.createResource(entityIri))
                .addProperty(version, newVersion)
                .addProperty(DCTerms.created, server.createTypedLiteral(created == null ? now.toString() : created.toString(),
                        XSDDatatype.XSDdateTime))
                .addProperty(DCTerms.modified, server.createTypedLiteral(now.toString(), XSDDatatype.XSDdateTime));
        if (rdfContent == null) {
            resource.addProperty(DCTerms.format, mediaType)
                    .addProperty(content, server.createTypedLiteral(bytes, XSDDatatype.XSDbase64Binary))
                    .addLiteral(DCTerms.extent, (long) bytes.length);
        }
        Map<String, Model> graphs = new HashMap<>();
        graphs.put(iri, rdfContent);
        graphs.put(server(iri), server);
        store.put(graphs);
        return newVersion;
    }

    /** Removes the content and leaves a tombstone, so the resource's URI is never handed out again. */
    void delete(String iri) {
        Model tombstone = ModelFactory.createDefaultModel();
        tombstone.createResource(iri).addProperty(RDF.type, DELETED)
                .addProperty(DCTerms.modified, tombstone.createTypedLiteral(Instant.now().toString(), XSDDatatype.XSDdateTime));
        Map<String, Model> graphs = new HashMap<>();
        graphs.put(iri, null);
        graphs.put(server(iri), tombstone);
        store.put(graphs);
    }

    /** Was this IRI ever used (now or before a delete)? */
    boolean taken(String iri) {
        return store.ask("ASK { GRAPH <" + server(iri) + "> { ?s ?p ?o } }");
    }

    /** The container's own triples that users wrote (its title, say); empty when they wrote none. */
    Model containerTriples(String containerIri) {
        return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + containerIri + "> { ?s ?p ?o } }");
    }

    void putContainerTriples(String containerIri, Model triples) {
        Map<String, Model> graphs = new HashMap<>();
        graphs.put(containerIri, triples);
        store.put(graphs);
    }

    /**
     * The pattern binding {@code ?r} to what was attached to {@code entity}: from the server's own
     * records only, so triples in a user's body cannot make members anywhere.
     */
    static String recordsOf(String entity) {
        return "GRAPH ?server { ?r a <" + Ldp.Resource.getURI() + "> ; <" + metadataOf.getURI() + "> " + entity
                + " } FILTER(?server = IRI(CONCAT(STR(?r), \"#server\")))";
    }

    private static String server(String iri) {
        return iri + "#server";
    }

    private static Literal literal(Map<String, QuerySolution> rows, Property property) {
        QuerySolution row = rows.get(property.getURI());
        if (row == null) {
            throw new IllegalStateException("stored metadata lacks " + property);
        }
        return row.getLiteral("o");
    }

    private static Instant instant(Map<String, QuerySolution> rows, Property property) {
        return Instant.parse(literal(rows, property).getLexicalForm());
    }
}
