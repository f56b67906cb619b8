package org.smartcontainers.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.smartcontainers.provenance.Vocab;

/**
 * A query as {@code sc query} sends it: our prefixes predeclared (a query's own PREFIX lines win), checked
 * here first so that a syntax error is told on one line, at the line and column of the user's own text.
 * The daemon's SPARQL endpoint knows no predeclared prefixes, so they are added here, as PREFIX lines.
 */
record UserQuery(String text, PrefixMapping prefixes) {
    /** Vocab's prefixes and rdf, rdfs: what our records are written in. */
    static final PrefixMapping PREDECLARED = PrefixMapping.Factory.create()
            .setNsPrefixes(Vocab.PREFIXES)
            .setNsPrefix("rdf", RDF.getURI())
            .setNsPrefix("rdfs", RDFS.getURI())
            .lock();

    private static final Pattern POSITION = Pattern.compile("(?i)(?:at )?line (\\d+), column (\\d+)[.:]?");
    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \" (\\S+) \"(.*?) \"");
    private static final Pattern LEXICAL = Pattern.compile("Encountered: (.*?),? after prefix \"(.*)\"", Pattern.DOTALL);
    private static final Pattern CHARACTER = Pattern.compile("'.*' \\((\\d+)\\)");
    private static final int EXPECTED_SHOWN = 5;

    /** The text to send, or {@link CliException} with the syntax error on one line. */
    static UserQuery of(String text) {
        Query query = new Query();
        query.setPrefixMapping(PrefixMapping.Factory.create().setNsPrefixes(PREDECLARED));
        try {
            QueryFactory.parse(query, text, null, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            if (isUpdate(text)) {
                // The daemon says why an update is refused; it needs our prefixes to read it as one.
                return new UserQuery(declarations(PREDECLARED, PrefixMapping.Factory.create()) + text, PREDECLARED);
            }
            throw new CliException(syntaxError(e));
        }
        PrefixMapping used = query.getPrefixMapping();
        return new UserQuery(declarations(PREDECLARED, used) + text, used);
    }

    /** PREFIX lines for ours that the query did not declare otherwise; one line, so only line 1's columns move. */
    private static String declarations(PrefixMapping ours, PrefixMapping used) {
        StringBuilder lines = new StringBuilder();
        ours.getNsPrefixMap().forEach((prefix, iri) -> {
            String theirs = used.getNsPrefixURI(prefix);
            if (theirs == null || theirs.equals(iri)) {
                lines.append("PREFIX ").append(prefix).append(": <").append(iri).append("> ");
            }
        });
        return lines.toString();
    }

    private static boolean isUpdate(String text) {
        try {
            UpdateFactory.create(declarations(PREDECLARED, PrefixMapping.Factory.create()) + text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Jena's message (JavaCC's, over several lines) said in one. */
    static String syntaxError(QueryParseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String where = "";
        Matcher at = POSITION.matcher(message);
        if (at.find()) {
            where = " at line " + at.group(1) + ", column " + at.group(2);
            message = message.substring(0, at.start()) + message.substring(at.end());
        } else if (e.getLine() > 0) {
            where = " at line " + e.getLine() + ", column " + e.getColumn();
        }
        return "the query has a syntax error" + where + ": " + what(message.strip());
    }

    private static String what(String message) {
        Matcher encountered = ENCOUNTERED.matcher(message);
        if (encountered.find()) {
            String token = encountered.group(2).isEmpty() ? "the end of the query" : "\"" + encountered.group(2) + "\"";
            return "unexpected " + token + expected(message);
        }
        Matcher lexical = LEXICAL.matcher(message);
        if (message.startsWith("Lexical error") && lexical.find()) {
            if (lexical.group(1).equals("<EOF>")) {
                return "the query ends inside \"" + lexical.group(2) + "\" (an unclosed string or IRI?)";
            }
            Matcher character = CHARACTER.matcher(lexical.group(1));
            String what = character.matches()
                    ? "'" + Character.toString(Integer.parseInt(character.group(1))) + "'" : lexical.group(1);
            return "unexpected character " + what + " after \"" + lexical.group(2) + "\"";
        }
        String first = message.lines().findFirst().orElse("").strip();
        if (first.startsWith("Unresolved prefixed name: ")) {
            String name = first.substring("Unresolved prefixed name: ".length());
            String prefix = name.substring(0, Math.max(0, name.indexOf(':')));
            return "unknown prefix in " + name + " (declare it: PREFIX " + prefix + ": <...>)";
        }
        return first.isEmpty() ? "(the parser said no more)" : first;
    }

    /** "; expected X" or "; expected one of X, Y, …" from JavaCC's list below its first line. */
    private static String expected(String message) {
        List<String> expected = new ArrayList<>();
        boolean listing = false;
        for (String line : message.lines().toList()) {
            if (line.startsWith("Was expecting")) {
                listing = true;
            } else if (listing && !line.isBlank()) {
                expected.add(line.strip().replaceAll("\\s*\\.\\.\\.$", ""));
            }
        }
        if (expected.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", expected.subList(0, Math.min(EXPECTED_SHOWN, expected.size())))
                + (expected.size() > EXPECTED_SHOWN ? ", …" : "");
        return "; expected " + (expected.size() == 1 ? "" : "one of ") + shown;
    }

    /** The predeclared prefixes by name. */
    static Map<String, String> predeclared() {
        return PREDECLARED.getNsPrefixMap();
    }
}
