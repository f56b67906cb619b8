package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.RawHttp;

/** Connections that stop being HTTP/1: the HTTP/2 preface and the WebSocket attach. */
class RawProtocolsTest {

    /** Whatever the daemon says to HTTP/2 with prior knowledge, the proxy relays it unchanged. */
    @Test
    void http2PrefaceIsRelayedRaw() throws IOException {
        String preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
        try (ProxyProcess proxy = ProxyProcess.start()) {
            String direct = withoutDate(RawHttp.exchangeUntilClose(DockerSocket.path(), preface));
            String proxied = withoutDate(RawHttp.exchangeUntilClose(proxy.socket(), preface));
            assertTrue(!direct.isEmpty(), "the daemon answers the preface somehow");
            assertEquals(direct, proxied);
        }
    }

    @Test
    void webSocketAttachStreamsFrames() throws IOException {
        DockerCli direct = DockerCli.direct();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            for (Path socket : new Path[] {DockerSocket.path(), proxy.socket()}) {
                String name = direct.name("ws");
                direct.run("create", "--name", name, DockerSocket.BASE_IMAGE, "sh", "-c", "sleep 1; echo ws-hello").ok();
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    channel.write(ByteBuffer.wrap(("GET /v1.41/containers/" + name + "/attach/ws?stream=1&stdout=1 HTTP/1.1\r\n"
                            + "Host: docker\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII)));
                    InputStream in = Channels.newInputStream(channel);
                    String head = RawHttp.readHead(in);
                    assertTrue(head.startsWith("HTTP/1.1 101"), socket + ": " + head);
                    direct.run("start", name).ok();
                    int opcode = in.read() & 0x0f;
                    int length = in.read() & 0x7f;
                    String payload = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    assertTrue(opcode == 1 || opcode == 2, "a data frame, got opcode " + opcode);
                    assertEquals("ws-hello\n", payload, "through " + socket);
                } finally {
                    direct.run("rm", "-f", name);
                }
            }
        }
    }

    /** Attach without Upgrade: the daemon answers 200 with a raw stream and then takes the connection over. */
    @Test
    void attachWithoutUpgradeStreamsRaw() throws IOException {
        DockerCli direct = DockerCli.direct();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            String name = direct.name("raw200");
            direct.run("create", "-i", "--name", name, DockerSocket.BASE_IMAGE, "sh", "-c", "read line; echo got $line").ok();
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(proxy.socket()));
                channel.write(ByteBuffer.wrap(("POST /v1.41/containers/" + name
                        + "/attach?stream=1&stdin=1&stdout=1 HTTP/1.1\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                InputStream in = Channels.newInputStream(channel);
                String head = RawHttp.readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.contains("application/vnd.docker."), head);
                direct.run("start", name).ok();
                channel.write(ByteBuffer.wrap("raw\n".getBytes(StandardCharsets.US_ASCII)));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out); // the daemon closes when the container exits
                byte[] frames = out.toByteArray();
                // No TTY: multiplexed frames [stream, 0, 0, 0, size(4)] + payload.
                assertEquals(1, frames[0], "stdout frame");
                assertEquals("got raw\n", new String(frames, 8, frames.length - 8, StandardCharsets.UTF_8));
            } finally {
                direct.run("rm", "-f", name);
            }
        }
    }

    /**
     * NIO instead of epoll (the fallback where epoll's native library cannot load). Netty's NIO
     * domain-socket channel closes on a client's half-close instead of passing it on
     * (AbstractNioByteChannel honours half-closure for TCP channels only), and the CLI half-closes
     * every attach, so only calls that do not hijack are checked here; the proxy warns at start.
     */
    @Test
    void nioTransportRelaysPlainCalls() {
        try (ProxyProcess proxy = ProxyProcess.start(DockerSocket.path(), "-Dsc.transport=nio")) {
            assertTrue(proxy.log().contains("(nio transport)"), proxy.log());
            assertTrue(proxy.log().contains("WARN"), "the NIO limitation is announced: " + proxy.log());
            DockerCli cli = DockerCli.through(proxy);
            String name = cli.name("nio");
            try {
                cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "sh", "-c", "echo one").ok();
                cli.run("start", name).ok();
                assertEquals("0", cli.run("wait", name).ok().out());
                assertEquals("one", cli.run("logs", name).ok().out());
                assertTrue(cli.run("images", "--format", "{{.Repository}}").ok().out().contains("sc-busybox"));
            } finally {
                cli.run("rm", "-f", name);
            }
        }
    }

    private static String withoutDate(String response) {
        return response.replaceAll("(?im)^Date: .*\r\n", "");
    }
}
