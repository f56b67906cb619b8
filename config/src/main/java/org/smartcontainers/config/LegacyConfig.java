package org.smartcontainers.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * The {@code sc.config} of the original, Python SmartContainers (2015-16), read once so its user
 * need not type their details again. That tool wrote Turtle in one of two shapes: the ORCID public
 * API's own Turtle for the user's record (a {@code foaf:Person} named by its {@code http://orcid.org/}
 * IRI, with {@code foaf:name}, {@code foaf:givenName}, {@code foaf:familyName}, {@code foaf:mbox},
 * {@code foaf:homepage}, and a {@code foaf:account} whose {@code foaf:accountName} is the bare iD),
 * or, for a user without ORCID, just {@code foaf:givenName} and {@code foaf:familyName} of a
 * {@code urn:uuid:} subject. One development version wrote only the bare iD; that is taken too.
 */
public final class LegacyConfig {
    public static final String NAME = "sc.config";
    /** What the tool called the same file before it settled on {@code sc.config}. */
    static final String EARLIER_NAME = "orcid_turtle.SCconfig";

    private static final String FOAF = "http://xmlns.com/foaf/0.1/";
    private static final Resource PERSON = ResourceFactory.createResource(FOAF + "Person");
    private static final Property FOAF_NAME = ResourceFactory.createProperty(FOAF, "name");
    private static final Property GIVEN_NAME = ResourceFactory.createProperty(FOAF, "givenName");
    private static final Property FAMILY_NAME = ResourceFactory.createProperty(FOAF, "familyName");
    private static final Property MBOX = ResourceFactory.createProperty(FOAF, "mbox");
    private static final Property HOMEPAGE = ResourceFactory.createProperty(FOAF, "homepage");
    private static final Property ACCOUNT = ResourceFactory.createProperty(FOAF, "account");
    private static final Property ACCOUNT_NAME = ResourceFactory.createProperty(FOAF, "accountName");
    private static final Property SERVICE = ResourceFactory.createProperty(FOAF, "accountServiceHomepage");

    private static final Pattern ORCID_SITE = Pattern.compile("https?://(www\\.)?orcid\\.org/?");
    private static final Pattern ORCID_IRI = Pattern.compile("https?://(www\\.)?orcid\\.org/[^/]+");
    /** A file holding one iD-like token and nothing else (checked properly by {@link Orcid#parse}). */
    private static final Pattern BARE_ID = Pattern.compile("(https?://(www\\.)?orcid\\.org/)?[0-9Xx-]{8,}");

    private LegacyConfig() {
    }

    /**
     * The first legacy file that is there: in {@code configDir}, then where the original wrote it
     * ({@code $SC_HOME}, else {@code ~/.sc}), then under its earlier name in those two.
     */
    public static Optional<Path> find(Path configDir, Map<String, String> env, Path home) {
        List<Path> candidates = new ArrayList<>();
        if (configDir != null) {
            candidates.add(configDir.resolve(NAME));
        }
        List<Path> dirs = new ArrayList<>();
        String scHome = env.get(ConfigDirectory.ENV_SC_HOME);
        if (scHome != null && !scHome.isBlank()) {
            dirs.add(Path.of(scHome));
            candidates.add(Path.of(scHome).resolve(NAME));
            if (!scHome.endsWith("/")) {
                // The original joined $SC_HOME and the name as strings: SC_HOME=/x/y meant /x/ysc.config.
                candidates.add(Path.of(scHome + NAME));
            }
        }
        dirs.add(home.resolve(".sc"));
        candidates.add(home.resolve(".sc").resolve(NAME));
        dirs.forEach(dir -> candidates.add(dir.resolve(EARLIER_NAME)));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * The person {@code file} describes, validated (so the iD comes back as its https IRI);
     * {@link ConfigException}, its message naming the file, if it cannot be read or names no one.
     */
    public static Agent read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + " is not a legacy sc.config: not UTF-8 text, so not Turtle", e);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + " cannot be read: there is no such file", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read: " + e.getMessage(), e);
        }
        Agent agent = BARE_ID.matcher(text.strip()).matches()
                ? new Agent(null, null, null, null, null, null, text.strip())
                : agentIn(file, parse(file, text));
        try {
            return agent.validated();
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private static Model parse(Path file, String text) {
        try {
            // No logging: a parse error is reported once, by the exception below.
            return RDFParser.fromString(text, Lang.TURTLE).base(file.toUri().toString())
                    .errorHandler(ErrorHandlerFactory.errorHandlerNoLogging).toModel();
        } catch (RiotException e) {
            throw new ConfigException(file + " is not a legacy sc.config: not Turtle ("
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + ")", e);
        }
    }

    private static Agent agentIn(Path file, Model model) {
        // Who could be the user: anything typed foaf:Person or carrying a FOAF name (the no-ORCID
        // shape has no type). ORCID's Turtle may also type a linked FOAF profile as foaf:Person,
        // so one with an ORCID iD wins over those without.
        Set<Resource> people = new LinkedHashSet<>(model.listSubjectsWithProperty(RDF.type, PERSON).toList());
        for (Property p : List.of(FOAF_NAME, GIVEN_NAME, FAMILY_NAME)) {
            people.addAll(model.listSubjectsWithProperty(p).toList());
        }
        if (people.isEmpty()) {
            throw new ConfigException(file + " describes no person (nothing typed foaf:Person or with a"
                    + " foaf:name, foaf:givenName or foaf:familyName)");
        }
        List<Resource> withOrcid = people.stream().filter(r -> orcidOf(r) != null).toList();
        List<Resource> chosen = withOrcid.isEmpty() ? List.copyOf(people) : withOrcid;
        if (chosen.size() > 1) {
            throw new ConfigException(file + " describes " + chosen.size() + " people and does not say which is the user");
        }
        Resource person = chosen.get(0);
        String name = first(person, FOAF_NAME);
        String email = first(person, MBOX);
        return new Agent(name != null ? name : first(person, RDFS.label), first(person, GIVEN_NAME),
                first(person, FAMILY_NAME), email == null ? null : email.replaceFirst("(?i)^mailto:", ""), null,
                first(person, HOMEPAGE), orcidOf(person));
    }

    /** The iD as stored: the person's own orcid.org IRI, else the name of their ORCID account. */
    private static String orcidOf(Resource person) {
        if (person.isURIResource() && ORCID_IRI.matcher(person.getURI()).matches()) {
            return person.getURI();
        }
        for (Statement s : person.listProperties(ACCOUNT).toList()) {
            if (s.getObject().isResource()) {
                Resource account = s.getResource();
                String service = first(account, SERVICE);
                String id = first(account, ACCOUNT_NAME);
                if (id != null && service != null && ORCID_SITE.matcher(service).matches()) {
                    return id;
                }
            }
        }
        return null;
    }

    /** One value of {@code p} as text (the least, so that repeated values give the same answer each time). */
    private static String first(Resource subject, Property p) {
        return subject.listProperties(p).mapWith(Statement::getObject).toList().stream()
                .map(o -> o.isLiteral() ? o.asLiteral().getLexicalForm() : o.isURIResource() ? o.asResource().getURI() : null)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }
}
