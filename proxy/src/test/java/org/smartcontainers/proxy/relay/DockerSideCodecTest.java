package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerSideCodecTest {

    /** Targets Netty's own client codec rewrote (a '/' added after "://", '/' for empty). */
    @ParameterizedTest
    @ValueSource(strings = {"x:/build?labels=rtx://build&t=x", "http://docker?x=1", "a+b.c-d:/commit?c=1://",
        "http://docker", "x://y?z", "", "/v1.45/build?remote=https://host"})
    void writesEveryTargetAsGiven(String target) {
        EmbeddedChannel channel = new EmbeddedChannel(new DockerSideCodec(Pipelines.decoderConfig()));
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target));
        assertEquals("POST " + target + " HTTP/1.1\r\n", firstLine(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void readsTheAnswerToHeadWithoutABodyAndTheNextAnswerWithOne() {
        EmbeddedChannel channel = new EmbeddedChannel(new DockerSideCodec(Pipelines.decoderConfig()));
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.HEAD, "/_ping"));
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping"));
        channel.writeInbound(ascii("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"));
        assertInstanceOf(HttpResponse.class, channel.readInbound()); // 100
        assertInstanceOf(LastHttpContent.class, channel.readInbound());
        assertInstanceOf(HttpResponse.class, channel.readInbound()); // HEAD's: no body though Content-Length: 2
        assertInstanceOf(LastHttpContent.class, channel.readInbound());
        assertInstanceOf(HttpResponse.class, channel.readInbound()); // GET's
        HttpContent body = channel.readInbound();
        assertEquals("OK", body.content().toString(StandardCharsets.US_ASCII));
        assertTrue(body instanceof LastHttpContent);
        body.release();
        channel.finishAndReleaseAll();
    }

    private static String firstLine(EmbeddedChannel channel) {
        StringBuilder written = new StringBuilder();
        for (ByteBuf part; (part = channel.readOutbound()) != null; part.release()) {
            written.append(part.toString(StandardCharsets.ISO_8859_1));
        }
        return written.substring(0, written.indexOf("\r\n") + 2);
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
