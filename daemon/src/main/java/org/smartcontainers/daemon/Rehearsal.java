package org.smartcontainers.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.docker.UnixHttp;

/**
 * A day's use of the daemon, done once, with no Docker behind it: calls through the proxy (the interceptions
 * read their bodies, Docker's absence answers them) and the HTTP side's pages, SPARQL and LDP reads. The build
 * and the package's installation run it ({@code sc daemon --rehearse}, under {@code -XX:ArchiveClassesAtExit}):
 * the classes it loads become the class-data archive the daemon starts from (docs/daemon.md), whose metadata
 * the JVM maps from the file instead of parsing it into the daemon's own memory.
 */
public final class Rehearsal {
    /** One call and the status it got: any answer will do, what counts is that the daemon made it. */
    public record Step(String call, int status) {
        @Override
        public String toString() {
            return call + " -> " + status;
        }
    }

    /** A call through the proxy; {@code contentType} and {@code body} null for none. */
    private record ProxyCall(String method, String path, String contentType, byte[] body) {
        static ProxyCall get(String path) {
            return new ProxyCall("GET", path, null, null);
        }

        static ProxyCall postJson(String path, String json) {
            return new ProxyCall("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A read of the HTTP side, in one of the formats it serves. */
    private record HttpRead(String path, String accept) {
    }

    private static final List<ProxyCall> PROXY_CALLS = List.of(
            ProxyCall.get("/_ping"),
            ProxyCall.get("/v1.43/version"),
            ProxyCall.get("/sc/v1/version"),
            ProxyCall.postJson("/v1.43/containers/create?name=rehearsal",
                    "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Env\":[\"A=1\"],\"Labels\":{\"a\":\"b\"}}"),
            ProxyCall.postJson("/v1.43/commit?container=rehearsal&repo=rehearsal", "{}"),
            new ProxyCall("POST", "/v1.43/build?t=rehearsal", "application/x-tar", new byte[1024])); // an empty tar archive

    /**
     * No HTML page: the first one lays out a lineage picture with ELK, whose jars are signed, so never archived,
     * and JDK 17 crashes archiving the lambdas of a class it leaves out (SIGSEGV in
     * {@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}).
     */
    private static final List<HttpRead> HTTP_READS = List.of(
            new HttpRead("/", "text/turtle"),
            new HttpRead("/", "application/ld+json"),
            new HttpRead("/images/", "text/turtle"),
            new HttpRead("/activities/", "application/ld+json"),
            new HttpRead("/api-doc", "text/turtle"),
            new HttpRead("/sparql?query=" + query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"),
                    "application/sparql-results+json"),
            new HttpRead("/sparql?query=" + query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"), "text/turtle"),
            new HttpRead("/sparql?query=" + query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "text/csv"));

    private Rehearsal() {
    }

    /** Makes every call once against {@code daemon}, started with {@code settings}; an I/O failure ends it. */
    public static List<Step> perform(Daemon daemon, DaemonSettings settings) throws IOException {
        List<Step> steps = new ArrayList<>();
        Path proxy = settings.proxy().listen();
        for (ProxyCall call : PROXY_CALLS) {
            UnixHttp.Answer answer = UnixHttp.exchange(proxy, call.method(), call.path(), call.contentType(), call.body());
            steps.add(new Step("proxy " + call.method() + " " + call.path(), answer.status()));
        }
        if (daemon.httpUrl() != null) {
            URI base = URI.create(daemon.httpUrl());
            for (HttpRead read : HTTP_READS) {
                steps.add(new Step("http GET " + read.path() + " (" + read.accept() + ")", get(base, read.path(), read.accept())));
            }
        }
        return steps;
    }

    /** The status of one HTTP/1.1 GET, its body read to the end (as a client's would be). */
    private static int get(URI base, String path, String accept) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAccept: " + accept
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 ") || answer.length() < 12) {
                throw new IOException("GET " + path + ": not an HTTP answer: " + answer.lines().findFirst().orElse(""));
            }
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private static String query(String sparql) {
        return URLEncoder.encode(sparql, StandardCharsets.UTF_8);
    }
}
