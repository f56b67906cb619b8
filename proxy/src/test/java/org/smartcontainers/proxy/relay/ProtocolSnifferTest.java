package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.Interceptors;

class ProtocolSnifferTest {
    /** Never connected in these tests: nothing here gets as far as the daemon. */
    private static final DockerConnector NOWHERE = new DockerConnector(EmbeddedChannel.class,
            new DomainSocketAddress("/nonexistent/docker.sock"), "unix:///nonexistent/docker.sock");

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void aPrefixOfTheHttp2PrefaceWaitsForMore() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProtocolSniffer(NOWHERE, Interceptors.NONE, Caller.UNKNOWN));
        channel.writeInbound(bytes("PRI * HTTP/2"));
        assertNotNull(channel.pipeline().get(ProtocolSniffer.class));
        assertNull(channel.pipeline().get(Pipelines.CODEC));
    }

    @Test
    void http1GoesToTheCodecOnTheFirstDifferingByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProtocolSniffer(NOWHERE, Interceptors.NONE, Caller.UNKNOWN));
        channel.writeInbound(bytes("P"));
        assertNotNull(channel.pipeline().get(ProtocolSniffer.class), "'P' could still be PRI or POST");
        channel.writeInbound(bytes("O"));
        assertNull(channel.pipeline().get(ProtocolSniffer.class));
        assertNotNull(channel.pipeline().get(Pipelines.CODEC));
        assertTrue(channel.pipeline().get(Pipelines.EXCHANGES) instanceof ClientSideHandler);
    }

    @Test
    void malformedHttpGets400InDockersShapeAndTheConnectionCloses() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new ProtocolSniffer(NOWHERE, Interceptors.NONE, Caller.UNKNOWN));
        channel.writeInbound(bytes("GET /_ping HTTP/1.1\r\nContent-Length: many\r\n\r\n"));
        ByteBuf written = channel.readOutbound();
        String response = written.toString(StandardCharsets.UTF_8);
        written.release();
        assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
        assertTrue(response.contains("connection: close"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        String message = new ObjectMapper().readTree(body).get("message").asText();
        assertTrue(message.startsWith("malformed HTTP request: "), message);
        assertFalse(channel.isOpen());
    }

    @Test
    void theHttp2PrefaceIsNeverParsedAsHttp1() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProtocolSniffer(NOWHERE, Interceptors.NONE, Caller.UNKNOWN));
        channel.writeInbound(bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        // It went to a raw tunnel; with no daemon to reach, the tunnel closes without an HTTP/1 answer.
        for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
            assertEquals(0, out.readableBytes(), "no HTTP/1 answer to an HTTP/2 preface");
        }
        assertFalse(channel.isOpen());
    }
}
