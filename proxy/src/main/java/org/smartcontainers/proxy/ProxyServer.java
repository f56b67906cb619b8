package org.smartcontainers.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.proxy.relay.ClientSideHandler;
import org.smartcontainers.proxy.relay.DockerConnector;
import org.smartcontainers.proxy.relay.Pipelines;

/** The proxy: accepts Docker clients on its Unix socket and relays each connection to the daemon. */
public final class ProxyServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ProxySettings settings;
    private final Transport transport;
    /**
     * The event loops, one of which also accepts: a client accepted there is served there with no hand-off
     * (a separate acceptor thread must wake a worker for every connection, which on a small machine costs a
     * new connection about 10 us more).
     */
    private final EventLoopGroup workers;
    private final ChannelGroup clients = new DefaultChannelGroup("sc-clients", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    private final Interceptors interceptors;

    private ProxyServer(ProxySettings settings, Interceptors interceptors, Transport transport) {
        this.settings = settings;
        this.interceptors = interceptors;
        this.transport = transport;
        this.workers = transport.newRelayLoopGroup(settings.ioThreads(), settings.pollMicros());
    }

    /** A plain proxy that records nothing. */
    public static ProxyServer start(ProxySettings settings) throws IOException {
        ListenSocket.checkUsable(settings.listen(), settings.upstream());
        return startChecked(settings, Interceptors.NONE);
    }

    /** For a caller that has checked the sockets with {@link ListenSocket#checkUsable} already. */
    public static ProxyServer startChecked(ProxySettings settings, Interceptors interceptors) throws IOException {
        ProxyServer server = new ProxyServer(settings, interceptors, Transport.best());
        try {
            server.bind();
        } catch (IOException | RuntimeException e) {
            server.release();
            throw e;
        }
        return server;
    }

    private void bind() throws IOException {
        DockerConnector daemon = new DockerConnector(transport.clientChannel(),
                transport.address(settings.upstream()), "unix://" + settings.upstream());
        // Bound in a private directory, given its mode, then renamed into place: no moment where
        // the socket is reachable with wider permissions than asked for.
        Path privateDir = Files.createTempDirectory(settings.listen().toAbsolutePath().getParent(), ".sc-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path staging = privateDir.resolve("s");
        try {
            serverChannel = new ServerBootstrap()
                    .group(workers)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel client) {
                            clients.add(client);
                            Pipelines.acceptedClient(client, daemon, interceptors, Transport.callerOf(client));
                        }
                    })
                    .bind(transport.address(staging)).syncUninterruptibly().channel();
            ListenSocket.applyAccess(staging, settings.socketMode(), settings.socketGroup());
            Files.move(staging, settings.listen(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staging);
            Files.deleteIfExists(privateDir);
        }
        // The warning goes first: "listening" is the readiness line that tools and tests wait for.
        if (transport == Transport.NIO) {
            LOG.warn("epoll is not available: with NIO a client's half-close ends the whole connection"
                    + " (Netty's NIO Unix sockets cannot half-close), so attach and exec may lose output");
        }
        LOG.info("proxy listening on {} ({} transport), forwarding to {}",
                settings.listen(), transport.name().toLowerCase(), daemon.description());
    }

    public Path socket() {
        return settings.listen();
    }

    public Transport transport() {
        return transport;
    }

    /**
     * Stops accepting, lets calls in flight finish for up to {@code grace}, then closes whatever is
     * left (streams such as {@code docker events} never finish by themselves) and removes the socket.
     */
    public void stop(Duration grace) {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        clients.forEach(client -> client.pipeline().fireUserEventTriggered(ClientSideHandler.DRAIN));
        long deadline = System.nanoTime() + grace.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(20);
        }
        if (!clients.isEmpty()) {
            LOG.info("closing {} connection(s) still busy after {} s", clients.size(), grace.toSeconds());
        }
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        release();
        try {
            Files.deleteIfExists(settings.listen());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", settings.listen(), e.toString());
        }
        LOG.info("proxy stopped");
    }

    private void release() {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
