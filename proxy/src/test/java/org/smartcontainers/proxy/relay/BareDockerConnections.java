package org.smartcontainers.proxy.relay;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections to the daemon as bare EmbeddedChannels, no codec, that keep the objects they are
 * sent: for testing a collaborator of the relay on its own.
 */
final class BareDockerConnections implements DockerDialer {
    final List<EmbeddedChannel> opened = new ArrayList<>();
    private final boolean opensAtOnce;
    private final Throwable refusal;
    private ChannelPromise opening;

    /** @param refusal why every connection fails, or null */
    BareDockerConnections(boolean opensAtOnce, Throwable refusal) {
        this.opensAtOnce = opensAtOnce;
        this.refusal = refusal;
    }

    BareDockerConnections() {
        this(true, null);
    }

    @Override
    public ChannelFuture connect(EventLoop loop, ChannelHandler initializer) {
        EmbeddedChannel daemon = new EmbeddedChannel(initializer);
        opened.add(daemon);
        if (refusal != null) {
            return daemon.newFailedFuture(refusal);
        }
        opening = daemon.newPromise();
        return opensAtOnce ? opening.setSuccess() : opening;
    }

    /** The connection asked for last is open. */
    void open() {
        opening.setSuccess();
    }

    @Override
    public String description() {
        return "unix:///embedded/docker.sock";
    }

    /** Everything the newest connection was sent and flushed since last asked. */
    List<Object> received() {
        List<Object> all = new ArrayList<>();
        if (!opened.isEmpty()) {
            for (Object out; (out = opened.get(opened.size() - 1).readOutbound()) != null; ) {
                all.add(out);
            }
        }
        return all;
    }
}
