package org.smartcontainers.proxy.h2;

/** A watched stream: its watcher, its messages in each direction, and the window debts of a rewritten one. */
final class TappedStream {
    /** Request messages held for a rewrite, at most. */
    static final long REWRITE_LIMIT = 64L << 20;
    /** Messages copied for a watcher to observe, at most. */
    static final long OBSERVE_LIMIT = 16L << 20;

    final int id;
    final StreamWatcher watcher;
    final boolean rewrites;
    final CharSequence requestEncoding;
    CharSequence responseEncoding;
    final MessageReader requests;
    final MessageReader responses = new MessageReader(OBSERVE_LIMIT, HoldBudget.PROCESS);
    boolean requestEnded;
    boolean responseEnded;
    boolean responseHeadersSeen;
    /** The receiving side's window for this stream, as that side sees it (rewritten streams only). */
    long window;
    /** Bytes sent beyond what the opener sent (positive), or taken and not yet given back (negative). */
    long debt;

    TappedStream(int id, StreamWatcher watcher, boolean rewrites, CharSequence requestEncoding, long window) {
        this.id = id;
        this.watcher = watcher;
        this.rewrites = rewrites;
        this.requestEncoding = requestEncoding;
        this.requests = new MessageReader(rewrites ? REWRITE_LIMIT : OBSERVE_LIMIT, HoldBudget.PROCESS);
        this.window = window;
    }

    boolean done() {
        return requestEnded && responseEnded;
    }

    void release() {
        requests.release();
        responses.release();
    }
}
