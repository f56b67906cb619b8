package org.smartcontainers.web.sparql;

import static org.smartcontainers.web.html.HtmlPage.escape;
import static org.smartcontainers.web.html.HtmlPage.link;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.smartcontainers.web.html.HtmlPage;
import org.smartcontainers.web.resources.Kind;

/**
 * Results as a page for people: a table whose IRIs are links (our images, containers, activities and
 * agents to their pages here), and links to the same results in every format the endpoint speaks. Its
 * policy lets the page run no script at all: what it shows comes from the store, and labels can come
 * from anywhere.
 */
final class HtmlResults {
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private final String base;
    private final String downloadUrl;
    private final String editorUrl;
    private final PrefixMapping prefixes;
    private final int maxChars;

    /**
     * {@code downloadUrl}: this query's URL, to which {@code &download=NAME} is added; {@code editorUrl}: the
     * editor page with this query; {@code maxChars}: the most the page may hold (answers are built whole).
     */
    HtmlResults(String base, String downloadUrl, String editorUrl, PrefixMapping prefixes, int maxChars) {
        this.base = base;
        this.downloadUrl = downloadUrl;
        this.editorUrl = editorUrl;
        this.prefixes = prefixes;
        this.maxChars = maxChars;
    }

    byte[] select(ResultSet results) {
        List<String> vars = results.getResultVars();
        StringBuilder table = new StringBuilder("<table class=\"results\"><tr>");
        vars.forEach(var -> table.append("<th>?").append(escape(var)).append("</th>"));
        table.append("</tr>");
        int rows = 0;
        while (results.hasNext()) {
            Binding row = results.nextBinding();
            table.append("<tr>");
            vars.forEach(var -> table.append("<td>").append(cell(row.get(Var.alloc(var)))).append("</td>"));
            table.append("</tr>");
            rows++;
            checkSize(table);
        }
        table.append("</table>");
        return page(rows + (rows == 1 ? " result." : " results."), table, Downloads.RESULTS);
    }

    byte[] ask(boolean answer) {
        return page("The answer is " + answer + ".", new StringBuilder(), Downloads.RESULTS);
    }

    byte[] graph(Model model) {
        StringBuilder table = new StringBuilder("<table class=\"results\"><tr><th>subject</th><th>predicate</th>"
                + "<th>object</th></tr>");
        var triples = model.getGraph().find();
        while (triples.hasNext()) {
            Triple triple = triples.next();
            table.append("<tr><td>").append(cell(triple.getSubject())).append("</td><td>")
                    .append(cell(triple.getPredicate())).append("</td><td>").append(cell(triple.getObject()))
                    .append("</td></tr>");
            checkSize(table);
        }
        table.append("</table>");
        long size = model.size();
        return page(size + (size == 1 ? " triple." : " triples."), table, Downloads.GRAPHS);
    }

    private byte[] page(String summary, StringBuilder table, Map<String, Downloads.Format> formats) {
        StringBuilder downloads = new StringBuilder("<p>Download: ");
        formats.values().forEach(format -> downloads.append(link(downloadUrl + "&" + Downloads.PARAM + "=" + format.name(),
                format.name().toUpperCase(Locale.ROOT))).append(' '));
        downloads.append("· ").append(link(editorUrl, "Open in the editor")).append("</p>");
        return new HtmlPage("SPARQL results", base).paragraph(summary).raw(downloads.toString()).raw(table.toString())
                .bytes();
    }

    /** An IRI as a link (ours to its page, another web IRI to itself), a literal as its text, a blank node as _:label. */
    private String cell(Node node) {
        if (node == null) {
            return "";
        }
        if (node.isURI()) {
            String iri = node.getURI();
            String text = prefixes.shortForm(iri);
            Kind kind = Kind.owning(iri);
            if (kind != null) {
                return link(base + kind.memberPath(iri), text);
            }
            // Only web IRIs become links: a javascript: or data: IRI in the store must never be one.
            return iri.startsWith("http://") || iri.startsWith("https://") ? link(iri, text) : escape(text);
        }
        if (node.isLiteral()) {
            String lang = node.getLiteralLanguage();
            String suffix = !lang.isEmpty() ? "@" + lang
                    : node.getLiteralDatatypeURI().equals(XSDDatatype.XSDstring.getURI()) ? ""
                    : "^^" + prefixes.shortForm(node.getLiteralDatatypeURI());
            return escape(node.getLiteralLexicalForm())
                    + (suffix.isEmpty() ? "" : " <span class=\"iri\">" + escape(suffix) + "</span>");
        }
        return escape("_:" + node.getBlankNodeLabel());
    }

    private void checkSize(StringBuilder html) {
        if (html.length() > maxChars) {
            throw SparqlEndpoint.tooLarge((maxChars >> 20) + " MiB");
        }
    }
}
