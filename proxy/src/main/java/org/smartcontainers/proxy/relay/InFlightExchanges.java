package org.smartcontainers.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.proxy.intercept.Interceptors;

/**
 * The exchanges in flight on one client connection, oldest first, and how each one ends: answered
 * (the connection then kept or closed), hijacked, or failed. Failures of exchanges become
 * Docker-shaped error responses here, with their log lines: 400 for a malformed request, 413 for a
 * body too large to hold, 502 when the daemon is unreachable or closed before answering. The one
 * other error the relay makes itself is the 500 for an extension API answer that failed, made where
 * local answers are put in order ({@link LocalAnswerOrderer}).
 */
final class InFlightExchanges {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightExchanges.class);

    private final Channel client;
    private final Interceptors interceptors;
    private final Runnable readingMayResume;
    private final ArrayDeque<Exchange> inFlight = new ArrayDeque<>();
    /** Shutting down, or the client will send nothing more: close once nothing is in flight. */
    private boolean closeWhenIdle;
    /** A request that may hijack the connection went out: the next bytes may be raw stdin. */
    private boolean awaitingHijack;
    /** The rest of a failed request's body is read and dropped. */
    private boolean discardingRequestBody;
    /** Everything the client sends from now on is read and dropped: the connection ends after the answers in flight. */
    private boolean droppingEverything;

    /** @param readingMayResume told when something that held back reading from the client is over */
    InFlightExchanges(Channel client, Interceptors interceptors, Runnable readingMayResume) {
        this.client = client;
        this.interceptors = interceptors;
        this.readingMayResume = readingMayResume;
    }

    void begin(Exchange exchange) {
        if (exchange.changesImages) {
            interceptors.imagesMayChange();
        }
        inFlight.add(exchange);
        discardingRequestBody = false;
    }

    /** The newest request is recorded and its body has not ended. */
    boolean recordedRequestUnfinished() {
        Exchange newest = inFlight.peekLast();
        return newest != null && !newest.isRequestComplete() && newest.interception != null;
    }

    /** The exchange whose response comes next, or null. */
    Exchange oldest() {
        return inFlight.peek();
    }

    /** The newest request has been read to its end. */
    void requestEnded() {
        Exchange newest = inFlight.peekLast();
        if (newest != null) {
            newest.requestCompleted();
            awaitingHijack |= newest.mayHijack;
        }
    }

    boolean awaitingHijack() {
        return awaitingHijack;
    }

    /** True when this is part of a failed request's body: it has been dropped. */
    boolean discards(HttpObject msg) {
        if (!discardingRequestBody) {
            return false;
        }
        ReferenceCountUtil.release(msg);
        if (msg instanceof LastHttpContent) {
            discardingRequestBody = false;
        }
        return true;
    }

    /**
     * A refused request's body could not be told apart from what followed it: whatever the client
     * sends from now on is dropped, and the connection closes once the answers in flight are written.
     */
    void dropEverythingRead() {
        droppingEverything = true;
        closeWhenIdle = true;
    }

    /** True when this was dropped (see {@link #dropEverythingRead}). */
    boolean dropsEverything(HttpObject msg) {
        if (droppingEverything) {
            ReferenceCountUtil.release(msg);
        }
        return droppingEverything;
    }

    /**
     * The response to the oldest exchange has been written in full. False when there was none, or
     * when the connection ends with it (then it is closed once written).
     */
    boolean finishOldest() {
        Exchange done = inFlight.poll();
        if (done == null) {
            return false;
        }
        if (done.changesImages) {
            interceptors.imagesMayChange(); // before the client can see the end and call on
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(done.describe());
        }
        if (done.endsConnection()) {
            closeAfterFlush();
            return false;
        }
        if (awaitingHijack && inFlight.stream().noneMatch(e -> e.mayHijack)) {
            awaitingHijack = false; // the daemon answered in plain HTTP: the connection goes on as before
            readingMayResume.run();
        }
        return true;
    }

    /** The daemon answered the oldest exchange by taking the connection over. */
    void hijacked() {
        Exchange exchange = inFlight.poll();
        if (exchange != null && LOG.isDebugEnabled()) {
            LOG.debug("{}, connection hijacked", exchange.describe());
        }
        awaitingHijack = false;
    }

    /** Shutting down, or the client half-closed: answer what is in flight, then close. */
    void closeWhenIdle() {
        closeWhenIdle = true;
    }

    boolean closing() {
        return closeWhenIdle;
    }

    /** @param requestsWaiting requests were read that have not begun yet (they wait behind a local answer) */
    void closeIfIdleAndAsked(boolean requestsWaiting) {
        if (closeWhenIdle && inFlight.isEmpty() && !requestsWaiting && !discardingRequestBody) {
            closeAfterFlush();
        }
    }

    private void closeAfterFlush() {
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- failures ----

    /** The newest request's body outgrew what may be held: its rest is dropped as it arrives. */
    void failTooLarge(String toDoWhat, int maxBody, boolean bodyEnded) {
        fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large for the SmartContainers proxy to "
                + toDoWhat + " (over " + maxBody + " bytes)");
        discardingRequestBody = !bodyEnded;
    }

    void failUnreachable(String daemon, Throwable cause) {
        LOG.info("cannot reach the Docker daemon at {}: {}", daemon, cause.toString());
        fail(HttpResponseStatus.BAD_GATEWAY, "Cannot connect to the Docker daemon at " + daemon
                + " (through the SmartContainers proxy): " + describe(cause) + ". Is the docker daemon running?");
    }

    /**
     * The daemon's connection closed; the exchange it was serving, if any, cannot finish.
     *
     * @return true when the exchanges in flight failed with 502 and the connection goes on: what
     *     was queued for them must go nowhere
     */
    boolean dockerClosed() {
        Exchange current = inFlight.peek();
        if (current == null) {
            readingMayResume.run(); // idle: the next request opens a new connection
            return false;
        }
        if (current.hasResponse()) {
            LOG.info("Docker daemon closed the connection in the middle of a response: {}", current.describe());
            cutOff("the Docker daemon closed the connection in the middle of its answer");
            inFlight.clear();
            closeAfterFlush();
            return false;
        }
        fail(HttpResponseStatus.BAD_GATEWAY,
                "The Docker daemon closed the connection before answering (through the SmartContainers proxy)");
        return true;
    }

    /**
     * The exchanges in flight will not finish: the recorded ones that reached the daemon are
     * recorded as failed, saying why (a build cut off by a daemon that died is still a record).
     */
    void cutOff(String why) {
        for (Exchange exchange : inFlight) {
            if (exchange.interception != null) {
                try {
                    exchange.interception.cutOff(why);
                } catch (RuntimeException e) {
                    LOG.error("cannot record a call that was cut off", e);
                }
            }
        }
    }

    /** Nothing more on this connection can be understood: 400, then it closes. */
    void rejectMalformed(Throwable cause) {
        // The decoder's message quotes what was sent (a request line, a header): only its kind is logged.
        LOG.info("malformed request from a client, closing its connection ({})", cause.getClass().getSimpleName());
        cutOff("the client sent a malformed request on the same connection, which then closed");
        inFlight.clear();
        client.writeAndFlush(ErrorResponses.response(HttpResponseStatus.BAD_REQUEST,
                        "malformed HTTP request: " + describe(cause), true))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Every exchange in flight gets this error; the connection goes on unless one of them asked to close. */
    private void fail(HttpResponseStatus status, String message) {
        Exchange newest = inFlight.peekLast();
        boolean unfinishedBody = newest != null && !newest.isRequestComplete();
        boolean close = closeWhenIdle || (newest != null && !newest.requestKeepAlive);
        int count = inFlight.size();
        cutOff(message);
        inFlight.clear();
        awaitingHijack = false;
        for (int i = 0; i < count; i++) {
            client.write(ErrorResponses.response(status, message, close));
        }
        client.flush();
        if (close) {
            closeAfterFlush();
        } else {
            discardingRequestBody = unfinishedBody;
            readingMayResume.run();
        }
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
