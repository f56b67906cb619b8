package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * The frames going into one channel, in order: relayed frames, the frames the tap adds (never inside
 * a header block), and, once a rewrite has sent more than the opener did, DATA held until the
 * receiver's window (tracked as the receiver sees it) has room.
 */
final class Outbound {
    private record Held(ByteBuf frame, int flowLength, TappedStream stream) {
    }

    final Channel channel;
    /** The receiver's connection window, its initial stream window and largest frame, from its SETTINGS. */
    long connectionWindow = Frames.DEFAULT_WINDOW;
    int initialWindow = Frames.DEFAULT_WINDOW;
    int maxFrame = Frames.DEFAULT_MAX_FRAME;
    /** Bytes sent to the receiver beyond what the opener sent on the connection (see {@link TappedStream#debt}). */
    long connectionDebt;
    /** A rewrite has sent more than the opener did: from now on DATA waits for room in the receiver's window. */
    private boolean windowsEnforced;
    private boolean blockOpen;
    private boolean unflushed;
    /**
     * The receiver's peer's SETTINGS, its connection preface, has been relayed: before that the
     * receiver must see no frame of the tap's own (RFC 9113 3.4; Netty and grpc-go close the
     * connection), as when the tap refuses a client's first stream before the daemon's SETTINGS came.
     */
    private boolean peerSettingsSent;
    private final ArrayDeque<ByteBuf> beforeSettings = new ArrayDeque<>();
    private final ArrayDeque<ByteBuf> afterBlock = new ArrayDeque<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /**
     * Closed while a watcher holds this direction (a build's end waits for its record): every frame
     * waits behind it, in order, relayed or the tap's own.
     */
    private boolean gated;
    private final ArrayDeque<Gated> behindGate = new ArrayDeque<>();

    /** A frame waiting behind the gate: relayed (with its flow-controlled length) or the tap's own. */
    private record Gated(ByteBuf frame, int flowLength, TappedStream stream, boolean injected) {
    }

    Outbound(Channel channel) {
        this.channel = channel;
    }

    void enforceWindows() {
        windowsEnforced = true;
    }

    /** A frame in its place in the stream of frames: after any held ones, itself held if its DATA does not fit. */
    void send(ByteBuf frame, int flowLength, TappedStream stream) {
        if (gated) {
            behindGate.add(new Gated(frame, flowLength, stream, false));
            return;
        }
        if (!held.isEmpty() || (windowsEnforced && flowLength > 0 && !fits(flowLength, stream))) {
            held.add(new Held(frame, flowLength, stream));
            return;
        }
        write(frame, flowLength, stream);
    }

    /** A frame of the tap's own: now, or right after the peer's SETTINGS or the header block being written. */
    void inject(ByteBuf frame) {
        if (gated) {
            behindGate.add(new Gated(frame, 0, null, true));
        } else if (!peerSettingsSent) {
            beforeSettings.add(frame);
        } else if (blockOpen) {
            afterBlock.add(frame);
        } else {
            channel.write(frame);
            unflushed = true;
        }
    }

    /** From now on nothing goes until {@link #open()}. */
    void close() {
        gated = true;
    }

    /** What waited goes, in order (until a frame in it closes the gate again). */
    void open() {
        gated = false;
        while (!gated && !behindGate.isEmpty()) {
            Gated next = behindGate.poll();
            if (next.injected) {
                inject(next.frame);
            } else {
                send(next.frame, next.flowLength, next.stream);
            }
        }
    }

    /** Bytes no longer parsed. */
    void writeRaw(ByteBuf bytes) {
        channel.write(bytes);
        unflushed = true;
    }

    /** The receiver's windows grew: what was held and now fits goes. */
    void sendHeld() {
        while (!held.isEmpty()) {
            Held next = held.peek();
            if (next.flowLength > 0 && !fits(next.flowLength, next.stream)) {
                return;
            }
            held.poll();
            write(next.frame, next.flowLength, next.stream);
        }
    }

    private boolean fits(int length, TappedStream stream) {
        return connectionWindow >= length && (stream == null || !stream.rewrites || stream.window >= length);
    }

    private void write(ByteBuf frame, int flowLength, TappedStream stream) {
        connectionWindow -= flowLength;
        if (stream != null) {
            stream.window -= flowLength;
        }
        int type = Frames.type(frame);
        boolean headerFrame = type == Frames.HEADERS || type == Frames.PUSH_PROMISE || type == Frames.CONTINUATION;
        boolean endsBlock = headerFrame && Frames.has(frame, Frames.END_HEADERS);
        channel.write(frame);
        unflushed = true;
        if (type == Frames.SETTINGS && !peerSettingsSent) {
            peerSettingsSent = true;
            while (!beforeSettings.isEmpty()) {
                channel.write(beforeSettings.poll());
            }
        }
        if (headerFrame && !endsBlock) {
            blockOpen = true;
        } else if (headerFrame && blockOpen) {
            blockOpen = false;
            while (!afterBlock.isEmpty()) {
                channel.write(afterBlock.poll());
            }
        }
    }

    /** The tap stops parsing: what was held goes as it is, what it meant to add is dropped. */
    void stopTapping() {
        open();
        while (!held.isEmpty()) {
            channel.write(held.poll().frame);
            unflushed = true;
        }
        afterBlock.forEach(ByteBuf::release);
        afterBlock.clear();
        beforeSettings.forEach(ByteBuf::release);
        beforeSettings.clear();
    }

    /** True when something was written since the last flush. */
    boolean flushIfWritten() {
        if (!unflushed) {
            return false;
        }
        unflushed = false;
        channel.flush();
        return true;
    }

    void release() {
        gated = false;
        behindGate.forEach(g -> g.frame.release());
        behindGate.clear();
        held.forEach(h -> h.frame.release());
        held.clear();
        afterBlock.forEach(ByteBuf::release);
        afterBlock.clear();
        beforeSettings.forEach(ByteBuf::release);
        beforeSettings.clear();
    }
}
