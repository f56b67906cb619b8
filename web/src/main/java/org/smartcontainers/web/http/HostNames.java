package org.smartcontainers.web.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names this server answers to: localhost, any IP address, and the names it was given. A web
 * page the user visits can make the browser send it requests under the page's own name (DNS
 * rebinding: the name resolves to 127.0.0.1 a moment later): such a request names a host we do not
 * serve, and is refused before anything is read.
 */
final class HostNames {
    private final Set<String> extra;

    HostNames(List<String> names) {
        this.extra = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code host}: a Host header already checked for its syntax ({@code name[:port]}, {@code [v6][:port]}). */
    void check(String host) {
        String name = hostName(host).toLowerCase(Locale.ROOT);
        boolean served = name.equals("localhost") || host.startsWith("[") || isIpv4(name) || extra.contains(name);
        if (!served) {
            throw new HttpError(HttpResponseStatus.MISDIRECTED_REQUEST, "this server answers to localhost, to IP"
                    + " addresses and to the names given with sc daemon --http-name, not to " + name);
        }
    }

    private static String hostName(String host) {
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
