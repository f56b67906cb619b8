package org.smartcontainers.web.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;

/**
 * One recorded activity as the crate and SLSA statements need it, read from its statements: what kind
 * of Docker call, when, how it ended, what it used and made, who took part, and the plan it followed.
 * Reads by PROV's and our terms, tolerating what a label claimed without (no times, no agents).
 */
record RecordedActivity(Resource node, String kind, Optional<String> started, Optional<String> ended,
        Optional<String> outcome, Optional<String> error, List<String> used, List<String> made,
        List<Participant> agents, Optional<Resource> plan) {

    /** An agent of the activity, with what the crate says of it. */
    record Participant(String iri, Role role, Optional<String> name, Optional<String> version,
            Optional<String> affiliation) {
        enum Role { PERSON, DOCKER_ENGINE, SMARTCONTAINERS, OTHER }
    }

    static RecordedActivity read(Model model, String iri) {
        Resource a = model.createResource(iri);
        Set<String> made = new LinkedHashSet<>(iris(a, Vocab.Prov.generated));
        made.addAll(iris(a, Vocab.Docker.reusedImage));
        model.listSubjectsWithProperty(Vocab.Prov.wasGeneratedBy, a).forEach(e -> {
            if (e.isURIResource()) {
                made.add(e.getURI());
            }
        });
        Set<String> agentIris = new LinkedHashSet<>(iris(a, Vocab.Prov.wasAssociatedWith));
        Resource plan = null;
        for (Statement t : a.listProperties(Vocab.Prov.qualifiedAssociation).toList()) {
            if (t.getObject().isResource()) {
                agentIris.addAll(iris(t.getResource(), Vocab.Prov.agent));
                Statement p = t.getResource().getProperty(Vocab.Prov.hadPlan);
                if (p != null && p.getObject().isURIResource()) {
                    plan = p.getResource();
                }
            }
        }
        List<Participant> agents = agentIris.stream().map(agent -> participant(model.createResource(agent))).toList();
        return new RecordedActivity(a, kind(a), text(a, Vocab.Prov.startedAtTime), text(a, Vocab.Prov.endedAtTime),
                text(a, Vocab.Sc.outcome), text(a, Vocab.Sc.errorMessage), iris(a, Vocab.Prov.used), List.copyOf(made),
                agents, Optional.ofNullable(plan));
    }

    String iri() {
        return node.getURI();
    }

    boolean failed() {
        return outcome.filter(o -> !o.equals("success")).isPresent();
    }

    boolean isBuild() {
        return node.hasProperty(RDF.type, Vocab.Docker.Build);
    }

    Optional<Participant> agent(Participant.Role role) {
        return agents.stream().filter(p -> p.role() == role).findFirst();
    }

    /** A fact of the call: on the plan (a build's request) or on the run itself. */
    List<String> facts(Property property) {
        List<String> found = new ArrayList<>(texts(node, property));
        plan.ifPresent(p -> texts(p, property).stream().filter(v -> !found.contains(v)).forEach(found::add));
        return found;
    }

    /** {@code docker:label} pairs of the plan or run: the labels the client asked for. */
    List<String[]> labels() {
        List<String[]> labels = new ArrayList<>();
        List<Resource> holders = new ArrayList<>(List.of(node));
        plan.ifPresent(holders::add);
        for (Resource holder : holders) {
            for (Statement t : holder.listProperties(Vocab.Docker.label).toList()) {
                if (t.getObject().isResource()) {
                    Optional<String> key = text(t.getResource(), Vocab.Docker.labelKey);
                    Optional<String> value = text(t.getResource(), Vocab.Docker.labelValue);
                    if (key.isPresent() && value.isPresent()) {
                        labels.add(new String[] {key.get(), value.get()});
                    }
                }
            }
        }
        return labels;
    }

    private static Participant participant(Resource agent) {
        Model model = agent.getModel();
        Participant.Role role = agent.hasProperty(RDF.type, Vocab.Prov.Person) || agent.hasProperty(RDF.type, Vocab.Foaf.Person)
                ? Participant.Role.PERSON
                : agent.hasProperty(Vocab.Docker.version) ? Participant.Role.DOCKER_ENGINE
                : agent.hasProperty(Vocab.Sc.version) ? Participant.Role.SMARTCONTAINERS
                : Participant.Role.OTHER;
        Optional<String> name = text(agent, Vocab.Foaf.name).or(() -> text(agent, RDFS.label));
        Optional<String> version = text(agent, Vocab.Docker.version).or(() -> text(agent, Vocab.Sc.version));
        Optional<String> affiliation = Optional.empty();
        Statement org = agent.getProperty(Vocab.Schema.affiliation);
        if (org != null && org.getObject().isResource()) {
            affiliation = text(org.getResource(), Vocab.Foaf.name);
        }
        return new Participant(agent.getURI(), role, name, version, affiliation);
    }

    /** The Docker call's kind: {@code ImageBuild}, {@code ContainerCreate}, {@code ContainerCommit}… */
    private static String kind(Resource a) {
        for (Statement t : a.listProperties(RDF.type).toList()) {
            String type = t.getObject().isURIResource() ? t.getResource().getURI() : "";
            if (type.startsWith(Vocab.DOCKER_NS)) {
                return type.substring(Vocab.DOCKER_NS.length());
            }
        }
        return "Activity";
    }

    static Optional<String> text(Resource subject, Property property) {
        Statement t = subject.getProperty(property);
        return t == null || !t.getObject().isLiteral() ? Optional.empty() : Optional.of(t.getLiteral().getLexicalForm());
    }

    static List<String> texts(Resource subject, Property property) {
        List<String> found = new ArrayList<>();
        subject.listProperties(property).forEach(t -> {
            if (t.getObject().isLiteral()) {
                found.add(t.getLiteral().getLexicalForm());
            }
        });
        found.sort(null);
        return found;
    }

    static List<String> iris(Resource subject, Property property) {
        List<String> found = new ArrayList<>();
        subject.listProperties(property).forEach(t -> {
            RDFNode o = t.getObject();
            if (o.isURIResource()) {
                found.add(o.asResource().getURI());
            }
        });
        return found;
    }
}
