package org.smartcontainers.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartcontainers.provenance.store.ProvenanceStore;
import org.smartcontainers.web.browse.EntryPoint;
import org.smartcontainers.web.browse.ProvenanceContainer;
import org.smartcontainers.web.browse.Search;
import org.smartcontainers.web.http.Access;
import org.smartcontainers.web.http.HttpServer;
import org.smartcontainers.web.http.Router;
import org.smartcontainers.web.hydra.ApiDocumentation;
import org.smartcontainers.web.hydra.ApiDocumentationResource;
import org.smartcontainers.web.metadata.DockerNames;
import org.smartcontainers.web.metadata.MetadataContainers;
import org.smartcontainers.web.rdf.WebVocab;
import org.smartcontainers.web.resources.Kind;
import org.smartcontainers.web.sparql.SparqlEndpoint;

/** The read side over HTTP: the entry point, the provenance containers, the Hydra documentation, SPARQL. */
public final class LdpServer implements AutoCloseable {
    /** Bodies we take: SPARQL queries and metadata documents, not bulk uploads (and JSON-LD is read whole: see ExtensionApi). */
    public static final long MAX_BODY_BYTES = 4L << 20;
    static final int PAGE_SIZE = 100;

    private final HttpServer http;
    private final MetadataContainers metadata;
    private final List<ProvenanceContainer> containers;

    private LdpServer(HttpServer http, MetadataContainers metadata, List<ProvenanceContainer> containers) {
        this.http = http;
        this.metadata = metadata;
        this.containers = containers;
    }

    /** Read-only use (writes need a random token no one knows), with no Docker to resolve names. */
    public static LdpServer start(HttpAddress address, ProvenanceStore store, Duration queryTimeout) {
        return start(address, store, queryTimeout, UUID.randomUUID().toString(), DockerNames.NONE);
    }

    /**
     * {@code queryTimeout}: how long a SPARQL query may run before it is cancelled; {@code token}:
     * what writes (and reads from other machines) must present; {@code names}: resolves short IDs
     * and names for the metadata containers.
     */
    public static LdpServer start(HttpAddress address, ProvenanceStore store, Duration queryTimeout, String token,
            DockerNames names) {
        return start(address, List.of(), store, queryTimeout, token, names);
    }

    /** {@code hostNames}: names the server answers to besides localhost and IP addresses. */
    public static LdpServer start(HttpAddress address, List<String> hostNames, ProvenanceStore store,
            Duration queryTimeout, String token, DockerNames names) {
        Access access = new Access(token);
        MetadataContainers metadata = new MetadataContainers(store, access, names);
        Router router = new Router()
                .route("", new EntryPoint())
                .route("sparql", new SparqlEndpoint(store, queryTimeout))
                .route("search", new Search(store))
                .route(ApiDocumentation.PATH.substring(1), new ApiDocumentationResource());
        List<ProvenanceContainer> containers = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            boolean hasMetadata = kind == Kind.IMAGES || kind == Kind.CONTAINERS;
            ProvenanceContainer container = new ProvenanceContainer(kind, store, PAGE_SIZE, hasMetadata ? metadata : null);
            containers.add(container);
            router.route(kind.segment(), container);
        }
        int workers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        List<Map.Entry<String, String>> everyResponse = List.of(Map.entry("Link",
                "<" + ApiDocumentation.PATH + ">; rel=\"" + WebVocab.Hydra.API_DOCUMENTATION_REL + "\""));
        return new LdpServer(HttpServer.start(address.toSocketAddress(), router, access, workers, MAX_BODY_BYTES,
                everyResponse, hostNames), metadata, containers);
    }

    /** The metadata containers this server serves, for other ways in to the same resources (the extension API). */
    public MetadataContainers metadata() {
        return metadata;
    }

    /** The URL it is reached at, {@code http://127.0.0.1:8750}. */
    public String url() {
        InetSocketAddress bound = address();
        return "http://" + new HttpAddress(bound.getAddress().getHostAddress(), bound.getPort());
    }

    public InetSocketAddress address() {
        return http.address();
    }

    @Override
    public void close() {
        http.close();
        containers.forEach(ProvenanceContainer::close); // the store outlives this server
    }
}
