package org.smartcontainers.web.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request to a worker thread (store access never runs on the event loop, and a slow
 * query holds one worker, not the server) and writes the answer back. One request per connection
 * at a time: reading pauses until the answer is written, so pipelined requests are answered in
 * order. What a handler throws becomes a response in {@link Responder}; what happens before a
 * handler runs (a path or a token refused, no worker free) is answered here.
 */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final Handler handler;
    private final Access access;
    private final HostNames names;
    private final Workers workers;
    private final String fallbackHost;
    private final List<Map.Entry<String, String>> everyResponse;

    HttpDispatcher(Handler handler, Access access, Workers workers, String fallbackHost,
            List<Map.Entry<String, String>> everyResponse, HostNames names) {
        this.handler = handler;
        this.access = access;
        this.workers = workers;
        this.fallbackHost = fallbackHost;
        this.everyResponse = everyResponse;
        this.names = names;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) {
        boolean keepAlive = HttpUtil.isKeepAlive(message);
        if (!message.decoderResult().isSuccess()) {
            write(ctx, "?", Response.text(HttpResponseStatus.BAD_REQUEST,
                    "malformed HTTP request: " + message.decoderResult().cause().getMessage()), false);
            return;
        }
        String method = message.method().name();
        Request request;
        try {
            request = request(message, ctx.channel().remoteAddress());
        } catch (HttpError e) {
            write(ctx, method, errorResponse(e), keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            workers.forPath(request.path()).execute(() -> {
                Response response = respond(request);
                ctx.channel().eventLoop().execute(() -> write(ctx, method, response, keepAlive));
            });
        } catch (RejectedExecutionException e) {
            write(ctx, method, Response.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is busy; try again")
                    .header("Retry-After", "1"), false);
        }
    }

    private Request request(FullHttpRequest message, SocketAddress remote) {
        QueryStringDecoder uri = new QueryStringDecoder(message.uri(), StandardCharsets.UTF_8);
        List<String> hosts = message.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || hosts.isEmpty() && message.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            throw HttpError.badRequest("an HTTP/1.1 request needs exactly one Host header"); // RFC 9112, 3.2
        }
        String host = hosts.isEmpty() ? fallbackHost : hosts.get(0);
        if (!HOST.matcher(host).matches()) {
            throw HttpError.badRequest("bad Host header: " + host);
        }
        names.check(host);
        boolean loopback = remote instanceof InetSocketAddress inet && inet.getAddress().isLoopbackAddress();
        return new Request(message.method().name(), uri.rawPath(), Request.segments(uri.rawPath()), Request.parameters(uri),
                message.headers().copy(), ByteBufUtil.getBytes(message.content()), "http://" + host, loopback);
    }

    private Response respond(Request request) {
        return Responder.respond(request.method() + " " + request.path(), () -> {
            access.checkRead(request);
            return handler.handle(request);
        }, Responder.TEXT);
    }

    private static Response errorResponse(HttpError e) {
        return Responder.error(e, Responder.TEXT);
    }

    private void write(ChannelHandlerContext ctx, String method, Response response, boolean keepAlive) {
        FullHttpResponse out = response.toNetty(method.equals("HEAD"), everyResponse);
        HttpUtil.setKeepAlive(out, keepAlive);
        LOG.debug("{} {}", method, response.status().code());
        var written = ctx.writeAndFlush(out);
        if (keepAlive) {
            written.addListener(f -> ctx.channel().config().setAutoRead(true));
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection failed: {}", cause.toString());
        ctx.close();
    }
}
