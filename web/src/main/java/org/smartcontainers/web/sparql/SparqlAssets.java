package org.smartcontainers.web.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartcontainers.web.http.ETags;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;

/**
 * The SPARQL page's static files, all from our jar (no CDN: the daemon is often offline, and a page of
 * ours runs no script from elsewhere): YASGUI, which the build unpacks into {@code yasgui/}, the page's
 * own script and style, and our prefixes for its completion. Each is served at
 * {@code /sparql/assets/<version>/<name>}, the version taken from its content, so a new jar changes the
 * URL and a year's caching is never stale.
 */
final class SparqlAssets {
    static final String PATH = "/sparql/assets/";
    static final String YASGUI_JS = "yasgui.min.js";
    static final String YASGUI_CSS = "yasgui.min.css";
    static final String YASGUI_LICENSE = "yasgui.min.js.LICENSE.txt";
    static final String PAGE_JS = "sparql-page.js";
    static final String PAGE_CSS = "sparql-page.css";
    static final String PREFIXES = "prefixes.json";
    private static final String CACHE_FOR_A_YEAR = "public, max-age=31536000, immutable";

    /** One file: its media type, bytes, and its tag (ETag, and the version in its URL). */
    private record Asset(String contentType, byte[] bytes, String etag) {
        String version() {
            return etag.substring(1, etag.length() - 1);
        }
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    private SparqlAssets() {
        add("yasgui/" + YASGUI_JS, "text/javascript; charset=utf-8");
        add("yasgui/" + YASGUI_CSS, "text/css; charset=utf-8");
        add("yasgui/" + YASGUI_LICENSE, "text/plain; charset=utf-8");
        add(PAGE_JS, "text/javascript; charset=utf-8");
        add(PAGE_CSS, "text/css; charset=utf-8");
        put(PREFIXES, "application/json", QueryPrefixes.asPrefixCcJson());
    }

    /** Read once: they are the jar's and never change while it runs. */
    static SparqlAssets bundled() {
        return Bundled.ASSETS;
    }

    private static final class Bundled {
        static final SparqlAssets ASSETS = new SparqlAssets();
    }

    /** The path a page links to, relative to the server's base URL. */
    String path(String name) {
        Asset asset = assets.get(name);
        return PATH + asset.version() + "/" + name;
    }

    /** {@code /sparql/assets/<version>/<name>}: GET or HEAD; an old version is gone (404), not served as the new. */
    Response serve(Request request) {
        List<String> segments = request.segments();
        Asset asset = segments.size() == 4 && segments.get(1).equals("assets") ? assets.get(segments.get(3)) : null;
        if (asset == null || !asset.version().equals(segments.get(2))) {
            throw HttpError.notFound(request.path());
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw HttpError.methodNotAllowed(request.method(), "GET, HEAD");
        }
        return Response.conditional(request, asset.contentType(), asset.bytes(), asset.etag())
                .header("Cache-Control", CACHE_FOR_A_YEAR)
                .header("X-Content-Type-Options", "nosniff");
    }

    private void add(String resource, String contentType) {
        put(resource.substring(resource.lastIndexOf('/') + 1), contentType, read(resource));
    }

    private void put(String name, String contentType, byte[] bytes) {
        assets.put(name, new Asset(contentType, bytes, ETags.of(bytes)));
    }

    private static byte[] read(String resource) {
        try (InputStream in = SparqlAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                // Only a build that skipped process-resources (an IDE's) lacks them.
                throw new IllegalStateException("missing from the jar: " + resource + " (built by mvn, it is unpacked"
                        + " from the YASGUI WebJar; see web/pom.xml)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
