package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.ProxyProcess;

/**
 * A client that shuts its sending side, or goes, in the middle of a call: Docker, told the same through
 * the proxy as direct, ends what waited on the client (a body that can no longer end, a stream nobody may
 * read) and the connection closes, on both sides of the proxy. Before, the proxy waited for an answer
 * that never came and kept both connections, and dockerd its half-read call, for ever.
 */
class ClientsThatStopSendingTest {
    /** Long enough for any machine to end a call; a hang, which this test is about, never ends. */
    private static final long HANG_SECONDS = 120;

    @Test
    void aFollowedLogAndAnUnfinishedLoadEndAsTheyDoDirect() throws Exception {
        DockerCli direct = DockerCli.direct();
        String silent = direct.run("run", "-d", "--network", "none", DockerSocket.BASE_IMAGE, "sleep", "600").ok().out();
        try (ProxyProcess proxy = ProxyProcess.start()) {
            Map<String, Path> paths = new LinkedHashMap<>();
            paths.put("direct", DockerSocket.path());
            paths.put("through the proxy", proxy.socket());
            for (Map.Entry<String, Path> path : paths.entrySet()) {
                String follow = answerAfterStoppingToSend(path.getValue(), "GET /v1.45/containers/" + silent
                        + "/logs?follow=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: docker\r\n\r\n", true);
                assertTrue(follow.startsWith("HTTP/1.1 200"), path.getKey() + ": the log was followed\n" + follow);
                String load = answerAfterStoppingToSend(path.getValue(), "POST /v1.45/images/load?quiet=1 HTTP/1.1\r\nHost: docker\r\n"
                        + "Content-Type: application/x-tar\r\nContent-Length: 10000000\r\n\r\n" + "\0".repeat(65536), false);
                assertTrue(load.isEmpty() || load.startsWith("HTTP/1.1 "), path.getKey() + ": an answer or none\n" + load);
            }
            assertTrue(proxy.isAlive());
            assertEquals("ok", DockerCli.through(proxy).run("version", "-f", "ok").ok().out(), "and the proxy serves on");
        } finally {
            direct.run("rm", "-f", silent);
        }
    }

    /**
     * Sends {@code request}, waits for the answer's head if {@code headFirst} (else a moment), shuts its sending side,
     * and reads until the connection closes: what it read. A call that never ends fails the test.
     */
    private static String answerAfterStoppingToSend(Path socket, String request, boolean headFirst) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            CompletableFuture<String> closed = CompletableFuture.supplyAsync(() -> readToEnd(channel, read));
            if (headFirst) {
                while (!read.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && !closed.isDone()) {
                    Thread.sleep(20);
                }
            } else {
                Thread.sleep(1000); // the body is on its way to dockerd, which waits for the rest
            }
            channel.shutdownOutput();
            try {
                return closed.get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException hung) {
                throw new AssertionError(socket + ": the call never ended after its client stopped sending; read so far:\n"
                        + read.toString(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static String readToEnd(SocketChannel channel, ByteArrayOutputStream read) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buffer.clear()) >= 0) {
                synchronized (read) {
                    read.write(buffer.array(), 0, buffer.position());
                }
            }
        } catch (IOException reset) {
            // closed: what was read is the answer
        }
        synchronized (read) {
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
