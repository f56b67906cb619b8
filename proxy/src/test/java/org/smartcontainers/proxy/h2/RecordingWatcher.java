package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A watcher that keeps what it is shown; streams whose path the rewrite predicate takes are rewritten. */
final class RecordingWatcher implements ConnectionWatcher {
    interface Rewriter {
        ByteBuf rewrite(ByteBuf message) throws RefusedMessage;
    }

    final List<String> paths = new ArrayList<>();
    final List<byte[]> requests = new ArrayList<>();
    final List<byte[]> rewritten = new ArrayList<>();
    final List<byte[]> responses = new ArrayList<>();
    final List<Http2Headers> responseHeaders = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    boolean closed;
    private final Predicate<String> watched;
    private final Predicate<String> rewrites;
    private final Rewriter rewriter;

    RecordingWatcher(Predicate<String> watched, Predicate<String> rewrites, Rewriter rewriter) {
        this.watched = watched;
        this.rewrites = rewrites;
        this.rewriter = rewriter;
    }

    /** Watches every stream, rewrites none. */
    RecordingWatcher() {
        this(path -> true, path -> false, message -> message);
    }

    @Override
    public StreamWatcher onStream(int streamId, Http2Headers requestHeaders) {
        String path = String.valueOf(requestHeaders.path());
        paths.add(path);
        if (!watched.test(path)) {
            return null;
        }
        boolean rewriting = rewrites.test(path);
        return new StreamWatcher() {
            @Override
            public boolean rewritesRequests() {
                return rewriting;
            }

            @Override
            public ByteBuf rewriteRequest(ByteBuf message) throws RefusedMessage {
                rewritten.add(ByteBufUtil.getBytes(message));
                return rewriter.rewrite(message);
            }

            @Override
            public void observeRequest(ByteBuf message) {
                requests.add(ByteBufUtil.getBytes(message));
            }

            @Override
            public void observeResponse(ByteBuf message) {
                responses.add(ByteBufUtil.getBytes(message));
            }

            @Override
            public void onResponseHeaders(Http2Headers headers, boolean endOfStream) {
                responseHeaders.add(headers);
            }

            @Override
            public void onReset(long errorCode) {
                events.add(streamId + " reset " + errorCode);
            }

            @Override
            public void skippedMessage(boolean request, long length) {
                events.add(streamId + " skipped " + (request ? "request" : "response") + " " + length);
            }
        };
    }

    @Override
    public void onClose() {
        closed = true;
    }
}
