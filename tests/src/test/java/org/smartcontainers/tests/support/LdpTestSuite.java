package org.smartcontainers.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.smartcontainers.testsupport.Run;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The W3C LDP test suite (org.w3:ldp-testsuite:0.1.1) run against one of our Basic Containers: the container,
 * RDF source and non-RDF source tests, manual ones excluded. It runs in a forked JVM, as its dependencies date
 * from 2014; Maven copies it to {@code tests/target/ldp-testsuite} and {@code scripts/LdpSuiteLauncher.java}
 * starts it (see there for a bug of the suite it works around).
 */
public final class LdpTestSuite {
    public static final String VERSION = "0.1.1";

    /** Groovy 2, inside the suite's HTTP client (rest-assured), reflects on the JDK's classes it meets. */
    private static final List<String> OPENS = List.of("java.lang", "java.lang.reflect", "java.util", "java.io",
            "java.net", "sun.net.spi", "java.math", "java.text", "java.util.regex", "java.nio.charset");

    private LdpTestSuite() {
    }

    /** The suite's groups: the test's requirement level in the LDP specification (RFC 2119); NONE if it has none. */
    public enum Level { MUST, SHOULD, MAY, NONE }

    public enum Status { PASS, FAIL, SKIP }

    /**
     * One test run on one resource: {@code testClass} is BasicContainerTest (the container),
     * MemberResourceTest (an RDF source the suite POSTs to it) or NonRDFSourceTest (a binary it POSTs),
     * so a test inherited by several classes appears once for each.
     */
    public record Result(String testClass, String method, Status status, Level level, String message) {
        public String name() {
            return testClass + "." + method;
        }

        /** Level, name and the message on one line, cut short: rest-assured's messages can list all headers. */
        @Override
        public String toString() {
            if (message == null) {
                return level + " " + name();
            }
            String line = message.strip().replaceAll("\\s+", " ");
            return level + " " + name() + ": " + (line.length() > 240 ? line.substring(0, 240) + "..." : line);
        }
    }

    /**
     * What the suite reported. {@code setupFailures} are its failed configuration methods (for instance the
     * first request to the container, refused) and the resources it could not create (its "ERROR:" lines):
     * they skip whole classes of tests.
     */
    public record Report(List<Result> results, List<String> setupFailures, int exitCode, String stdout,
            String stderr, Path workDir) {

        public List<Result> with(Status status) {
            return results.stream().filter(r -> r.status() == status).toList();
        }

        public List<Result> passed() {
            return with(Status.PASS);
        }

        public List<Result> failed() {
            return with(Status.FAIL);
        }

        public List<Result> skipped() {
            return with(Status.SKIP);
        }

        public List<Result> failures(Level level) {
            return failed().stream().filter(r -> r.level() == level).toList();
        }

        public List<Result> mustFailures() {
            return failures(Level.MUST);
        }

        public List<Result> shouldFailures() {
            return failures(Level.SHOULD);
        }

        /** The suite's HTML report, and http.log (requests and responses of failed checks) and skipped.log. */
        public Path reportDir() {
            return workDir.resolve("report");
        }

        /** Counts per level, then every failure and every skipped MUST test with its reason. */
        public String summary() {
            StringBuilder s = new StringBuilder(String.format("LDP test suite %s: %d tests, %d passed, %d failed,"
                    + " %d skipped (exit %d; reports in %s)%n", VERSION, results.size(), passed().size(),
                    failed().size(), skipped().size(), exitCode, workDir));
            for (Level level : Level.values()) {
                List<Result> at = results.stream().filter(r -> r.level() == level).toList();
                if (!at.isEmpty()) {
                    Map<Status, Long> n = at.stream().collect(Collectors.groupingBy(Result::status,
                            Collectors.counting()));
                    s.append(String.format("  %-6s %3d: %3d passed, %3d failed, %3d skipped%n", level, at.size(),
                            n.getOrDefault(Status.PASS, 0L), n.getOrDefault(Status.FAIL, 0L),
                            n.getOrDefault(Status.SKIP, 0L)));
                }
            }
            setupFailures.forEach(f -> s.append("setup failed: ").append(f).append('\n'));
            failed().forEach(r -> s.append("FAIL ").append(r).append('\n'));
            // Skipped MUST tests hide requirements: group them by reason, as one reason often skips many.
            Map<String, List<String>> skips = new TreeMap<>();
            skipped().stream().filter(r -> r.level() == Level.MUST).forEach(r -> skips.computeIfAbsent(
                    r.message() == null ? "(no reason given: a setup or a test it depends on failed)" : r.message(),
                    k -> new ArrayList<>()).add(r.name()));
            skips.forEach((reason, names) -> s.append("SKIP MUST ").append(names.size()).append(": ").append(reason)
                    .append("\n    ").append(String.join(", ", names)).append('\n'));
            return s.toString();
        }
    }

    /**
     * Runs the suite against {@code containerUrl}, a Basic Container, with HTTP Basic credentials on every request
     * (none if {@code user} is null). {@code extraOptions} go to the suite as they are, for instance
     * {@code "--read-only-prop", uri} (a server-managed property, for the tests of rejected PUTs) or
     * {@code "--cont-res", url} (a container with a resource's interaction model). {@code workDir} gets the reports.
     */
    public static Report run(URI containerUrl, String user, String password, Path workDir, String... extraOptions) {
        Path jars = Paths.repo().resolve("tests/target/ldp-testsuite");
        if (!Files.isRegularFile(jars.resolve("ldp-testsuite.jar"))) {
            throw new AssertionError(jars + " lacks the suite: run mvn -pl tests test-compile (Maven copies it)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        OPENS.forEach(p -> command.addAll(List.of("--add-opens", "java.base/" + p + "=ALL-UNNAMED")));
        command.addAll(List.of("-cp", jars.resolve("ldp-testsuite.jar") + ":" + jars.resolve("jaxb-api.jar"),
                Paths.repo().resolve("tests/scripts/LdpSuiteLauncher.java").toString(),
                "--server", containerUrl.toString(), "--basic", "--non-rdf",
                // The suite selects tests by TestNG group: levels MUST, SHOULD, MAY by default; MANUAL ones
                // (things to check by hand, always "skipped") are left out.
                "--excludedGroups", "MANUAL",
                "--output", workDir.toString(),
                "--httpLogging")); // writes report/http.log and report/skipped.log
        if (user != null) {
            // The suite splits "user:password" at ':' and wants both non-blank; it sends them preemptively.
            if (user.isBlank() || password == null || password.isBlank() || (user + password).contains(":")) {
                throw new IllegalArgumentException("the suite takes a non-blank user and password without ':'");
            }
            command.addAll(List.of("--auth", user + ":" + password));
        }
        command.addAll(List.of(extraOptions));

        Path results = workDir.resolve("test-output/testng-results.xml");
        try {
            Files.createDirectories(workDir);
            // A stale report would hide a run that wrote none; the suite appends to its logs.
            Path report = workDir.resolve("report");
            for (Path stale : List.of(results, report.resolve("http.log"), report.resolve("skipped.log"))) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // TestNG's exit status is a bit set (1 failed, 2 skipped, 8 no test), so only a missing report tells
        // that the suite itself did not run. Run bounds the wait only against a hang (10 minutes).
        Run.Result run = Run.run(Map.of(), null, command, workDir);
        if (!Files.exists(results)) {
            throw new AssertionError("the LDP test suite wrote no " + results + " (exit " + run.exitCode()
                    + ")\nstdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr());
        }
        Parsed parsed = parse(results);
        List<String> setupFailures = new ArrayList<>(parsed.setupFailures());
        // MemberResourceTest and NonRDFSourceTest print why they could not create their resource, then a detail.
        List<String> err = run.stderr().lines().toList();
        for (int i = 0; i < err.size(); i++) {
            if (err.get(i).startsWith("ERROR: ")) {
                setupFailures.add(err.get(i) + (i + 1 < err.size() ? " " + err.get(i + 1).strip() : ""));
            }
        }
        return new Report(parsed.results(), List.copyOf(setupFailures), run.exitCode(), run.stdout(), run.stderr(),
                workDir);
    }

    record Parsed(List<Result> results, List<String> setupFailures) {
    }

    /** "instance:org.w3.ldp.testsuite.test.MemberResourceTest@3fd7a715" in a TestNG method signature. */
    private static final Pattern INSTANCE = Pattern.compile("instance:(?:[\\w$]+\\.)*([\\w$]+)@");

    /**
     * Reads TestNG's testng-results.xml. Its {@code <groups>} lists each test method per group, with the
     * instance's class in the signature; the {@code <class>} elements hold the results, including
     * configuration methods ({@code is-config="true"}).
     */
    static Parsed parse(Path testngResults) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(testngResults.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + testngResults, e);
        }

        Map<String, Set<Level>> levels = new HashMap<>(); // "Class.method" -> its levels
        for (Element group : elements(doc.getDocumentElement(), "group")) {
            Level level = levelOf(group.getAttribute("name"));
            if (level == null) {
                continue; // MANUAL, ldpMember
            }
            for (Element method : elements(group, "method")) {
                String key = simpleClass(method.getAttribute("signature")) + "." + method.getAttribute("name");
                levels.computeIfAbsent(key, k -> EnumSet.noneOf(Level.class)).add(level);
            }
        }

        List<Result> results = new ArrayList<>();
        List<String> setupFailures = new ArrayList<>();
        for (Element cls : elements(doc.getDocumentElement(), "class")) {
            String className = cls.getAttribute("name").substring(cls.getAttribute("name").lastIndexOf('.') + 1);
            for (Element m : elements(cls, "test-method")) {
                String name = m.getAttribute("name");
                Status status = Status.valueOf(m.getAttribute("status"));
                String message = message(m);
                if (m.getAttribute("is-config").equals("true")) {
                    if (status == Status.FAIL) {
                        setupFailures.add(className + "." + name + ": " + message);
                    }
                    continue;
                }
                // The strongest level, should a test carry two.
                Level level = levels.getOrDefault(className + "." + name, Set.of()).stream().findFirst()
                        .orElse(Level.NONE);
                results.add(new Result(className, name, status, level, message));
            }
        }
        return new Parsed(List.copyOf(results), List.copyOf(setupFailures));
    }

    private static Level levelOf(String group) {
        return switch (group) {
            case "MUST" -> Level.MUST;
            case "SHOULD" -> Level.SHOULD;
            case "MAY" -> Level.MAY;
            default -> null;
        };
    }

    private static String simpleClass(String signature) {
        Matcher m = INSTANCE.matcher(signature);
        if (!m.find()) {
            throw new AssertionError("no instance in TestNG signature " + signature);
        }
        return m.group(1);
    }

    /** The exception's message (assertion text or skip reason), or its class if it has none. */
    private static String message(Element testMethod) {
        List<Element> exceptions = elements(testMethod, "exception");
        if (exceptions.isEmpty()) {
            return null;
        }
        List<Element> messages = elements(exceptions.get(0), "message");
        return messages.isEmpty() ? exceptions.get(0).getAttribute("class") : messages.get(0).getTextContent().strip();
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
