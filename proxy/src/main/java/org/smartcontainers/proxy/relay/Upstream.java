package org.smartcontainers.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.smartcontainers.proxy.loop.AnswerExpected;

/**
 * The daemon connection one client connection uses, and its outbox. It is opened on first use, on
 * the client's event loop (no hand-off between threads), and opened again after the daemon closed
 * it. What the client sends waits in the outbox, in order, while the connection is being opened or
 * while a request ahead of it is being prepared; otherwise it goes straight on, flushed once per read.
 */
final class Upstream {
    private final Channel client;
    private final DockerDialer dialer;
    private final ChannelHandler dockerPipeline;
    private final Runnable connected;
    private final Consumer<Throwable> unreachable;
    /** {@link HttpObject}s and {@link Place}s, in the order the client sent them. */
    private final ArrayDeque<Object> outbox = new ArrayDeque<>();
    private Channel daemon;
    private boolean connecting;
    private boolean unflushed;
    /** A request's last part is among what awaits the next flush: its answer is due. */
    private boolean requestEnded;
    /** The client sends nothing more: so is the daemon told, once what it sent has gone. */
    private boolean outputEnds;

    /**
     * @param dockerPipeline builds the pipeline of each connection to the daemon
     * @param connected told when a connection is open and the outbox has gone out on it
     * @param unreachable told when a connection cannot be opened; the outbox has been released
     */
    Upstream(Channel client, DockerDialer dialer, ChannelHandler dockerPipeline, Runnable connected,
            Consumer<Throwable> unreachable) {
        this.client = client;
        this.dialer = dialer;
        this.dockerPipeline = dockerPipeline;
        this.connected = connected;
        this.unreachable = unreachable;
    }

    /** The place of a request in the outbox while it is prepared: what is behind it waits. */
    static final class Place {
        private HttpObject ready;
        /** Dropped from the outbox before its request was prepared: the request goes nowhere. */
        private boolean dropped;
    }

    /** Forwards, or queues behind a connection being opened or a request being prepared. */
    void send(HttpObject msg) {
        if (daemon != null && outbox.isEmpty()) {
            daemon.write(msg);
            unflushed = true;
            requestEnded |= msg instanceof LastHttpContent;
            return;
        }
        outbox.add(msg);
        connectOrDrain();
    }

    /** Keeps a place in the outbox for a request still to be prepared. */
    Place reserve() {
        Place place = new Place();
        outbox.add(place);
        return place;
    }

    /** The request for this place was refused: it goes nowhere, and what waited behind it can go. */
    void skip(Place place) {
        place.dropped = true;
        outbox.remove(place);
        if (!outbox.isEmpty()) {
            connectOrDrain();
        }
    }

    /**
     * The request for this place was refused, and the rest of its body with it: the place and
     * everything queued behind it are dropped (the connection ends after the refusal).
     */
    void dropFrom(Place place) {
        place.dropped = true;
        boolean behind = false;
        for (var queued = outbox.iterator(); queued.hasNext(); ) {
            Object next = queued.next();
            behind |= next == place;
            if (behind) {
                queued.remove();
                if (next instanceof Place other) {
                    other.dropped = true;
                } else {
                    ReferenceCountUtil.release(next);
                }
            }
        }
    }

    /** The request for this place is prepared: it, and what waited behind it, can go. */
    void fill(Place place, HttpObject ready) {
        if (place.dropped) {
            ReferenceCountUtil.release(ready); // its exchange failed, or its client left, meanwhile
            return;
        }
        place.ready = ready;
        connectOrDrain();
    }

    private void connectOrDrain() {
        if (daemon == null) {
            connect();
        } else {
            drain();
        }
    }

    private void drain() {
        while (daemon != null && !outbox.isEmpty()) {
            Object next = outbox.peek();
            if (next instanceof Place place) {
                if (place.ready == null) {
                    break; // still being prepared: everything behind it waits
                }
                next = place.ready;
            }
            outbox.poll();
            daemon.write(next);
            requestEnded |= next instanceof LastHttpContent;
        }
        if (daemon != null) {
            flushToDaemon();
        }
        requestEnded = false;
        endOutputIfSent();
    }

    /**
     * The client shut its sending side: the daemon's connection is shut the same way once everything
     * before has been written, so that Docker sees what it would see from the client itself.
     */
    void endOutputOnceSent() {
        outputEnds = true;
        endOutputIfSent();
    }

    private void endOutputIfSent() {
        if (outputEnds && daemon instanceof DuplexChannel connection && outbox.isEmpty()) {
            outputEnds = false;
            // An empty write completes after every write before it.
            connection.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                if (connection.isActive()) {
                    connection.shutdownOutput();
                }
            });
        }
    }

    /** One flush for all that one read produced. */
    void flush() {
        if (unflushed && daemon != null) {
            flushToDaemon();
        }
        unflushed = false;
        requestEnded = false;
    }

    /** Flushes what was written; if a request ended among it, its loop is told that an answer is due. */
    private void flushToDaemon() {
        daemon.flush();
        if (requestEnded) {
            AnswerExpected.soon();
        }
    }

    private void connect() {
        if (connecting) {
            return;
        }
        connecting = true;
        dialer.connect(client.eventLoop(), dockerPipeline).addListener((ChannelFutureListener) this::connectFinished);
    }

    private void connectFinished(ChannelFuture attempt) {
        connecting = false;
        if (!client.isActive()) {
            attempt.channel().close();
            release();
            return;
        }
        if (!attempt.isSuccess()) {
            release();
            unreachable.accept(attempt.cause());
            return;
        }
        daemon = attempt.channel();
        drain();
        connected.run();
    }

    boolean connecting() {
        return connecting;
    }

    /** True while the connection can take more, or is yet to be opened. */
    boolean writable() {
        return daemon == null || daemon.isWritable();
    }

    /** The daemon's side reads only while the client's can take what it reads. */
    void clientWritabilityChanged(boolean clientWritable) {
        if (daemon != null) {
            daemon.config().setAutoRead(clientWritable);
        }
    }

    /** The connection in use, or null. */
    Channel channel() {
        return daemon;
    }

    /** A connection to the daemon closed: true when it was the one in use, which the next request replaces. */
    boolean closed(Channel connection) {
        if (connection != daemon) {
            return false;
        }
        daemon = null;
        return true;
    }

    void close() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Drops what waits to go: the client is gone, or the exchanges it belonged to failed. */
    void release() {
        for (Object queued : outbox) {
            if (queued instanceof Place place) {
                place.dropped = true;
                ReferenceCountUtil.release(place.ready);
            } else {
                ReferenceCountUtil.release(queued);
            }
        }
        outbox.clear();
    }
}
