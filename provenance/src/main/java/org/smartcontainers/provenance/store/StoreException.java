package org.smartcontainers.provenance.store;

/** A store could not do what was asked (disk full, remote store down, bad query): the one error type. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
