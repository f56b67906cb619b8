package org.smartcontainers.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The HTTP codec of a connection to the daemon. Unlike Netty's {@code HttpClientCodec} it writes
 * each request target exactly as given: Netty's encoder adds a {@code /} to a target holding
 * {@code ://} but not starting with {@code /} (the query of {@code x:/build?labels=a://b} gained
 * one, and the daemon read a different labels value), and writes {@code /} for an empty one.
 * Like it, it pairs each answer with its request so an answer to HEAD is read without a body.
 */
final class DockerSideCodec extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestEncoder> {
    /** The methods of requests sent and not yet answered, oldest first; touched only on the event loop. */
    private final Queue<HttpMethod> unanswered = new ArrayDeque<>();

    DockerSideCodec(HttpDecoderConfig config) {
        init(new AnswerDecoder(config), new TargetAsGivenEncoder());
    }

    private final class TargetAsGivenEncoder extends HttpRequestEncoder {
        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (msg instanceof HttpRequest request) {
                unanswered.add(request.method());
            }
            super.encode(ctx, msg, out);
        }

        @Override
        protected void encodeInitialLine(ByteBuf buf, HttpRequest request) {
            ByteBufUtil.copy(request.method().asciiName(), buf);
            buf.writeByte(' ');
            buf.writeCharSequence(request.uri(), StandardCharsets.UTF_8);
            buf.writeByte(' ');
            buf.writeCharSequence(request.protocolVersion().text(), StandardCharsets.US_ASCII);
            buf.writeByte('\r').writeByte('\n');
        }
    }

    private final class AnswerDecoder extends HttpResponseDecoder {
        AnswerDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            if (((HttpResponse) msg).status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return super.isContentAlwaysEmpty(msg); // 100 Continue and 101 answer no request of their own
            }
            HttpMethod method = unanswered.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
