package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DATA frame of a stream whose request messages are rewritten: the messages it completes go
 * through the watcher and out as new DATA frames (uncompressed, at most the receiver's frame size,
 * END_STREAM kept); the difference in bytes becomes debt or is given back to the opener.
 */
final class Rewrite implements MessageReader.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(Rewrite.class);
    private static final int UNIMPLEMENTED = 12;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int INTERNAL = 13;

    private final Http2Tap tap;
    private final Outbound toReceiver;
    private final Outbound toOpener;
    private final TappedStream stream;
    private final CompositeByteBuf emitted;
    private int refusedStatus = -1;
    private String refusal;

    Rewrite(Http2Tap tap, Outbound toReceiver, Outbound toOpener, TappedStream stream) {
        this.tap = tap;
        this.toReceiver = toReceiver;
        this.toOpener = toOpener;
        this.stream = stream;
        this.emitted = toReceiver.channel.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    /** The frame (released here), its content without padding, its flow-controlled length. */
    void data(ByteBuf frame, ByteBuf content, int length, boolean end) {
        toReceiver.connectionDebt -= length; // taken from the opener; what is sent counts back below
        stream.debt -= length;
        try {
            stream.requests.feed(content, this);
        } finally {
            frame.release();
        }
        if (refusal == null && end && stream.requests.midMessage()) {
            refuse(INTERNAL, "the request ended inside a gRPC message");
        }
        if (end) {
            stream.requestEnded = true;
        }
        if (refusal != null) {
            emitted.release();
            stream.debt = 0;
            Http2Tap.settle(stream, toReceiver, toOpener);
            tap.refuse(stream, toReceiver, toOpener, refusedStatus, refusal);
            return;
        }
        send(end);
        Http2Tap.settle(stream, toReceiver, toOpener);
        if (end) {
            tap.finishIfDone(stream);
        }
    }

    private void send(boolean end) {
        int total = emitted.readableBytes();
        toReceiver.connectionDebt += total;
        stream.debt += total;
        if (total == 0) {
            emitted.release();
            if (end) {
                toReceiver.send(Frames.header(toReceiver.channel.alloc(), 0, Frames.DATA, Frames.END_STREAM, stream.id),
                        0, stream);
            }
            return;
        }
        toReceiver.enforceWindows();
        while (emitted.isReadable()) {
            int n = Math.min(toReceiver.maxFrame, emitted.readableBytes());
            boolean last = n == emitted.readableBytes();
            CompositeByteBuf frame = toReceiver.channel.alloc().compositeBuffer(2);
            frame.addComponent(true, Frames.header(toReceiver.channel.alloc(), n, Frames.DATA,
                    last && end ? Frames.END_STREAM : 0, stream.id));
            frame.addComponent(true, emitted.readRetainedSlice(n));
            toReceiver.send(frame, n, stream);
        }
        emitted.release();
    }

    @Override
    public void message(boolean compressed, ByteBuf payload) {
        if (refusal != null) {
            return;
        }
        HeldMessage inflated = compressed
                ? GrpcCompression.inflate(stream.requestEncoding, payload, TappedStream.REWRITE_LIMIT, HoldBudget.PROCESS) : null;
        ByteBuf plain = compressed ? (inflated == null ? null : inflated.bytes()) : payload;
        if (plain == null) {
            refuse(UNIMPLEMENTED, "the proxy cannot read a request message compressed as "
                    + (stream.requestEncoding == null ? "(no grpc-encoding)" : stream.requestEncoding));
            return;
        }
        try {
            ByteBuf result = stream.watcher.rewriteRequest(plain);
            if (result == plain) {
                result.retain();
            }
            ByteBuf prefix = toReceiver.channel.alloc().buffer(5).writeByte(0).writeInt(result.readableBytes());
            emitted.addComponent(true, prefix);
            emitted.addComponent(true, result);
        } catch (RefusedMessage e) {
            refuse(e.grpcStatus(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("a stream watcher failed to rewrite a request; the stream is refused", e);
            refuse(INTERNAL, "the proxy could not read the request");
        } finally {
            if (inflated != null) {
                inflated.release();
            }
        }
    }

    @Override
    public void notRead(long length, String because) {
        if (refusal == null) {
            refuse(RESOURCE_EXHAUSTED, "a request message of " + length + " bytes is " + because);
        }
    }

    private void refuse(int status, String message) {
        refusedStatus = status;
        refusal = message;
    }
}
