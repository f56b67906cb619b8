package org.smartcontainers.proxy.intercept;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartcontainers.docker.DockerApiPath;

/**
 * A request's query read as the daemon's Go code reads it ({@code url.ParseQuery}): pairs split at
 * {@code &} only; a pair holding {@code ;}, or a bad {@code %} escape, is an error. Where the
 * daemon calls {@code ParseForm} first (create, commit) an error refuses the whole request, so
 * {@link #of} refuses it too; where it only asks {@code r.FormValue} (build), Go skips such pairs
 * and keeps the rest, and so does {@link #lenient}. Values are kept in order; {@code r.FormValue}
 * takes a key's first.
 */
final class GoQuery {
    /** One pair as sent, and as Go decodes it. */
    private record Pair(String raw, String key, String value) {
    }

    private final String path;
    private final List<Pair> pairs;

    private GoQuery(String path, List<Pair> pairs) {
        this.path = path;
        this.pairs = pairs;
    }

    /** @throws RefusedCall when the daemon would refuse the query */
    static GoQuery of(String uri) {
        return parse(uri, true);
    }

    /** The pairs Go keeps, the others skipped (they stay in {@link #withOnly}'s target, for Go to skip again). */
    static GoQuery lenient(String uri) {
        return parse(uri, false);
    }

    private static GoQuery parse(String uri, boolean strict) {
        int mark = uri.indexOf('?'); // a request target has no fragment for Go's server: '#' is data
        if (mark < 0) {
            return new GoQuery(uri, List.of());
        }
        List<Pair> pairs = new ArrayList<>();
        for (String raw : uri.substring(mark + 1).split("&", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            try {
                pairs.add(pair(raw));
            } catch (RefusedCall e) {
                if (strict) {
                    throw e;
                }
                pairs.add(new Pair(raw, null, null)); // skipped by Go: no key of its own
            }
        }
        return new GoQuery(uri.substring(0, mark), pairs);
    }

    private static Pair pair(String raw) {
        if (raw.contains(";")) {
            throw RefusedCall.badRequest("invalid semicolon separator in query");
        }
        int equals = raw.indexOf('=');
        String key = equals < 0 ? raw : raw.substring(0, equals);
        String value = equals < 0 ? "" : raw.substring(equals + 1);
        return new Pair(raw, unescape(key), unescape(value));
    }

    /** Every parameter with its values in order, as {@code r.Form} holds them from the query. */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        pairs.stream().filter(pair -> pair.key != null)
                .forEach(pair -> parameters.computeIfAbsent(pair.key, k -> new ArrayList<>()).add(pair.value));
        return parameters;
    }

    /** The value {@code r.FormValue(key)} gives: the first, or "" when absent. */
    String first(String key) {
        return pairs.stream().filter(pair -> key.equals(pair.key)).map(Pair::value).findFirst().orElse("");
    }

    /** The same request target with {@code key} given only {@code value}: every other pair as it was sent. */
    String withOnly(String key, String value) {
        return withOnly(key, List.of(value));
    }

    /** The same request target with {@code key} given only {@code values}, in order, after every other pair as sent. */
    String withOnly(String key, List<String> values) {
        StringBuilder uri = new StringBuilder(path).append('?');
        for (Pair pair : pairs) {
            if (!key.equals(pair.key)) {
                uri.append(pair.raw).append('&');
            }
        }
        for (String value : values) {
            uri.append(DockerApiPath.encodeSegment(key)).append('=').append(DockerApiPath.encodeSegment(value)).append('&');
        }
        return uri.substring(0, uri.length() - 1);
    }

    /** Go's {@code url.QueryUnescape}: {@code +} is a space, {@code %XX} a byte, any other {@code %} an error. */
    private static String unescape(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        byte[] bytes = DockerApiPath.unescape(text, true);
        if (bytes == null) {
            throw RefusedCall.badRequest("invalid URL escape in query");
        }
        return new String(bytes, StandardCharsets.UTF_8); // invalid UTF-8 as U+FFFD, as Go's JSON reads it
    }
}
