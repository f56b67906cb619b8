package org.smartcontainers.web.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may do what: reads from this machine need nothing; writes, and reads from elsewhere, need
 * the daemon's token, as {@code Authorization: Bearer TOKEN} or as the password of HTTP Basic auth
 * with any user name (so curl, browsers and test suites can write).
 */
public final class Access {
    static final String CHALLENGE = "Bearer realm=\"smartcontainers\", Basic realm=\"smartcontainers\"";
    private final byte[] token;

    public Access(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void checkRead(Request request) {
        if (!request.loopback()) {
            checkWrite(request);
        }
    }

    /** 401 with a challenge unless the request carries the token. */
    public void checkWrite(Request request) {
        String given = presented(request.header("Authorization"));
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(HttpResponseStatus.UNAUTHORIZED,
                    given == null ? "this needs the daemon's token (file http-token in its config directory),"
                            + " as 'Authorization: Bearer TOKEN' or as the Basic auth password"
                            : "wrong token").with("WWW-Authenticate", CHALLENGE);
        }
    }

    private static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String credentials = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return credentials;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
