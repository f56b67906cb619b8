package org.smartcontainers.web.rdf;

import java.util.List;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** LDP and Hydra terms, the vocabularies of the read side. */
public final class WebVocab {
    public static final String LDP_NS = "http://www.w3.org/ns/ldp#";
    public static final String HYDRA_NS = "http://www.w3.org/ns/hydra/core#";

    private WebVocab() {
    }

    public static final class Ldp {
        public static final Resource Resource = resource(LDP_NS, "Resource");
        public static final Resource RDFSource = resource(LDP_NS, "RDFSource");
        public static final Resource NonRDFSource = resource(LDP_NS, "NonRDFSource");
        public static final Resource Container = resource(LDP_NS, "Container");
        public static final Resource BasicContainer = resource(LDP_NS, "BasicContainer");
        public static final Property contains = property(LDP_NS, "contains");
        /** What each kind of resource says it is, in {@code Link rel="type"} headers. */
        public static final List<String> CONTAINER_TYPES = List.of(BasicContainer.getURI(), Resource.getURI());
        public static final List<String> RDF_SOURCE_TYPES = List.of(RDFSource.getURI(), Resource.getURI());
        public static final List<String> NON_RDF_SOURCE_TYPES = List.of(NonRDFSource.getURI(), Resource.getURI());

        private Ldp() {
        }
    }

    public static final class Hydra {
        public static final String API_DOCUMENTATION_REL = HYDRA_NS + "apiDocumentation";
        public static final Resource ApiDocumentation = resource(HYDRA_NS, "ApiDocumentation");
        public static final Resource Collection = resource(HYDRA_NS, "Collection");
        public static final Resource PartialCollectionView = resource(HYDRA_NS, "PartialCollectionView");
        public static final Resource Class = resource(HYDRA_NS, "Class");
        public static final Resource Operation = resource(HYDRA_NS, "Operation");
        public static final Resource SupportedProperty = resource(HYDRA_NS, "SupportedProperty");
        public static final Resource Link = resource(HYDRA_NS, "Link");
        public static final Property entrypoint = property(HYDRA_NS, "entrypoint");
        public static final Property title = property(HYDRA_NS, "title");
        public static final Property description = property(HYDRA_NS, "description");
        public static final Property supportedClass = property(HYDRA_NS, "supportedClass");
        public static final Property supportedOperation = property(HYDRA_NS, "supportedOperation");
        public static final Property supportedProperty = property(HYDRA_NS, "supportedProperty");
        public static final Property property = property(HYDRA_NS, "property");
        public static final Property method = property(HYDRA_NS, "method");
        public static final Property returns = property(HYDRA_NS, "returns");
        public static final Property readable = property(HYDRA_NS, "readable");
        public static final Property writeable = property(HYDRA_NS, "writeable");
        public static final Property member = property(HYDRA_NS, "member");
        public static final Property totalItems = property(HYDRA_NS, "totalItems");
        public static final Property view = property(HYDRA_NS, "view");
        public static final Property first = property(HYDRA_NS, "first");
        public static final Property previous = property(HYDRA_NS, "previous");
        public static final Property next = property(HYDRA_NS, "next");
        public static final Property last = property(HYDRA_NS, "last");
        public static final Resource IriTemplate = resource(HYDRA_NS, "IriTemplate");
        public static final Resource IriTemplateMapping = resource(HYDRA_NS, "IriTemplateMapping");
        public static final Property search = property(HYDRA_NS, "search");
        public static final Property template = property(HYDRA_NS, "template");
        public static final Property variableRepresentation = property(HYDRA_NS, "variableRepresentation");
        public static final Resource BasicRepresentation = resource(HYDRA_NS, "BasicRepresentation");
        public static final Property mapping = property(HYDRA_NS, "mapping");
        public static final Property variable = property(HYDRA_NS, "variable");
        public static final Property required = property(HYDRA_NS, "required");
        public static final Property freetextQuery = property(HYDRA_NS, "freetextQuery");

        private Hydra() {
        }
    }

    private static Resource resource(String ns, String local) {
        return ResourceFactory.createResource(ns + local);
    }

    private static Property property(String ns, String local) {
        return ResourceFactory.createProperty(ns, local);
    }
}
