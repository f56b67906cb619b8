package org.smartcontainers.proxy.daemonview;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code Request.ParseForm} as a handler's {@code r.FormValue} and {@code r.Form} see it: for a
 * POST, PUT or PATCH whose body is {@code application/x-www-form-urlencoded}, the body's pairs
 * first (up to 10 MB of it), then the query's. Parse errors drop pairs, never the request.
 */
public final class GoForm {
    private static final int MAX_FORM_BODY = 10 << 20;

    private GoForm() {
    }

    /** {@code r.Form[name]}. */
    public static List<String> values(GoHttpRequest request, String name) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(postForm(request));
        GoUrl.parseRequestUri(request.line().target()).ifPresent(target -> pairs.addAll(GoUrl.parseQuery(target.rawQuery()).pairs()));
        return pairs.stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** {@code r.FormValue(name)}: the first value, or "". */
    public static String value(GoHttpRequest request, String name) {
        List<String> values = values(request, name);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static List<Map.Entry<String, String>> postForm(GoHttpRequest request) {
        String method = request.line().method();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return List.of();
        }
        // mime.ParseMediaType: the part before ';', trimmed and lower-cased (bad parameters still give it)
        String contentType = request.header("Content-Type").orElse("application/octet-stream");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/x-www-form-urlencoded") || request.body().length > MAX_FORM_BODY) {
            return List.of();
        }
        return GoUrl.parseQuery(new String(request.body(), StandardCharsets.ISO_8859_1)).pairs();
    }
}
