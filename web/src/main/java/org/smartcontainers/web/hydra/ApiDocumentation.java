package org.smartcontainers.web.hydra;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.rdf.WebVocab.Ldp;
import org.smartcontainers.web.resources.Kind;

/**
 * The Hydra API documentation at {@link #PATH}: the entry point, the classes we serve and the
 * operations they support. Every response links to it.
 */
public final class ApiDocumentation {
    public static final String PATH = "/api-doc";
    public static final Resource ENTRY_POINT = ResourceFactory.createResource(Vocab.SC_NS + "EntryPoint");
    /** The entry point's link to the SPARQL endpoint. */
    public static final Property SPARQL = ResourceFactory.createProperty(Vocab.SC_NS, "sparqlEndpoint");
    public static final Resource METADATA_CONTAINER = ResourceFactory.createResource(Vocab.SC_NS + "MetadataContainer");

    private ApiDocumentation() {
    }

    /** The entry point's link to a container: {@code sc:images}, {@code sc:containers}… */
    public static Property link(Kind kind) {
        return ResourceFactory.createProperty(Vocab.SC_NS, kind.segment());
    }

    /** The documentation, with absolute IRIs under {@code base}. */
    public static Model describe(String base) {
        Model model = ModelFactory.createDefaultModel();
        Resource doc = model.createResource(base + PATH).addProperty(RDF.type, Hydra.ApiDocumentation)
                .addProperty(Hydra.title, "SmartContainers provenance API")
                .addProperty(Hydra.description, "Provenance of Docker images and containers as W3C PROV-O, browsable as"
                        + " LDP containers and queryable with SPARQL. Provenance is read-only.")
                .addProperty(Hydra.entrypoint, model.createResource(base + "/"));

        Resource entryPoint = supportedClass(model, doc, ENTRY_POINT, "Entry point",
                "Links to the provenance containers and the SPARQL endpoint");
        for (Kind kind : Kind.values()) {
            Resource link = model.createResource(link(kind).getURI()).addProperty(RDF.type, Hydra.Link)
                    .addProperty(RDFS.label, kind.title())
                    .addProperty(RDFS.range, Hydra.Collection)
                    .addProperty(Hydra.supportedOperation, get(model, Hydra.Collection, "List the " + kind.segment()));
            entryPoint.addProperty(Hydra.supportedProperty, model.createResource()
                    .addProperty(RDF.type, Hydra.SupportedProperty).addProperty(Hydra.property, link)
                    .addLiteral(Hydra.readable, true).addLiteral(Hydra.writeable, false));
            Resource memberClass = model.createResource(kind.types().get(0));
            supportedClass(model, doc, memberClass, kind.title(), "A member of " + kind.containerPath() + ", read-only");
        }
        Resource sparql = model.createResource(SPARQL.getURI()).addProperty(RDF.type, Hydra.Link)
                .addProperty(RDFS.label, "SPARQL endpoint")
                .addProperty(RDFS.comment, "SPARQL 1.1 Protocol, query only: GET ?query=, POST application/sparql-query"
                        + " or a form");
        entryPoint.addProperty(Hydra.supportedProperty, model.createResource()
                .addProperty(RDF.type, Hydra.SupportedProperty).addProperty(Hydra.property, sparql)
                .addLiteral(Hydra.readable, true).addLiteral(Hydra.writeable, false));
        Resource search = model.createResource(Hydra.search.getURI()).addProperty(RDF.type, Hydra.Link)
                .addProperty(RDFS.label, "Search")
                .addProperty(RDFS.comment, "An IriTemplate: from the entry point, /search{?q} finds images, containers,"
                        + " activities and people by tag, name, short or full ID, person's name or ORCID iD (one found: 303"
                        + " to it; several: a hydra:Collection; none: 404); from /images/, /containers/ and /activities/,"
                        + " the list's filters {?kind,person,outcome,since,until,page}");
        entryPoint.addProperty(Hydra.supportedProperty, model.createResource()
                .addProperty(RDF.type, Hydra.SupportedProperty).addProperty(Hydra.property, search)
                .addLiteral(Hydra.readable, true).addLiteral(Hydra.writeable, false));
        Resource collection = supportedClass(model, doc, Hydra.Collection, "Collection",
                "A paged LDP Basic Container of provenance resources, newest first (hydra:view with first, next, last),"
                        + " narrowed by the filters its hydra:search template names");
        collection.addProperty(Hydra.supportedProperty, model.createResource()
                .addProperty(RDF.type, Hydra.SupportedProperty).addProperty(Hydra.property, search)
                .addLiteral(Hydra.readable, true).addLiteral(Hydra.writeable, false));
        Resource metadata = supportedClass(model, doc, METADATA_CONTAINER, "Metadata container",
                "/images/{id}/metadata/ and /containers/{id}/metadata/: an LDP Basic Container where users attach their own"
                        + " descriptions. POST Turtle, JSON-LD or N-Triples for an RDF Source, anything else for a Non-RDF"
                        + " Source (Slug names it); members take PUT with If-Match, PATCH (SPARQL Update) and DELETE."
                        + " Writes need the daemon's token (Bearer, or the Basic auth password). Constraints: ldp:contains"
                        + " is managed by the server; a deleted member's URI is never reused.");
        for (String method : new String[] {"POST", "PUT", "PATCH"}) {
            metadata.addProperty(Hydra.supportedOperation, model.createResource().addProperty(RDF.type, Hydra.Operation)
                    .addProperty(Hydra.method, method).addProperty(Hydra.title, method + " to the metadata container"));
        }
        supportedClass(model, doc, Ldp.BasicContainer, "LDP Basic Container", "Lists its members with ldp:contains");
        supportedClass(model, doc, Ldp.RDFSource, "LDP RDF Source", "A member: read-only provenance, or writable metadata");
        supportedClass(model, doc, Ldp.NonRDFSource, "LDP Non-RDF Source",
                "Attached metadata in any media type, described by an RDF Source at ?description");
        return model;
    }

    private static Resource supportedClass(Model model, Resource doc, Resource type, String title, String description) {
        Resource supported = model.createResource(type.getURI()).addProperty(RDF.type, Hydra.Class)
                .addProperty(Hydra.title, title).addProperty(Hydra.description, description)
                .addProperty(Hydra.supportedOperation, get(model, type, "Read " + title));
        doc.addProperty(Hydra.supportedClass, supported);
        return supported;
    }

    private static Resource get(Model model, Resource returns, String title) {
        return model.createResource().addProperty(RDF.type, Hydra.Operation).addProperty(Hydra.method, "GET")
                .addProperty(Hydra.title, title).addProperty(Hydra.returns, returns);
    }
}
