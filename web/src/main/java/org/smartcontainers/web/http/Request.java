package org.smartcontainers.web.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.smartcontainers.docker.DockerApiPath;

/**
 * One HTTP request, read whole (bodies are bounded) and decoded: the path as checked segments,
 * the query string's parameters, the headers, the body, the base URL the client used, and whether
 * it came from this machine (loopback).
 */
public record Request(String method, String path, List<String> segments, Map<String, List<String>> query,
        HttpHeaders headers, byte[] body, String baseUrl, boolean loopback) {

    /**
     * The parameters of a query string (or a form body), or 400 for a malformed %-escape. Netty's own
     * message quotes the whole text, which may hold a secret: it is neither answered nor logged.
     */
    public static Map<String, List<String>> parameters(QueryStringDecoder decoder) {
        try {
            return decoder.parameters();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("the query string (or form) has a malformed %-escape");
        }
    }

    /**
     * Splits and percent-decodes the path. A segment that decodes to {@code .}, {@code ..}, or
     * something holding {@code /}, {@code \} or a control character is refused, so no handler
     * ever sees a path that could climb out of its resources.
     */
    public static List<String> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw HttpError.badRequest("the request target must be an absolute path");
        }
        List<String> segments = new ArrayList<>();
        String[] parts = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String segment;
            try {
                segment = QueryStringDecoder.decodeComponent(parts[i], StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("bad percent-encoding in the path: " + e.getMessage());
            }
            if (segment.equals(".") || segment.equals("..") || segment.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20)) {
                throw HttpError.badRequest("path segment not allowed: " + parts[i]);
            }
            if (segment.isEmpty() && i != parts.length - 1) {
                throw HttpError.badRequest("empty path segment in " + rawPath);
            }
            segments.add(segment);
        }
        return List.copyOf(segments);
    }

    /** One path segment as it goes into a URL: percent-encoded, a space as {@code %20}. */
    public static String encodeSegment(String segment) {
        return DockerApiPath.encodeSegment(segment);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The only value of a query-string parameter, null when absent; a repeated one is an error. */
    public String param(String name) {
        return single(query, name);
    }

    /** The only value of a parameter, null when absent; a repeated one is an error (400). */
    public static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw HttpError.badRequest("parameter '" + name + "' given " + values.size() + " times");
        }
        return values.get(0);
    }

    /** The media type of the body, without parameters, lower case; null when not given. */
    public String contentType() {
        String value = headers.get("Content-Type");
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The absolute URL of this request's path, for {@code @base} and links. */
    public String url() {
        return baseUrl + path;
    }
}
