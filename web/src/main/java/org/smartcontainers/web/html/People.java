package org.smartcontainers.web.html;

import static org.smartcontainers.web.html.HtmlPage.escape;

import java.util.Optional;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.resources.Kind;

/** People and other agents as pages name them: by name, never by IRI, an ORCID iD as a link to ORCID. */
final class People {
    static final String ORCID = "https://orcid.org/";

    private People() {
    }

    /** Their name ({@code foaf:name}), else their label (Docker Engine, SmartContainers). */
    static Optional<String> name(Resource agent) {
        return literal(agent, Vocab.Foaf.name).or(() -> literal(agent, RDFS.label));
    }

    /** A link to ORCID's page of them, when their IRI is their ORCID iD. */
    static Optional<String> orcidLink(Resource agent) {
        if (agent.isAnon() || !agent.getURI().startsWith(ORCID)) {
            return Optional.empty();
        }
        String iri = agent.getURI();
        return Optional.of("<a class=\"orcid\" href=\"" + escape(iri) + "\">ORCID " + escape(iri.substring(ORCID.length())) + "</a>");
    }

    /** {@code text} linked to the agent's page here, then their ORCID iD. */
    static String link(Resource agent, String text, String base) {
        String own = agent.isAnon() ? escape(text) : HtmlPage.link(base + Kind.AGENTS.memberPath(agent.getURI()), text);
        return own + orcidLink(agent).map(orcid -> " " + orcid).orElse("");
    }

    private static Optional<String> literal(Resource resource, Property property) {
        Statement s = resource.getProperty(property);
        return s == null || !s.getObject().isLiteral() ? Optional.empty() : Optional.of(s.getString());
    }
}
