package org.smartcontainers.web.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Entity tags: made from content, checked against If-None-Match. */
public final class ETags {
    private ETags() {
    }

    /** A strong tag from the bytes of a representation. */
    public static String of(byte[] content) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Does the request's If-None-Match name this tag (or {@code *}), so that 304 is the answer? */
    public static boolean noneMatchFails(Request request, String etag) {
        String ifNoneMatch = request.header("If-None-Match");
        return ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag));
    }
}
