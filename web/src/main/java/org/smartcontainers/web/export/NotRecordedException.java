package org.smartcontainers.web.export;

/** The store holds nothing an export about this image or container could say: a 404, not a fault. */
public final class NotRecordedException extends RuntimeException {
    public NotRecordedException(String message) {
        super(message, null, false, false);
    }
}
