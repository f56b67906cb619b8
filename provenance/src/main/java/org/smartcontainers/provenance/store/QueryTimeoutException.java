package org.smartcontainers.provenance.store;

/** A query ran past its timeout and was cancelled. */
public final class QueryTimeoutException extends StoreException {
    public QueryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
