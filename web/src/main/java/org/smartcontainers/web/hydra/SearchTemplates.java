package org.smartcontainers.web.hydra;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.rdf.WebVocab.Hydra;
import org.smartcontainers.web.resources.Kind;

/**
 * The {@code hydra:search} templates a client fills in without reading our docs: {@code /search{?q}} from the entry
 * point, and each list's filters ({@code kind}, {@code person}, {@code outcome}, {@code since}, {@code until}) and page.
 */
public final class SearchTemplates {
    private SearchTemplates() {
    }

    /** {@code base/search{?q}}: a tag, name, short or full ID, a person's name or ORCID iD. */
    public static Resource search(Model model, String base) {
        Resource template = template(model, base + "/search{?q}");
        mapping(model, template, "q", Hydra.freetextQuery, true,
                "a tag or name, a short or full ID, a person's name or ORCID iD");
        return template;
    }

    /** The filters of a list, by the activity each member is (activities) or was made or brought by (images, containers). */
    public static Resource filters(Model model, String base, Kind kind) {
        Resource template = template(model, base + kind.containerPath() + "{?kind,person,outcome,since,until,page}");
        String about = kind == Kind.ACTIVITIES ? "the activity" : "the activity that made or brought it";
        mapping(model, template, "kind", RDF.type, false, about + " is of this docker: class (ImageBuild, ContainerRun…)");
        mapping(model, template, "person", model.createProperty(Vocab.PROV_NS, "wasAssociatedWith"), false,
                about + " was done by this person: an ORCID iD, an agent's IRI, or a name (any case)");
        mapping(model, template, "outcome", Vocab.Sc.outcome, false, about + " ended so: success, failure…");
        mapping(model, template, "since", model.createProperty(Vocab.PROV_NS, "startedAtTime"), false,
                "from this instant (2026-11-27T10:15:30Z) or day (2026-11-27), included");
        mapping(model, template, "until", model.createProperty(Vocab.PROV_NS, "startedAtTime"), false,
                "to this instant or day, included");
        mapping(model, template, "page", null, false, "the page, from 1, newest first");
        return template;
    }

    private static Resource template(Model model, String iriTemplate) {
        return model.createResource().addProperty(RDF.type, Hydra.IriTemplate).addProperty(Hydra.template, iriTemplate)
                .addProperty(Hydra.variableRepresentation, Hydra.BasicRepresentation);
    }

    private static void mapping(Model model, Resource template, String variable, Property property, boolean required,
            String comment) {
        Resource mapping = model.createResource().addProperty(RDF.type, Hydra.IriTemplateMapping)
                .addProperty(Hydra.variable, variable).addLiteral(Hydra.required, required).addProperty(RDFS.comment, comment);
        if (property != null) {
            mapping.addProperty(Hydra.property, property);
        }
        template.addProperty(Hydra.mapping, mapping);
    }
}
