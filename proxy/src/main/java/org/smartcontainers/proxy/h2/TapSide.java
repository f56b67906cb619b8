package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel of a tapped connection: its bytes cut into the preface and whole frames for the
 * {@link Http2Tap}, each frame a slice of what was read (only a frame split between reads is
 * copied), read only while the peer can take more, a half-close and a close passed on as the raw
 * relay passes them.
 */
final class TapSide extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TapSide.class);

    private final Http2Tap tap;
    private final Channel peer;
    /** The frames going to the peer. */
    final Outbound out;
    /** The header blocks this side sends. */
    final HeaderBlocks blocks = new HeaderBlocks();
    private Channel self;
    /** True until this side's first bytes have shown whether they are the preface. */
    private boolean beforePreface = true;
    /** A preface or frame split between reads, copied; while paused, everything read. */
    private ByteBuf pending;
    /** While a watcher makes what the next frames need ({@link #pauseUntil}): reads are kept, not handed on. */
    private boolean paused;

    TapSide(Http2Tap tap, Channel peer, Outbound out) {
        this.tap = tap;
        this.peer = peer;
        this.out = out;
    }

    Channel self() {
        return self;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        self = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in;
        if (msg instanceof ByteBuf bytes) {
            in = bytes;
        } else if (msg instanceof ByteBufHolder holder) {
            in = holder.content(); // decoded by an HTTP codec just before the switch
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            read(in);
        } finally {
            in.release();
        }
        if (!peer.isWritable()) {
            self.config().setAutoRead(false); // resumed by the peer's channelWritabilityChanged
        }
    }

    private void read(ByteBuf in) {
        if (!tap.parsing()) {
            relayRaw(in);
            return;
        }
        if (paused) {
            if (pending == null) {
                pending = self.alloc().buffer(in.readableBytes());
            }
            pending.writeBytes(in);
            return;
        }
        if (pending != null) {
            for (int missing; (missing = missing(pending)) > 0 && in.isReadable(); ) {
                int n = Math.min(missing, in.readableBytes());
                pending.ensureWritable(n);
                pending.writeBytes(in, n);
            }
            if (missing(pending) > 0) {
                return;
            }
            ByteBuf whole = pending;
            pending = null;
            try {
                units(whole);
                if (!tap.parsing()) {
                    relayRaw(whole);
                }
            } finally {
                whole.release();
            }
            if (!tap.parsing()) {
                relayRaw(in);
                return;
            }
        }
        units(in);
        if (in.isReadable()) {
            if (!tap.parsing()) {
                relayRaw(in);
                return;
            }
            int size = in.readableBytes() + Math.max(0, missing(in));
            pending = self.alloc().buffer(size).writeBytes(in);
        }
    }

    /** Bytes {@code buf} lacks for its first unit (the preface, or a frame) to be whole; 0 when whole or malformed. */
    private int missing(ByteBuf buf) {
        int readable = buf.readableBytes();
        if (beforePreface) {
            int seen = Math.min(readable, Frames.PREFACE.length);
            for (int i = 0; i < seen; i++) {
                if (buf.getByte(buf.readerIndex() + i) != Frames.PREFACE[i]) {
                    beforePreface = false; // frames, from the side that did not open the connection
                    return missing(buf);
                }
            }
            return Frames.PREFACE.length - seen;
        }
        if (readable < Frames.HEADER_BYTES) {
            return Frames.HEADER_BYTES - readable;
        }
        int length = Frames.length(buf);
        if (length > out.maxFrame) {
            return 0; // the frame is refused as soon as its header is read
        }
        return Math.max(0, Frames.HEADER_BYTES + length - readable);
    }

    /** Hands the whole units at the start of {@code buf} to the tap. */
    private void units(ByteBuf buf) {
        while (tap.parsing() && !paused && buf.isReadable() && missing(buf) == 0) {
            if (beforePreface) {
                beforePreface = false;
                try {
                    tap.preface(this);
                } catch (Http2Tap.Malformed e) {
                    tap.stopParsing(e.getMessage());
                    return;
                }
                out.send(buf.readRetainedSlice(Frames.PREFACE.length), 0, null);
                continue;
            }
            int size = Frames.HEADER_BYTES + Frames.length(buf);
            if (size > buf.readableBytes()) {
                tap.stopParsing("a frame of " + Frames.length(buf) + " bytes, more than the receiver allows");
                return;
            }
            ByteBuf frame = buf.retainedSlice(buf.readerIndex(), size);
            try {
                tap.frame(this, frame);
            } catch (Http2Tap.Malformed e) {
                frame.release();
                tap.stopParsing(e.getMessage());
                return; // the frame and what follows go raw
            }
            buf.skipBytes(size);
        }
    }

    /**
     * The frames this side sends after the one being read wait, unread, until {@code stage} completes (a
     * watcher makes what it needs to rewrite the next request off the event loop); then they are read in order.
     */
    void pauseUntil(CompletionStage<?> stage) {
        paused = true;
        self.config().setAutoRead(false);
        long pausedAt = System.nanoTime();
        stage.whenComplete((done, failure) -> self.eventLoop().execute(() -> {
            if (failure != null) {
                LOG.warn("a stream watcher's pause of {} ended without completing: {}", self, failure.toString());
            }
            LOG.debug("frames from {} paused for {} us", self, (System.nanoTime() - pausedAt) / 1000);
            resume();
        }));
    }

    private void resume() {
        paused = false;
        ByteBuf held = pending;
        pending = null;
        if (held != null) {
            try {
                if (self.isActive()) {
                    read(held);
                }
            } finally {
                held.release();
            }
        }
        tap.flush();
        if (!paused && peer.isWritable()) {
            self.config().setAutoRead(true);
        }
    }

    /** The tap no longer parses: what this side held back goes on as it is. */
    void stopParsing() {
        blocks.release();
        if (pending != null) {
            out.writeRaw(pending);
            pending = null;
        }
    }

    private void relayRaw(ByteBuf in) {
        if (in.isReadable()) {
            out.writeRaw(in.retainedSlice());
            in.skipBytes(in.readableBytes());
        }
    }

    /** One flush for all that one read produced, on each channel written to. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        tap.flush();
        ctx.fireChannelReadComplete();
    }

    /** Our side drained or backed up: let the peer read on, or make it wait. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        peer.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            passOnHalfClose();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Our side will send no more: what it held back goes as it is, then the peer hears of it. */
    private void passOnHalfClose() {
        paused = false; // what was held goes on as it is
        out.stopTapping();
        if (pending != null) {
            out.writeRaw(pending);
            pending = null;
        }
        tap.flush();
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed -> {
            if (!(peer instanceof DuplexChannel duplexPeer) || !peer.isActive()) {
                closeBoth();
                return;
            }
            duplexPeer.shutdownOutput().addListener((ChannelFutureListener) shut -> {
                boolean selfDone = !(self instanceof DuplexChannel duplexSelf) || duplexSelf.isOutputShutdown();
                if (!shut.isSuccess() || selfDone) {
                    closeBoth();
                }
            });
        });
    }

    private void closeBoth() {
        self.close();
        peer.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        tap.flush();
        tap.closed();
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    void release() {
        blocks.release();
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("HTTP/2 relay closed after an error: {}", cause.toString());
        closeBoth();
    }
}
