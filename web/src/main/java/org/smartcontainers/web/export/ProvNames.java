package org.smartcontainers.web.export;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDFS;
import org.openprovenance.prov.model.Namespace;
import org.openprovenance.prov.model.ProvFactory;
import org.openprovenance.prov.model.QualifiedName;
import org.smartcontainers.provenance.Vocab;

/**
 * IRIs as PROV-DM qualified names ({@code prefix:local}), as PROV-N and PROV-JSON write them: our own
 * namespaces under their usual prefixes, {@code sci:} for our instances ({@code sci:image/…}), one
 * minted prefix per other namespace. A character PROV-N does not take in a local name is
 * percent-encoded; blank nodes get names in a namespace of their own.
 */
final class ProvNames {
    /** Where blank nodes are named: they have no IRI, PROV-DM wants one. */
    static final String BLANK_NS = "urn:x-smartcontainers:blank:";
    private static final String SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/";

    private final ProvFactory factory;
    /** Namespace IRI to prefix, longest namespace first when matching. */
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final Map<Resource, String> blanks = new LinkedHashMap<>();

    ProvNames(ProvFactory factory) {
        this.factory = factory;
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
        return factory.newQualifiedName(namespace, local(iri.substring(namespace.length())), prefixes.get(namespace));
    }

    /** Every prefix used, for the document's namespace. */
    Namespace namespace() {
        Namespace namespace = new Namespace();
        namespace.addKnownNamespaces();
        prefixes.forEach((ns, prefix) -> namespace.register(prefix, ns));
        return namespace;
    }

    /** PROV-N's local names take letters, digits, '_', '-', '/', inner '.'; anything else as %XX (PROV-N's own escape). */
    private static String local(String text) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            // '.' is a name character except at the ends; '-' may not start a local name.
            boolean keep = c < 0x80 && SAFE.indexOf(c) >= 0 && !(i == 0 && c == '-')
                    || c == '.' && i > 0 && i < bytes.length - 1;
            out.append(keep ? String.valueOf(c) : String.format("%%%02X", bytes[i] & 0xff));
        }
        return out.toString();
    }
}
