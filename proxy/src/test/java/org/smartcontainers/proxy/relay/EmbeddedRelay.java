package org.smartcontainers.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.Interceptors;

/**
 * One client connection's HTTP relay, assembled as {@link Pipelines} assembles it, on
 * EmbeddedChannels: the client's bytes go in with {@link #clientSends}, and each connection the relay
 * opens to the daemon is an EmbeddedChannel that a test reads with {@link #daemonReceived} and
 * answers with {@link #daemonSends}. Everything runs on the test's thread.
 */
final class EmbeddedRelay implements DockerDialer {
    /** How the next connection to the daemon goes. */
    enum Dial { AT_ONCE, WHEN_TOLD, REFUSED }

    final EmbeddedChannel client = new EmbeddedChannel();
    final List<EmbeddedChannel> daemons = new ArrayList<>();
    /** The event loops connections were opened on. */
    final List<EventLoop> dialledOn = new ArrayList<>();
    /** Flushes on each daemon connection, by index. */
    final List<int[]> daemonFlushes = new ArrayList<>();
    private Dial dial = Dial.AT_ONCE;
    private ChannelPromise connecting;

    /** Every relay made and not yet released: what the relay wrote and no test read is released after each test. */
    private static final List<EmbeddedRelay> MADE = new ArrayList<>();

    EmbeddedRelay(Interceptors interceptors) {
        MADE.add(this);
        Pipelines.configure(client.config());
        Pipelines.clientSideHttp(client.pipeline(), this, interceptors, Caller.UNKNOWN);
    }

    EmbeddedRelay() {
        this(Interceptors.NONE);
    }

    EmbeddedRelay dialling(Dial next) {
        dial = next;
        return this;
    }

    @Override
    public ChannelFuture connect(EventLoop loop, ChannelHandler initializer) {
        dialledOn.add(loop);
        if (dial == Dial.REFUSED) {
            EmbeddedChannel refused = new EmbeddedChannel();
            refused.close();
            return refused.newFailedFuture(new ConnectException("connect(..) failed: Connection refused"));
        }
        int[] flushes = new int[1];
        EmbeddedChannel daemon = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes[0]++;
                ctx.flush();
            }
        });
        Pipelines.configure(daemon.config());
        daemon.pipeline().addLast(initializer);
        daemons.add(daemon);
        daemonFlushes.add(flushes);
        if (dial == Dial.WHEN_TOLD) {
            connecting = daemon.newPromise();
            return connecting;
        }
        return daemon.newSucceededFuture();
    }

    /** The connection asked for with {@link Dial#WHEN_TOLD} is open. */
    void connected() {
        connecting.setSuccess();
    }

    @Override
    public String description() {
        return "unix:///embedded/docker.sock";
    }

    EmbeddedChannel daemon() {
        return daemons.get(daemons.size() - 1);
    }

    void clientSends(String bytes) {
        client.writeInbound(ascii(bytes));
    }

    /** The newest daemon connection gets these bytes; then what they caused on the client's loop runs. */
    void daemonSends(String bytes) {
        daemon().writeInbound(ascii(bytes));
        client.runPendingTasks();
    }

    /** What the newest daemon connection was sent (and flushed) since last asked. */
    String daemonReceived() {
        return drain(daemon());
    }

    /** What the client was sent (and flushed) since last asked. */
    String clientReceived() {
        return drain(client);
    }

    static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    static String drain(EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            all.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return all.toString();
    }

    /** Closes every relay made since the last call, releasing what is left in its channels (a test's {@code @AfterEach}). */
    static void releaseEveryOne() {
        for (EmbeddedRelay relay : MADE) {
            relay.client.finishAndReleaseAll();
            relay.daemons.forEach(EmbeddedChannel::finishAndReleaseAll);
        }
        MADE.clear();
    }
}
