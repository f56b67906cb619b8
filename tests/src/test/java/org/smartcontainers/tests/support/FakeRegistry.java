package org.smartcontainers.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * A registry for tests where no real one can be had (no internet, no registry image): just enough of the
 * Docker Registry HTTP API v2 on {@code 127.0.0.1} for a real {@code docker pull} and {@code docker push}
 * (Docker speaks plain HTTP to a registry on localhost). Images are served from a {@code docker save} tar
 * (its {@code manifest.json}, config and layers, each layer gzipped) as schema 2 manifests; pushes are
 * taken in whole (blob uploads, manifests). The request headers it saw are kept, for a test to check what
 * credentials reached it.
 */
public final class FakeRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String LIST_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** In front of the server: what a client reaches (see {@link #front}). */
    private final ServerSocket front;

    public FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
        front = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::front, "fake-registry-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Answers a TLS hello as a Go registry serving plain HTTP does (a 400 in plain HTTP), so a client that tries HTTPS
     * first (the containerd image store's resolver, even for localhost) falls back to HTTP; relays anything else.
     */
    private void front() {
        while (!front.isClosed()) {
            try {
                Socket client = front.accept();
                Thread relay = new Thread(() -> relay(client), "fake-registry-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            in.mark(1);
            int first = in.read();
            in.reset();
            if (first == 0x16) { // a TLS handshake record
                client.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
                Thread up = new Thread(() -> {
                    try {
                        in.transferTo(upstream.getOutputStream());
                        upstream.shutdownOutput();
                    } catch (IOException e) {
                        // the other side closed: the relay ends
                    }
                }, "fake-registry-up");
                up.setDaemon(true);
                up.start();
                upstream.getInputStream().transferTo(client.getOutputStream());
            }
        } catch (IOException e) {
            // a client gone mid-request: nothing to keep
        }
    }

    /** {@code localhost:PORT}: the registry part of a reference. */
    public String host() {
        return "localhost:" + front.getLocalPort();
    }

    /** What came in {@code Authorization} headers. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Serves the one image of a {@code docker save} tar as {@code repository:tag}; returns the manifest's digest. */
    public String serve(Path savedTar, String repository, String tag) throws IOException {
        Map<String, byte[]> files = files(Files.readAllBytes(savedTar));
        JsonNode saved = JSON.readTree(files.get("manifest.json")).get(0);
        byte[] manifest = manifest(files, saved, files.get(saved.get("Config").asText()));
        return publish(repository, tag, manifest);
    }

    /** An index's digest, and the digest of the manifest it names for the platform served whole. */
    public record Served(String index, String manifest) {
    }

    /**
     * Serves the one image of a {@code docker save} tar (of this machine's platform, {@code os/architecture}) as
     * {@code repository:tag} in a manifest list with a second platform, {@code linux/otherArchitecture}, the same
     * layers under a config saying so (its manifest is served, its layers are the image's).
     */
    public Served serveIndex(Path savedTar, String repository, String tag, String os, String architecture,
            String otherArchitecture) throws IOException {
        Map<String, byte[]> files = files(Files.readAllBytes(savedTar));
        JsonNode saved = JSON.readTree(files.get("manifest.json")).get(0);
        byte[] config = files.get(saved.get("Config").asText());
        byte[] manifest = manifest(files, saved, config);
        ObjectNode otherConfig = (ObjectNode) JSON.readTree(config);
        otherConfig.put("architecture", otherArchitecture);
        byte[] other = manifest(files, saved, JSON.writeValueAsBytes(otherConfig));
        String manifestDigest = publish(repository, null, manifest);
        String otherDigest = publish(repository, null, other);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", LIST_TYPE);
        ArrayNode manifests = index.putArray("manifests");
        manifests.addObject().put("mediaType", MANIFEST_TYPE).put("size", manifest.length).put("digest", manifestDigest)
                .putObject("platform").put("architecture", architecture).put("os", os);
        manifests.addObject().put("mediaType", MANIFEST_TYPE).put("size", other.length).put("digest", otherDigest)
                .putObject("platform").put("architecture", otherArchitecture).put("os", "linux");
        return new Served(publish(repository, tag, JSON.writeValueAsBytes(index)), manifestDigest);
    }

    /** A manifest of the saved image's layers under {@code config}. */
    private byte[] manifest(Map<String, byte[]> files, JsonNode saved, byte[] config) throws IOException {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST_TYPE);
        manifest.putObject("config").put("mediaType", "application/vnd.docker.container.image.v1+json")
                .put("size", config.length).put("digest", put(config));
        ArrayNode layers = manifest.putArray("layers");
        for (JsonNode layer : saved.get("Layers")) {
            byte[] layerBytes = files.get(layer.asText());
            // A classic store saves layers as tars; a containerd store as the blobs it holds, already gzipped.
            boolean gzip = layerBytes.length > 1 && (layerBytes[0] & 0xff) == 0x1f && (layerBytes[1] & 0xff) == 0x8b;
            byte[] gzipped = gzip ? layerBytes : gzip(layerBytes);
            layers.addObject().put("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip")
                    .put("size", gzipped.length).put("digest", put(gzipped));
        }
        return JSON.writeValueAsBytes(manifest);
    }

    /** Serves {@code bytes} by its digest, and as {@code repository:tag} unless the tag is null; returns the digest. */
    private String publish(String repository, String tag, byte[] bytes) {
        String digest = digest(bytes);
        if (tag != null) {
            manifests.put(repository + ":" + tag, bytes);
        }
        manifests.put(repository + "@" + digest, bytes);
        return digest;
    }

    /** The digest of the manifest pushed as {@code repository:tag}, or null. */
    public String pushed(String repository, String tag) {
        byte[] manifest = manifests.get(repository + ":" + tag);
        return manifest == null ? null : digest(manifest);
    }

    /** The regular files of a ustar archive (what {@code docker save} writes: short names, no pax). */
    private static Map<String, byte[]> files(byte[] tar) {
        Map<String, byte[]> files = new ConcurrentHashMap<>();
        for (int at = 0; at + 512 <= tar.length && tar[at] != 0; ) {
            String name = text(tar, at, 100);
            String prefix = text(tar, at + 345, 155);
            long size = Long.parseLong(text(tar, at + 124, 12).trim(), 8);
            byte type = tar[at + 156];
            if (type == '0' || type == 0) {
                files.put(prefix.isEmpty() ? name : prefix + "/" + name,
                        java.util.Arrays.copyOfRange(tar, at + 512, at + 512 + (int) size));
            }
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return files;
    }

    private static String text(byte[] bytes, int from, int length) {
        int end = from;
        while (end < from + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private String put(byte[] blob) {
        String digest = digest(blob);
        blobs.put(digest, blob);
        return digest;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
            if (path.equals("/v2/") || path.equals("/v2")) {
                answer(exchange, method, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            int manifestsAt = path.lastIndexOf("/manifests/");
            int blobsAt = path.lastIndexOf("/blobs/");
            if (manifestsAt > 3) {
                String repository = path.substring(4, manifestsAt);
                String reference = path.substring(manifestsAt + "/manifests/".length());
                String key = repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
                if (method.equals("PUT")) {
                    String digest = digest(body);
                    manifests.put(key, body);
                    manifests.put(repository + "@" + digest, body);
                    exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
                    exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/manifests/" + digest);
                    answer(exchange, method, 201, null, new byte[0]);
                    return;
                }
                byte[] manifest = manifests.get(key);
                if (manifest == null) {
                    error(exchange, method, "MANIFEST_UNKNOWN");
                    return;
                }
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest(manifest));
                answer(exchange, method, 200, JSON.readTree(manifest).path("mediaType").asText(MANIFEST_TYPE), manifest);
                return;
            }
            if (blobsAt > 3 && path.substring(blobsAt).startsWith("/blobs/uploads")) {
                upload(exchange, method, path.substring(4, blobsAt), path, body);
                return;
            }
            if (blobsAt > 3) {
                byte[] blob = blobs.get(path.substring(blobsAt + "/blobs/".length()));
                if (blob == null) {
                    error(exchange, method, "BLOB_UNKNOWN");
                    return;
                }
                exchange.getResponseHeaders().add("Docker-Content-Digest", digest(blob));
                answer(exchange, method, 200, "application/octet-stream", blob);
                return;
            }
            error(exchange, method, "UNSUPPORTED");
        }
    }

    /** POST starts an upload (a cross-repository mount is never done), PATCH adds to it, PUT ends it with its digest. */
    private void upload(HttpExchange exchange, String method, String repository, String path, byte[] body) throws IOException {
        if (method.equals("POST")) {
            String id = UUID.randomUUID().toString();
            uploads.put(id, new ByteArrayOutputStream());
            uploads.get(id).write(body);
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id);
            exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
            exchange.getResponseHeaders().add("Range", "0-0");
            answer(exchange, method, 202, null, new byte[0]);
            return;
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        ByteArrayOutputStream upload = uploads.get(id);
        if (upload == null) {
            error(exchange, method, "BLOB_UPLOAD_UNKNOWN");
            return;
        }
        upload.write(body);
        exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
        if (method.equals("PUT")) {
            String digest = put(upload.toByteArray());
            uploads.remove(id);
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/" + digest);
            answer(exchange, method, 201, null, new byte[0]);
        } else {
            exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id);
            exchange.getResponseHeaders().add("Range", "0-" + Math.max(0, upload.size() - 1));
            answer(exchange, method, 202, null, new byte[0]);
        }
    }

    private static void error(HttpExchange exchange, String method, String code) throws IOException {
        answer(exchange, method, 404, "application/json",
                ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"unknown\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, String method, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        if (method.equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    @Override
    public void close() {
        try {
            front.close();
        } catch (IOException e) {
            // closing anyway
        }
        server.stop(0);
    }
}
