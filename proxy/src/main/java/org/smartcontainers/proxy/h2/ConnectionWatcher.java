package org.smartcontainers.proxy.h2;

import io.netty.handler.codec.http2.Http2Headers;

/** Watches one HTTP/2 connection the proxy relays. Called on the connection's event loop: keep it quick. */
public interface ConnectionWatcher {

    /**
     * A stream opened by the side that sent the preface, with its request headers; null lets the
     * stream pass unwatched.
     */
    StreamWatcher onStream(int streamId, Http2Headers requestHeaders);

    /** The connection is gone (either side closed, or it failed). */
    default void onClose() {
    }
}
