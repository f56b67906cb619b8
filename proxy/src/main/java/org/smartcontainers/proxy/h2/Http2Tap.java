package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 connection relayed frame by frame between two channels, each frame forwarded as the
 * same bytes, so that a {@link ConnectionWatcher} sees inside it: the header blocks of both sides
 * (each through its own HPACK decoder), the gRPC messages of watched streams, and request messages
 * rewritten where a watcher asks. A rewrite that changes a message's size is made good to the real
 * peers' flow control: bytes sent beyond what the opener sent are taken from the receiver's later
 * WINDOW_UPDATEs, bytes taken and not sent are given back to the opener at once. Anything that is not
 * HTTP/2 as expected turns the tap into a raw relay; the real peers answer it.
 */
public final class Http2Tap {
    private static final Logger LOG = LoggerFactory.getLogger(Http2Tap.class);
    private static final long PROTOCOL_ERROR = 0x1;

    /** A frame or a header block the tap cannot follow. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final ConnectionWatcher watcher;
    private final IntObjectMap<TappedStream> streams = new IntObjectHashMap<>();
    private final Set<Integer> refused = new HashSet<>();
    private final List<TapSide> sides = new ArrayList<>(2);
    private final List<Outbound> outbounds = new ArrayList<>(2);
    private TapSide opener;
    private int lastOpened;
    private boolean parsing = true;
    private boolean closed;

    public Http2Tap(ConnectionWatcher watcher) {
        this.watcher = watcher;
    }

    /** The handler of the channel whose bytes go to {@code peer}: one for each of the two channels. */
    public ChannelHandler relayingTo(Channel peer) {
        if (sides.size() == 2) {
            throw new IllegalStateException("a tap has two sides");
        }
        TapSide side = new TapSide(this, peer, into(peer));
        sides.add(side);
        return side;
    }

    /** The frames going into {@code channel}. */
    Outbound into(Channel channel) {
        for (Outbound out : outbounds) {
            if (out.channel == channel) {
                return out;
            }
        }
        Outbound out = new Outbound(channel);
        outbounds.add(out);
        return out;
    }

    boolean parsing() {
        return parsing;
    }

    /** {@code side} sent the connection preface: it opens the streams. */
    void preface(TapSide side) throws Malformed {
        if (opener != null) {
            throw new Malformed("both sides sent the HTTP/2 preface");
        }
        opener = side;
    }

    // ---- frames, each whole, owned by the tap from here ----

    /** The longest a watcher may hold an answer (its record is committed well before, unless the store hangs). */
    private static final long MAX_HOLD_SECONDS = 30;

    void frame(TapSide from, ByteBuf frame) throws Malformed {
        int length = Frames.length(frame);
        int type = Frames.type(frame);
        int streamId = Frames.streamId(frame);
        Outbound out = from.out;
        if (length > out.maxFrame) {
            throw new Malformed("a frame of " + length + " bytes, more than the receiver allows");
        }
        if (from.blocks.open() && (type != Frames.CONTINUATION || streamId != from.blocks.streamId())) {
            throw new Malformed("a header block interrupted");
        }
        switch (type) {
            case Frames.DATA -> data(from, frame, length, streamId);
            case Frames.HEADERS, Frames.PUSH_PROMISE, Frames.CONTINUATION -> headers(from, frame, type, length, streamId);
            case Frames.SETTINGS -> settings(from, frame, length);
            case Frames.WINDOW_UPDATE -> windowUpdate(from, frame, length, streamId);
            case Frames.RST_STREAM -> reset(from, frame, length, streamId);
            default -> out.send(frame, 0, null); // PRIORITY, PING, GOAWAY, extensions
        }
    }

    private void data(TapSide from, ByteBuf frame, int length, int streamId) throws Malformed {
        if (streamId == 0) {
            throw new Malformed("DATA on stream 0");
        }
        ByteBuf content = content(frame, length, 0);
        boolean end = Frames.has(frame, Frames.END_STREAM);
        if (refused.contains(streamId)) {
            if (length > 0) { // the sender's window would shrink for good
                into(from.self()).inject(Frames.windowUpdate(frame.alloc(), 0, length));
            }
            frame.release();
            return;
        }
        TappedStream stream = streams.get(streamId);
        if (stream == null) {
            from.out.send(frame, length, null);
            return;
        }
        if (from != opener) {
            stream.responses.feed(content, observer(stream, false));
            from.out.send(frame, length, null);
            if (end) {
                stream.responseEnded = true;
                finishIfDone(stream);
            }
        } else if (stream.rewrites) {
            new Rewrite(this, from.out, into(from.self()), stream).data(frame, content, length, end);
        } else {
            stream.requests.feed(content, observer(stream, true));
            from.out.send(frame, length, stream);
            if (end) {
                stream.requestEnded = true;
                finishIfDone(stream);
            }
        }
    }

    /**
     * The frame's payload without its padding and the fields before its content.
     *
     * @param fixed bytes of fixed fields after the pad length (a PUSH_PROMISE's promised stream)
     */
    private static ByteBuf content(ByteBuf frame, int length, int fixed) throws Malformed {
        int start = Frames.payload(frame);
        int padding = 0;
        if (Frames.has(frame, Frames.PADDED)) {
            if (length < 1) {
                throw new Malformed("PADDED without a pad length");
            }
            padding = frame.getUnsignedByte(start) + 1;
        }
        int skip = (padding > 0 ? 1 : 0) + fixed;
        int size = length - padding - fixed;
        if (size < 0) {
            throw new Malformed("padding longer than the frame");
        }
        return frame.slice(start + skip, size);
    }

    private MessageReader.Sink observer(TappedStream stream, boolean request) {
        CharSequence encoding = request ? stream.requestEncoding : stream.responseEncoding;
        return new MessageReader.Sink() {
            @Override
            public void message(boolean compressed, ByteBuf payload) {
                HeldMessage inflated = compressed
                        ? GrpcCompression.inflate(encoding, payload, TappedStream.OBSERVE_LIMIT, HoldBudget.PROCESS) : null;
                ByteBuf plain = compressed ? (inflated == null ? null : inflated.bytes()) : payload;
                try {
                    if (plain == null) {
                        stream.watcher.skippedMessage(request, payload.readableBytes());
                    } else if (request) {
                        stream.watcher.observeRequest(plain);
                    } else {
                        stream.watcher.observeResponse(plain);
                    }
                } catch (RuntimeException e) {
                    LOG.error("a stream watcher failed; the stream goes on", e);
                } finally {
                    if (inflated != null) {
                        inflated.release();
                    }
                }
            }

            @Override
            public void notRead(long length, String because) {
                try {
                    stream.watcher.skippedMessage(request, length);
                } catch (RuntimeException e) {
                    LOG.error("a stream watcher failed; the stream goes on", e);
                }
            }
        };
    }

    private void headers(TapSide from, ByteBuf frame, int type, int length, int streamId) throws Malformed {
        if (streamId == 0) {
            throw new Malformed("a header block on stream 0");
        }
        Http2Headers headers;
        try {
            if (type == Frames.CONTINUATION) {
                if (!from.blocks.open()) {
                    throw new Malformed("CONTINUATION without a header block");
                }
                headers = from.blocks.continuation(frame.slice(Frames.payload(frame), length),
                        Frames.has(frame, Frames.END_HEADERS));
            } else {
                int fixed = type == Frames.PUSH_PROMISE ? 4 : Frames.has(frame, Frames.PRIORITY_FLAG) ? 5 : 0;
                headers = from.blocks.begin(type, streamId, Frames.has(frame, Frames.END_STREAM),
                        content(frame, length, fixed), Frames.has(frame, Frames.END_HEADERS));
            }
        } catch (Http2Exception e) {
            throw new Malformed("HPACK: " + e.getMessage());
        }
        TappedStream stream = streams.get(streamId);
        CompletionStage<?> hold = null;
        if (headers != null && from.blocks.type() == Frames.HEADERS && !refused.contains(streamId)) {
            hold = headerBlock(from, streamId, headers, from.blocks.endStream());
        }
        if (hold != null) {
            holdUntil(from.out, hold);
        }
        from.out.send(frame, 0, stream); // header blocks always go on: both peers' HPACK tables depend on them
    }

    /** Everything after this point in one direction waits, in order, until {@code hold} completes (bounded). */
    private void holdUntil(Outbound out, CompletionStage<?> hold) {
        out.close();
        long heldAt = System.nanoTime();
        hold.toCompletableFuture().orTimeout(MAX_HOLD_SECONDS, TimeUnit.SECONDS).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warn("a stream watcher's hold on {} ended without completing: {}", out.channel, failure.toString());
            }
            LOG.debug("frames to {} held for {} us", out.channel, (System.nanoTime() - heldAt) / 1000);
            out.channel.eventLoop().execute(() -> {
                if (!closed) {
                    out.open();
                    out.flushIfWritten();
                }
            });
        });
    }

    /** Returns what the answering side's next frames must wait for, or null. */
    private CompletionStage<?> headerBlock(TapSide from, int streamId, Http2Headers headers, boolean endStream) {
        if (opener == null) {
            return null; // roles unknown: nothing is watched
        }
        if (from == opener) {
            if (streamId > lastOpened) {
                lastOpened = streamId;
                CompletionStage<?> hold = opened(from, streamId, headers, endStream);
                if (hold != null) {
                    from.pauseUntil(hold.toCompletableFuture().orTimeout(MAX_HOLD_SECONDS, TimeUnit.SECONDS));
                }
                return null;
            } else {
                TappedStream stream = streams.get(streamId);
                if (stream != null && endStream) {
                    stream.requestEnded = true;
                    finishIfDone(stream);
                }
            }
            return null;
        }
        TappedStream stream = streams.get(streamId);
        if (stream == null) {
            return null;
        }
        if (!stream.responseHeadersSeen) {
            stream.responseHeadersSeen = true;
            stream.responseEncoding = headers.get("grpc-encoding");
        }
        CompletionStage<?> hold = null;
        try {
            stream.watcher.onResponseHeaders(headers, endStream);
            hold = endStream ? stream.watcher.holdAfterTrailers(headers) : null;
        } catch (RuntimeException e) {
            LOG.error("a stream watcher failed; the stream goes on", e);
        }
        if (endStream) {
            stream.responseEnded = true;
            finishIfDone(stream);
        }
        return hold;
    }

    /** Returns what the opener's next frames must wait for before the tap reads them, or null. */
    private CompletionStage<?> opened(TapSide from, int streamId, Http2Headers headers, boolean endStream) {
        StreamWatcher stream;
        boolean rewrites;
        CompletionStage<?> hold;
        try {
            stream = watcher.onStream(streamId, headers);
            rewrites = stream != null && stream.rewritesRequests();
            hold = stream == null ? null : stream.holdRequest();
        } catch (RuntimeException e) {
            LOG.error("a connection watcher failed; stream {} passes unwatched", streamId, e);
            return null;
        }
        if (stream == null) {
            return null;
        }
        TappedStream tapped = new TappedStream(streamId, stream, rewrites, headers.get("grpc-encoding"),
                from.out.initialWindow);
        tapped.requestEnded = endStream;
        streams.put(streamId, tapped);
        return hold;
    }

    void finishIfDone(TappedStream stream) {
        if (stream.done()) {
            streams.remove(stream.id);
            stream.release();
        }
    }

    private void settings(TapSide from, ByteBuf frame, int length) throws Malformed {
        if (Frames.streamId(frame) != 0 || (!Frames.has(frame, Frames.ACK) && length % 6 != 0)) {
            throw new Malformed("malformed SETTINGS");
        }
        if (!Frames.has(frame, Frames.ACK)) {
            Outbound toSender = into(from.self()); // the sender's settings say what it receives
            for (int at = Frames.payload(frame), end = at + length; at < end; at += 6) {
                int id = frame.getUnsignedShort(at);
                long value = frame.getUnsignedInt(at + 2);
                if (id == Frames.SETTINGS_INITIAL_WINDOW_SIZE) {
                    long delta = value - toSender.initialWindow;
                    toSender.initialWindow = (int) value;
                    if (from != opener) {
                        streams.forEach((id2, stream) -> stream.window += delta);
                    }
                } else if (id == Frames.SETTINGS_MAX_FRAME_SIZE) {
                    toSender.maxFrame = (int) Math.min(value, (1 << 24) - 1);
                }
            }
            toSender.sendHeld();
        }
        from.out.send(frame, 0, null);
    }

    private void windowUpdate(TapSide from, ByteBuf frame, int length, int streamId) throws Malformed {
        if (length != 4) {
            throw new Malformed("malformed WINDOW_UPDATE");
        }
        if (refused.contains(streamId)) {
            frame.release();
            return;
        }
        int increment = frame.getInt(Frames.payload(frame)) & 0x7fff_ffff;
        Outbound toSender = into(from.self());
        long owed;
        if (streamId == 0) {
            toSender.connectionWindow += increment;
            owed = Math.min(increment, Math.max(0, toSender.connectionDebt));
            toSender.connectionDebt -= owed;
        } else {
            TappedStream stream = streams.get(streamId);
            if (stream == null || !stream.rewrites || from == opener) {
                owed = 0;
            } else {
                stream.window += increment;
                owed = Math.min(increment, Math.max(0, stream.debt));
                stream.debt -= owed;
            }
        }
        if (owed == 0) {
            from.out.send(frame, 0, null);
        } else {
            if (owed < increment) {
                from.out.send(Frames.windowUpdate(frame.alloc(), streamId, (int) (increment - owed)), 0, null);
            }
            frame.release(); // a frame whose whole increment paid a debt is dropped
        }
        toSender.sendHeld();
    }

    private void reset(TapSide from, ByteBuf frame, int length, int streamId) throws Malformed {
        if (length != 4 || streamId == 0) {
            throw new Malformed("malformed RST_STREAM");
        }
        if (refused.contains(streamId)) {
            frame.release();
            return;
        }
        long code = frame.getUnsignedInt(Frames.payload(frame));
        TappedStream stream = streams.remove(streamId);
        from.out.send(frame, 0, stream);
        if (stream != null) {
            stream.release();
            notifyReset(stream, code);
        }
    }

    private static void notifyReset(TappedStream stream, long code) {
        try {
            stream.watcher.onReset(code);
        } catch (RuntimeException e) {
            LOG.error("a stream watcher failed", e);
        }
    }

    /**
     * The proxy refuses a stream: the opener gets a gRPC error ending the stream, the other side an
     * RST_STREAM (CANCEL); frames of the stream that follow are dropped.
     */
    void refuse(TappedStream stream, Outbound toReceiver, Outbound toOpener, int grpcStatus, String message) {
        LOG.info("refused gRPC stream {}: {} {}", stream.id, grpcStatus, message);
        refused.add(stream.id);
        streams.remove(stream.id);
        if (stream.responseEnded) {
            toOpener.inject(Frames.rstStream(toOpener.channel.alloc(), stream.id, Frames.CANCEL));
        } else if (stream.responseHeadersSeen) {
            toOpener.inject(Frames.endingHeaders(toOpener.channel.alloc(), stream.id,
                    "grpc-status", Integer.toString(grpcStatus), "grpc-message", GrpcStatusMessage.encode(message)));
        } else {
            toOpener.inject(Frames.endingHeaders(toOpener.channel.alloc(), stream.id, ":status", "200",
                    "content-type", "application/grpc", "grpc-status", Integer.toString(grpcStatus),
                    "grpc-message", GrpcStatusMessage.encode(message)));
        }
        toReceiver.send(Frames.rstStream(toReceiver.channel.alloc(), stream.id, Frames.CANCEL), 0, null);
        stream.release();
        notifyReset(stream, Frames.CANCEL);
    }

    /** Bytes of a rewritten stream sent to the receiver are larger or smaller than what the opener sent. */
    static void settle(TappedStream stream, Outbound toReceiver, Outbound toOpener) {
        if (toReceiver.connectionDebt < 0) {
            toOpener.inject(Frames.windowUpdate(toOpener.channel.alloc(), 0, (int) -toReceiver.connectionDebt));
            toReceiver.connectionDebt = 0;
        }
        if (stream.debt < 0) {
            if (!stream.requestEnded) { // else the opener sends nothing more on it
                toOpener.inject(Frames.windowUpdate(toOpener.channel.alloc(), stream.id, (int) -stream.debt));
            }
            stream.debt = 0;
        }
    }

    // ---- the connection as a whole ----

    /** Something the tap cannot follow: from here both sides relay raw bytes; the real peers answer it. */
    void stopParsing(String why) {
        if (!parsing) {
            return;
        }
        parsing = false;
        LOG.info("HTTP/2 relay no longer parsed ({}): relaying raw bytes", why);
        for (Outbound out : outbounds) {
            out.stopTapping();
        }
        for (TapSide side : sides) {
            side.stopParsing();
        }
        endStreams(PROTOCOL_ERROR);
    }

    /** One flush for each channel written to. */
    void flush() {
        for (Outbound out : outbounds) {
            out.flushIfWritten();
        }
    }

    /** Either side closed. */
    void closed() {
        if (closed) {
            return;
        }
        closed = true;
        endStreams(Frames.CANCEL);
        for (TapSide side : sides) {
            side.release();
        }
        for (Outbound out : outbounds) {
            out.release();
        }
        try {
            watcher.onClose();
        } catch (RuntimeException e) {
            LOG.error("a connection watcher failed", e);
        }
    }

    private void endStreams(long code) {
        List<TappedStream> open = new ArrayList<>(streams.values());
        streams.clear();
        for (TappedStream stream : open) {
            stream.release();
            notifyReset(stream, code);
        }
    }
}
