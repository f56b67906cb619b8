package org.smartcontainers.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Responder;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.web.metadata.MetadataContainers;
import org.smartcontainers.web.sparql.SparqlEndpoint;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.recording.Recording;

/**
 * The SmartContainers extension API, answered by the proxy itself on its socket under
 * {@code /sc/v1/} (also behind a Docker version prefix, {@code /v1.47/sc/v1/}, as docker-py sends
 * it): the original client functions ({@code sc_version}, {@code get_config}/{@code put_config},
 * {@code get_label}/{@code put_label}, {@code get_entry}, {@code create_sc}) plus SPARQL and an
 * export. JSON in and out; errors in Docker's shape, {@code {"message": …}}.
 */
public final class ExtensionApi implements AutoCloseable {
    private static final String PREFIX = "/sc/v1/";
    /**
     * The largest body the API reads: a config, a label document, a query. A JSON-LD document is read whole
     * before its statements are counted ({@link org.smartcontainers.web.rdf.BoundedRdf}), so its bytes are bounded
     * to what the daemon's heap takes.
     */
    public static final int MAX_BODY = 4 << 20;

    private final String version;
    private final DockerClient docker;
    private final ConfigResource config;
    private final LabelResource labels;
    private final SmartResource smart;
    private final EntryResource entries;
    private final SparqlEndpoint sparql;
    private final ExportResource export;
    private final String httpBase;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "sc-extension-api");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param httpBase the HTTP server's URL for links ({@code http://127.0.0.1:8750}), null when it is off
     */
    public ExtensionApi(String version, DockerClient docker, Recording recording, ConfigStore configStore,
            ProvenanceStore store, MetadataContainers metadata, Duration queryTimeout, String httpBase) {
        this.version = version;
        this.docker = docker;
        this.httpBase = httpBase;
        ImageRelabel relabel = new ImageRelabel(docker, recording);
        this.config = new ConfigResource(configStore);
        this.labels = new LabelResource(docker, metadata, relabel);
        this.smart = new SmartResource(docker, recording, relabel);
        this.entries = new EntryResource(docker, httpBase);
        this.sparql = new SparqlEndpoint(store, queryTimeout);
        this.export = new ExportResource(store, docker);
    }

    /** True for a request this API answers instead of the daemon. */
    public static boolean handles(String uri) {
        // Asked of every request the proxy relays: the cheap test first spares the others the regex.
        return uri.contains(PREFIX) && DockerApiPath.route(uri).startsWith(PREFIX);
    }

    /** Answers off the event loop; the future always completes with a response, errors included. */
    public CompletableFuture<FullHttpResponse> answer(FullHttpRequest message, Caller caller) {
        byte[] body = ByteBufUtil.getBytes(message.content());
        HttpHeaders headers = message.headers().copy();
        String method = message.method().name();
        String uri = message.uri();
        boolean head = message.method().equals(HttpMethod.HEAD);
        return CompletableFuture.supplyAsync(() -> respond(method, uri, headers, body, caller).toNetty(head, List.of()), workers);
    }

    private Response respond(String method, String uri, HttpHeaders headers, byte[] body, Caller caller) {
        QueryStringDecoder decoded = new QueryStringDecoder(uri, StandardCharsets.UTF_8);
        String path = DockerApiPath.route(decoded.rawPath());
        return Responder.respond(method + " " + path, () -> {
            List<String> segments = Request.segments(path);
            Request request = new Request(method, path, segments.subList(2, segments.size()), Request.parameters(decoded),
                    headers, body, base(), true);
            return route(request, caller);
        }, ApiJson::error);
    }

    private String base() {
        return httpBase != null ? httpBase : "http://localhost";
    }

    private Response route(Request request, Caller caller) {
        List<String> segments = request.segments();
        String first = segments.get(0);
        String last = segments.get(segments.size() - 1);
        if (segments.size() == 1) {
            return switch (first) {
                case "version" -> version(request);
                case "config" -> config.handle(request);
                case "sparql" -> sparql.handle(asSparqlRequest(request));
                case "export" -> export.handle(request);
                default -> throw notFound(request);
            };
        }
        boolean image = first.equals("images");
        if (!(image || first.equals("containers")) || segments.size() < 3) {
            throw notFound(request);
        }
        // An image reference may hold slashes (team/tool:1.0): everything between the kind and the action.
        String reference = String.join("/", segments.subList(1, segments.size() - 1));
        if (reference.isEmpty()) {
            throw notFound(request);
        }
        return switch (last) {
            case "label" -> labels.handle(request, image, reference, caller);
            case "smart" -> smart.handle(request, image, reference, caller);
            case "entry" -> {
                if (image) {
                    throw notFound(request);
                }
                yield entries.handle(request, reference);
            }
            default -> throw notFound(request);
        };
    }

    private static HttpError notFound(Request request) {
        return new HttpError(HttpResponseStatus.NOT_FOUND, "no such SmartContainers API call: " + request.method() + " "
                + request.path() + " (see docs/http.md: version, config, images|containers/{ref}/label,"
                + " containers/{ref}/entry, images|containers/{ref}/smart, sparql, export)");
    }

    private Response version(Request request) {
        if (!request.method().equals("GET")) {
            throw HttpError.methodNotAllowed(request.method(), "GET");
        }
        ObjectNode answer = ApiJson.object();
        answer.putObject("SmartContainers").put("Version", version).put("ApiVersion", "1")
                .put("Java", Runtime.version().toString());
        JsonNode dockerVersion = docker.versionObject().orElse(null);
        if (dockerVersion == null) {
            throw new HttpError(HttpResponseStatus.BAD_GATEWAY, "SmartContainers " + version
                    + " is running, but the Docker daemon does not answer /version");
        }
        answer.set("Docker", dockerVersion);
        return ApiJson.ok(answer);
    }

    /** SPARQL as the protocol takes it, or as JSON: {@code {"query": "…"}}. */
    private static Request asSparqlRequest(Request request) {
        if (!"application/json".equals(request.contentType())) {
            return request;
        }
        JsonNode query = ApiJson.body(request).path("query");
        if (!query.isTextual()) {
            throw HttpError.badRequest("the JSON body needs a \"query\" string");
        }
        HttpHeaders headers = new DefaultHttpHeaders().add(request.headers()).set("Content-Type", "application/sparql-query");
        return new Request("POST", request.path(), request.segments(), request.query(), headers,
                query.asText().getBytes(StandardCharsets.UTF_8), request.baseUrl(), request.loopback());
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
