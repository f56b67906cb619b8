package org.smartcontainers.web.http;

/** Answers the requests routed to it; throws {@link HttpError} to answer with an error. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
