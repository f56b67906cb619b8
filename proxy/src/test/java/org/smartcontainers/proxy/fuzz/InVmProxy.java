package org.smartcontainers.proxy.fuzz;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.InterceptionThreads;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.proxy.relay.DockerConnector;
import org.smartcontainers.proxy.relay.Pipelines;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * The proxy as the daemon assembles it (its pipelines, its interceptions recording over a throwaway
 * store) in front of a {@link FakeDaemon}, both on Netty's in-JVM transport. Real threads, as in
 * production: the interceptions prepare requests and commit records on their own threads, which an
 * EmbeddedChannel's event loop cannot take tasks from.
 */
final class InVmProxy implements AutoCloseable {
    /** How long an answer may take; an exchange that never ends is let go after it (what reached Docker is still checked). */
    private static final long ANSWER_MILLIS = 10_000;

    /** What one client connection got: its answer (null for none), and every connection the proxy opened to Docker for it. */
    record Exchange(Answer answer, List<FakeDaemon.Connection> toDocker) {
    }

    record Answer(int status, String body) {
    }

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final Path dir;
    final ThrowawayRecording parts;
    private final ImageReferences images;
    private final InterceptionThreads threads = new InterceptionThreads();
    private final FakeDaemon daemon;
    private final Channel server;
    private final LocalAddress address = new LocalAddress("sc-fuzz-proxy-" + UUID.randomUUID());

    InVmProxy() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("sc-fuzz-proxy");
        parts = new ThrowawayRecording(dir);
        images = new ImageReferences(parts.docker);
        daemon = new FakeDaemon(loops);
        Interceptors interceptors = Interceptors.recording(parts.docker, images, parts.recording, threads, null);
        DockerConnector connector = new DockerConnector(LocalChannel.class, daemon.address, "local:fake-daemon");
        server = new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel client) {
                        Pipelines.acceptedClient(client, connector, interceptors, Caller.UNKNOWN);
                    }
                })
                .bind(address).sync().channel();
    }

    /** Sends the bytes on a new connection, takes the answer, closes; then waits for the proxy's connections to Docker to close. */
    Exchange exchange(byte[] request) throws InterruptedException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Channel client = new Bootstrap().group(loops).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        channel.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(64 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                                        answer.complete(new Answer(response.status().code(),
                                                response.content().toString(StandardCharsets.UTF_8)));
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        answer.complete(null);
                                    }
                                });
                    }
                })
                .connect(address).sync().channel();
        client.writeAndFlush(Unpooled.wrappedBuffer(request));
        Answer got;
        try {
            got = answer.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            got = null;
        }
        client.close().sync();
        for (int i = 0; i < 3; i++) {
            loops.submit(() -> { }).sync(); // the proxy's side of the close, and the close of its Docker connections, run first
        }
        long deadline = System.currentTimeMillis() + ANSWER_MILLIS;
        while (!daemon.allClosed() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        return new Exchange(got, daemon.takeConnections());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        daemon.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        images.close();
        threads.close();
        parts.close();
    }
}
