package org.smartcontainers.web.export;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDFS;
import org.openprovenance.prov.model.Namespace;
import org.openprovenance.prov.model.ProvFactory;
import org.openprovenance.prov.model.QualifiedName;
import org.openprovenance.prov.model.QualifiedNameUtils;
import org.smartcontainers.provenance.Vocab;

/**
 * IRIs as PROV-DM qualified names ({@code prefix:local}), as PROV-N and PROV-JSON write them: our own
 * namespaces under their usual prefixes, {@code sci:} for our instances ({@code sci:image/…}), one
 * minted prefix per other namespace. PROV-N's local names are escaped as ProvToolbox escapes them, so
 * its qualified names give our IRIs back; blank nodes get names in a namespace of their own.
 */
final class ProvNames {
    /** Where blank nodes are named: they have no IRI, PROV-DM wants one. */
    static final String BLANK_NS = "urn:x-smartcontainers:blank:";
    private static final String NOT_IN_IRIS = "\"{}|^`";
    private static final QualifiedNameUtils QUALIFIED_NAMES = new QualifiedNameUtils();

    private final ProvFactory factory;
    /** Namespace IRI to prefix, longest namespace first when matching. */
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final Map<Resource, String> blanks = new LinkedHashMap<>();
    private final boolean provN;

    /**
     * @param provN true for PROV-N, whose local names are escaped (ProvToolbox's PROV-N reader unescapes them);
     *              false for PROV-JSON, where "prefix:local" is taken as written (ProvToolbox's reader escapes it)
     */
    ProvNames(ProvFactory factory, boolean provN) {
        this.factory = factory;
        this.provN = provN;
        Vocab.PREFIXES.getNsPrefixMap().forEach((prefix, ns) -> prefixes.put(ns, prefix));
        prefixes.put(RDFS.uri, "rdfs");
        prefixes.put(Vocab.INSTANCE_BASE, "sci");
        prefixes.put(BLANK_NS, "blank");
    }

    QualifiedName of(Resource node) {
        if (node.isAnon()) {
            return factory.newQualifiedName(BLANK_NS, blanks.computeIfAbsent(node, b -> "b" + blanks.size()), "blank");
        }
        return of(node.getURI());
    }

    QualifiedName of(String iri) {
        String namespace = prefixes.keySet().stream().filter(iri::startsWith)
                .max(Comparator.comparingInt(String::length)).orElse(null);
        if (namespace == null || namespace.length() == iri.length()) {
            int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
            if (cut == 0 || cut == iri.length()) {
                cut = iri.lastIndexOf(':') + 1;
            }
            namespace = iri.substring(0, cut);
            prefixes.computeIfAbsent(namespace, ns -> "ns" + prefixes.size());
        }
        String local = local(iri.substring(namespace.length()));
        return factory.newQualifiedName(namespace, provN ? provNLocal(local) : local, prefixes.get(namespace));
    }

    /** Every prefix used, for the document's namespace. */
    Namespace namespace() {
        Namespace namespace = new Namespace();
        namespace.addKnownNamespaces();
        prefixes.forEach((ns, prefix) -> namespace.register(prefix, ns));
        return namespace;
    }

    /** The local name, with what no IRI may hold as it is (spaces, quotes, braces) percent-encoded. */
    private static String local(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c <= ' ' || NOT_IN_IRIS.indexOf(c) >= 0) {
                out.append(String.format("%%%02X", c)); // all ASCII: one byte each in UTF-8
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Escaped as ProvToolbox escapes PROV-N local names, so its qualified name's URI is the IRI again. */
    private static String provNLocal(String local) {
        String escaped = QUALIFIED_NAMES.escapeProvLocalName(local);
        return escaped.startsWith("-") ? "\\" + escaped : escaped; // '-' may not start a local name
    }
}
