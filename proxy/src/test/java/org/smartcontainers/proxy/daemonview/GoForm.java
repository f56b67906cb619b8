package org.smartcontainers.proxy.daemonview;

import java.util.List;
import java.util.Map;

/**
 * A handler's {@code r.Form} and {@code r.FormValue}: the request target's query, as
 * {@code ParseQuery} reads it. Go's {@code ParseForm} would put the pairs of an
 * {@code application/x-www-form-urlencoded} body first, but Docker 26 and 20.10 do not take them:
 * a build whose urlencoded body said {@code remote=...x} and whose query said {@code remote=...y}
 * fetched y, and {@code labels=notjson} in such a body was not read.
 */
public final class GoForm {
    private GoForm() {
    }

    /** {@code r.Form[name]}. */
    public static List<String> values(GoHttpRequest request, String name) {
        return GoUrl.parseRequestUri(request.line().target())
                .map(target -> GoUrl.parseQuery(target.rawQuery()).pairs())
                .orElse(List.of())
                .stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** {@code r.FormValue(name)}: the first value, or "". */
    public static String value(GoHttpRequest request, String name) {
        List<String> values = values(request, name);
        return values.isEmpty() ? "" : values.get(0);
    }
}
