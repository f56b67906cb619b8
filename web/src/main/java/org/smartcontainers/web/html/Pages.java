package org.smartcontainers.web.html;

import static org.smartcontainers.web.html.HtmlPage.escape;
import static org.smartcontainers.web.html.HtmlPage.link;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.web.resources.Kind;

/** The HTML views: what a person wants to see first, then every statement, with links to follow. */
public final class Pages {
    /**
     * One step of a derivation chain: an image or container, and the activity that made it (null if unknown);
     * {@code claim}: null when the proxy observed that the activity made it, else whose label claims it.
     */
    public record Step(String iri, String activity, String activityType, String time, String outcome, Claim claim) {
    }

    /**
     * A fact found only in a graph read from a label ({@code sc:LabelClaims}): the image or container whose
     * label claims it, and whether that graph was recovered at start-up.
     */
    public record Claim(String labelOf, boolean recovered) {
    }

    /** Something a user attached to an image or container: where it is served, and its title or media type. */
    public record Attachment(String url, String title) {
    }

    private Pages() {
    }

    public static byte[] entryPoint(String base) {
        HtmlPage page = new HtmlPage("SmartContainers provenance", base)
                .paragraph("Provenance of Docker images and containers, recorded by the SmartContainers proxy as W3C PROV-O.");
        StringBuilder list = new StringBuilder("<ul>");
        for (Kind kind : Kind.values()) {
            list.append("<li>").append(link(base + kind.containerPath(), kind.title())).append("</li>");
        }
        list.append("<li>").append(link(base + "/sparql", "SPARQL")).append(" (an editor with examples; the endpoint for ?query=…)</li><li>")
                .append(link(base + "/api-doc", "API documentation (Hydra)")).append("</li></ul>");
        return page.raw(list.toString()).bytes();
    }

    /**
     * An image, container, activity or agent: a summary, its lineage as a picture ({@code picture}: self-contained
     * HTML, or "" for none), its derivation chain, its labels, then every statement.
     */
    public static byte[] member(Kind kind, String iri, Model model, Map<Triple, Claim> claimed, String picture,
            List<Step> chain, List<Attachment> attached, String base) {
        Resource focus = model.createResource(iri);
        String singular = kind.title().substring(0, kind.title().length() - 1).replace("Activitie", "Activity");
        String title = singular + " " + shortName(iri);
        HtmlPage page = new HtmlPage(kind == Kind.AGENTS ? People.name(focus).orElse(title) : title, base);
        page.raw("<p class=\"iri\">" + escape(iri) + "</p>");
        summary(page, model, focus, claimed, base);
        if (!picture.isEmpty()) {
            page.heading("Lineage");
            page.raw(picture);
        }
        if (chain.size() > 1) {
            page.heading("Derivation chain");
            StringBuilder list = new StringBuilder("<ol class=\"chain\">");
            for (Step step : chain) {
                list.append("<li>").append(link(localUrl(step.iri(), base), shortName(step.iri())));
                if (step.activity() != null) {
                    list.append(" — ").append(link(localUrl(step.activity(), base), localName(step.activityType())));
                    if (step.time() != null) {
                        list.append(" at ").append(escape(step.time()));
                    }
                    if (step.outcome() != null && !step.outcome().equals("success")) {
                        list.append(" (").append(escape(step.outcome())).append(")");
                    }
                    if (step.claim() != null) {
                        list.append(" — ").append(marker(step.claim(), step.iri(), base));
                    }
                }
                list.append("</li>");
            }
            page.raw(list.append("</ol>").toString());
        }
        labels(page, model);
        if (kind == Kind.IMAGES || kind == Kind.CONTAINERS) {
            StringBuilder list = new StringBuilder("<ul>");
            attached.forEach(a -> list.append("<li>").append(link(a.url(), a.title())).append("</li>"));
            page.heading("Attached metadata").raw(list.append("</ul><p>").append(link(base + "/" + kind.segment() + "/"
                    + shortId(iri) + "/metadata/", "The metadata container of this " + singular.toLowerCase()
                    + (attached.isEmpty() ? " (empty)" : ""))).append("</p>").toString());
        }
        page.heading("All statements");
        statements(page, model, claimed, iri, base);
        return page.bytes();
    }

    /** The plans an activity followed (a build's request, shared by identical builds). */
    private static List<Resource> plans(Resource activity) {
        List<Resource> plans = new ArrayList<>();
        activity.listProperties(Vocab.Prov.qualifiedAssociation).forEachRemaining(association -> {
            if (association.getObject().isResource()) {
                association.getResource().listProperties(Vocab.Prov.hadPlan).forEachRemaining(plan -> {
                    if (plan.getObject().isURIResource()) {
                        plans.add(plan.getResource());
                    }
                });
            }
        });
        return plans;
    }

    /** Who made it, how and when: from the activity that generated it; marked when only a label claims it. */
    private static void summary(HtmlPage page, Model model, Resource focus, Map<Triple, Claim> claimed, String base) {
        StringBuilder table = new StringBuilder("<table>");
        row(table, "Type", types(focus));
        People.orcidLink(focus).ifPresent(orcid -> row(table, "ORCID iD", orcid));
        Statement generated = generation(focus, claimed);
        Resource activity = generated != null ? generated.getResource() : focus.hasProperty(RDF.type, Vocab.Prov.Activity) ? focus : null;
        Claim claim = generated != null ? claimed.get(generated.asTriple()) : null;
        if (activity != null && activity.equals(focus)) {
            Claim own = claimed.get(focus.getRequiredProperty(RDF.type).asTriple());
            if (own != null) {
                row(table, "Source", marker(own, focus.getURI(), base));
            }
        }
        if (activity != null) {
            if (!activity.equals(focus)) {
                row(table, "Made by", nodeLink(activity, types(activity), base)
                        + (claim == null ? "" : " — " + marker(claim, focus.getURI(), base)));
            }
            literal(activity, Vocab.Prov.startedAtTime).ifPresent(t -> row(table, "Started", escape(t)));
            literal(activity, Vocab.Prov.endedAtTime).ifPresent(t -> row(table, "Ended", escape(t)));
            literal(activity, Vocab.Sc.outcome).ifPresent(o -> row(table, "Outcome", escape(o)));
            literal(activity, Vocab.Sc.errorMessage).ifPresent(m -> row(table, "Error", escape(m)));
            Optional<String> createdAs = literal(activity, Vocab.Docker.name);
            Optional<Resource> renamed = activity.equals(focus) ? Optional.empty() : latestRename(focus);
            if (renamed.isPresent()) {
                Resource rename = renamed.get();
                row(table, "Name", escape(literal(rename, Vocab.Docker.name).orElse("")) + " (renamed "
                        + escape(literal(rename, Vocab.Prov.startedAtTime).orElse("")) + ", "
                        + link(localUrl(rename.getURI(), base), "the rename") + ")");
                createdAs.ifPresent(n -> row(table, "Created as", escape(n)));
            } else {
                createdAs.ifPresent(n -> row(table, "Name", escape(n)));
            }
            Set<String> tags = new TreeSet<>(tags(activity));
            for (Resource plan : plans(activity)) {
                row(table, "Plan", link(localUrl(plan.getURI(), base), shortName(plan.getURI())));
                tags.addAll(tags(plan));
            }
            if (!tags.isEmpty()) {
                row(table, "Tags", escape(String.join(", ", tags)));
            }
            // People first, then software, each by name: the same row whatever order the store gives.
            Map<String, String> who = new TreeMap<>();
            activity.listProperties(Vocab.Prov.wasAssociatedWith).forEachRemaining(s -> {
                if (!s.getObject().isResource()) {
                    return;
                }
                Resource agent = s.getResource();
                String name = People.name(agent).orElse(agent.isAnon() ? "an agent" : shortName(agent.getURI()))
                        + literal(agent, Vocab.Docker.version).or(() -> literal(agent, Vocab.Sc.version)).map(v -> " " + v).orElse("");
                boolean software = agent.hasProperty(RDF.type, Vocab.Prov.SoftwareAgent);
                who.put((software ? "2 " : "1 ") + name + " " + (agent.isAnon() ? "" : agent.getURI()), People.link(agent, name, base));
            });
            if (!who.isEmpty()) {
                row(table, "Who", String.join(", ", who.values()));
            }
        }
        if (focus.equals(activity)) {
            inputsAndOutputs(table, focus, base);
        }
        names(table, focus);
        Set<String> from = new TreeSet<>();
        focus.listProperties(Vocab.Prov.wasDerivedFrom).forEachRemaining(s -> from.add(s.getResource().getURI()));
        if (!from.isEmpty()) {
            row(table, "Derived from", String.join(", ", from.stream().map(f -> link(localUrl(f, base), shortName(f))).toList()));
        }
        page.raw(table.append("</table>").toString());
    }

    /**
     * The names an activity gave: a build's tags name their repository ({@code team/tool:1.0}); a commit's
     * {@code docker:tag} is the tag alone, for its {@code docker:repository} ({@code :latest} when none is given).
     */
    private static Set<String> tags(Resource activityOrPlan) {
        Set<String> tags = new TreeSet<>();
        Optional<String> repository = literal(activityOrPlan, Vocab.Docker.repository);
        if (repository.isPresent()) {
            tags.add(repository.get() + ":" + literal(activityOrPlan, Vocab.Docker.tag).orElse("latest"));
        } else {
            activityOrPlan.listProperties(Vocab.Docker.tag).forEachRemaining(s -> tags.add(s.getString()));
        }
        return tags;
    }

    /** An activity's "Used" and "Generated" rows: the images, containers and other entities, linked. */
    private static void inputsAndOutputs(StringBuilder table, Resource activity, String base) {
        Set<String> used = new TreeSet<>();
        activity.listProperties(Vocab.Prov.used).forEachRemaining(s -> {
            if (s.getObject().isURIResource()) {
                used.add(s.getResource().getURI());
            }
        });
        Set<String> generated = new TreeSet<>();
        activity.listProperties(Vocab.Prov.generated).forEachRemaining(s -> {
            if (s.getObject().isURIResource()) {
                generated.add(s.getResource().getURI());
            }
        });
        activity.getModel().listSubjectsWithProperty(Vocab.Prov.wasGeneratedBy, activity).forEachRemaining(s -> {
            if (s.isURIResource()) {
                generated.add(s.getURI());
            }
        });
        if (!used.isEmpty()) {
            row(table, "Used", entities(used, base));
        }
        if (!generated.isEmpty()) {
            row(table, "Generated", entities(generated, base));
        }
    }

    private static String entities(Set<String> iris, String base) {
        return String.join(", ", iris.stream().map(iri -> {
            Kind kind = Kind.owning(iri);
            String what = kind == Kind.IMAGES ? "image " : kind == Kind.CONTAINERS ? "container " : "";
            return escape(what) + link(localUrl(iri, base), shortName(iri));
        }).toList());
    }

    /** An image's names: those it has now (given and not taken away, on any engine), then those it had. */
    private static void names(StringBuilder table, Resource focus) {
        Set<String> now = new TreeSet<>();
        Set<String> before = new TreeSet<>();
        focus.listProperties(Vocab.Docker.hadName).forEachRemaining(s -> {
            if (s.getObject().isResource()) {
                Resource name = s.getResource();
                literal(name, Vocab.Docker.name).ifPresent(n -> (name.hasProperty(Vocab.Docker.namedUntil) ? before : now).add(n));
            }
        });
        before.removeAll(now);
        if (!now.isEmpty()) {
            row(table, "Names", escape(String.join(", ", now)));
        }
        if (!before.isEmpty()) {
            row(table, "Earlier names", escape(String.join(", ", before)));
        }
    }

    /** What made it: an observed generation before one a label claims. */
    private static Statement generation(Resource focus, Map<Triple, Claim> claimed) {
        Statement claimedOne = null;
        for (Statement s : focus.listProperties(Vocab.Prov.wasGeneratedBy).toList()) {
            if (!s.getObject().isResource()) {
                continue;
            }
            if (!claimed.containsKey(s.asTriple())) {
                return s;
            }
            claimedOne = claimedOne == null ? s : claimedOne;
        }
        return claimedOne;
    }

    /**
     * Says that a fact comes from a label, not from what SmartContainers observed: "claimed by the image's
     * label" on that image's own page, else naming the image or container whose label it is.
     */
    static String marker(Claim claim, String focusIri, String base) {
        Kind kind = Kind.owning(claim.labelOf());
        String what = kind == Kind.CONTAINERS ? "container" : "image";
        String whose = claim.labelOf().equals(focusIri) ? "the " + what + "'s label"
                : "the label of " + what + " " + link(localUrl(claim.labelOf(), base), shortName(claim.labelOf()));
        return "<span class=\"claim\">claimed by " + (claim.labelOf().equals(focusIri) ? escape(whose) : whose)
                + (claim.recovered() ? escape(" (recovered from it at start-up, not observed)") : "") + "</span>";
    }

    private static void labels(HtmlPage page, Model model) {
        StringBuilder table = new StringBuilder("<table><tr><th>Label</th><th>Value</th></tr>");
        int[] count = {0};
        model.listObjectsOfProperty(Vocab.Docker.label).forEachRemaining(node -> {
            if (node.isResource()) {
                Resource label = node.asResource();
                table.append("<tr><td>").append(escape(literal(label, Vocab.Docker.labelKey).orElse("")))
                        .append("</td><td>").append(escape(literal(label, Vocab.Docker.labelValue).orElse(""))).append("</td></tr>");
                count[0]++;
            }
        });
        if (count[0] > 0) {
            page.heading("Labels").raw(table.append("</table>").toString());
        }
    }

    /** Every statement; those only a label claims say so in their last column. */
    private static void statements(HtmlPage page, Model model, Map<Triple, Claim> claimed, String focusIri, String base) {
        StringBuilder table = new StringBuilder("<table class=\"statements\"><tr><th>Subject</th><th>Property</th><th>Value</th><th>Source</th></tr>");
        model.listStatements().toList().stream()
                .sorted(Comparator.comparing((Statement s) -> s.getSubject().toString())
                        .thenComparing(s -> s.getPredicate().getURI()).thenComparing(s -> s.getObject().toString()))
                .forEach(s -> {
                    Claim claim = claimed.get(s.asTriple());
                    table.append("<tr><td>").append(node(s.getSubject(), base)).append("</td><td>")
                            .append(escape(prefixed(s.getPredicate().getURI()))).append("</td><td>")
                            .append(node(s.getObject(), base)).append("</td><td>")
                            .append(claim == null ? "" : marker(claim, focusIri, base)).append("</td></tr>");
                });
        page.raw(table.append("</table>").toString());
    }

    /** A link to an IRI's page; a blank node has none. */
    private static String nodeLink(Resource resource, String text, String base) {
        return resource.isAnon() ? escape(text) : link(localUrl(resource.getURI(), base), text);
    }

    private static String node(RDFNode node, String base) {
        if (node.isLiteral()) {
            return escape(node.asLiteral().getLexicalForm());
        }
        if (node.isAnon()) {
            return "<i>(a blank node)</i>";
        }
        String iri = node.asResource().getURI();
        return link(localUrl(iri, base), prefixed(iri));
    }

    private static void row(StringBuilder table, String name, String valueMarkup) {
        table.append("<tr><th>").append(escape(name)).append("</th><td>").append(valueMarkup).append("</td></tr>");
    }

    private static String types(Resource resource) {
        Set<String> names = new TreeSet<>();
        resource.listProperties(RDF.type).forEachRemaining(s -> names.add(prefixed(s.getResource().getURI())));
        return escape(String.join(", ", names));
    }

    /** The latest rename of a container (it is called what that rename named it), if it was renamed. */
    private static Optional<Resource> latestRename(Resource container) {
        Model model = container.getModel();
        return model.listResourcesWithProperty(Vocab.Prov.used, container).toList().stream()
                .filter(r -> r.hasProperty(RDF.type, Vocab.Docker.ContainerRename) && r.hasProperty(Vocab.Docker.name))
                .max(Comparator.comparing((Resource r) -> literal(r, Vocab.Prov.startedAtTime).map(Pages::instant).orElse(Instant.MIN))
                        .thenComparing(Resource::getURI, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    private static Instant instant(String time) {
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return Instant.MIN; // not a time the records write: the others come first
        }
    }

    private static Optional<String> literal(Resource resource, Property property) {
        Statement s = resource.getProperty(property);
        return s == null || !s.getObject().isLiteral() ? Optional.empty()
                : Optional.of(((Literal) s.getObject()).getLexicalForm());
    }

    /** Our own IRIs link to their page here; others as they are. */
    static String localUrl(String iri, String base) {
        Kind kind = Kind.owning(iri);
        return kind == null ? iri : base + kind.memberPath(iri);
    }

    private static String prefixed(String iri) {
        String qname = Vocab.PREFIXES.qnameFor(iri);
        return qname != null ? qname : iri;
    }

    private static String localName(String iri) {
        return iri == null ? "activity" : iri.substring(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
    }

    private static String shortId(String iri) {
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    /** A 64-hex ID as Docker shows it (12 characters); other IRIs by their last segment. */
    public static String shortName(String iri) {
        String last = shortId(iri);
        return last.matches("[0-9a-f]{64}") ? last.substring(0, 12) : last.isEmpty() ? iri : last;
    }
}
