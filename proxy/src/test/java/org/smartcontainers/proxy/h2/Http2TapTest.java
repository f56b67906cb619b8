package org.smartcontainers.proxy.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The tap between two real HTTP/2 peers (Netty's codec): what passes, what a watcher sees, what it changes. */
class Http2TapTest {
    private static final String SOLVE = "/moby.buildkit.v1.Control/Solve";
    private static final String STATUS = "/moby.buildkit.v1.Control/Status";

    private static byte[] bytes(int size, int seed) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (i * 31 + seed);
        }
        return out;
    }

    private static byte[] framed(byte[]... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            out.writeBytes(ByteBufUtil.getBytes(TappedPeers.message(payload, false)));
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        }
        return out.toByteArray();
    }

    private static void assertHealthy(TappedPeers peers) {
        assertTrue(peers.client.isOpen() && peers.server.isOpen(), "the connection is up");
        assertEquals(List.of(), peers.clientConnectionEvents, "no connection error at the client");
        assertEquals(List.of(), peers.serverConnectionEvents, "no connection error at the server");
        // The client may see more room than the server gives only by a rewrite's debt not yet paid
        // from the server's window updates (less than one window: the tests end with traffic).
        long[] windows = peers.connectionWindows();
        long ahead = windows[0] - windows[1];
        assertTrue(ahead >= 0 && ahead < 65_535, "client's window " + windows[0] + ", server's " + windows[1]);
    }

    /** A call that sends {@code data} and ends; its echo must come back whole. */
    private static void echoes(TappedPeers peers, String path, byte[] data) {
        TappedPeers.Call call = peers.call(TappedPeers.grpcRequest(path));
        call.send(Unpooled.wrappedBuffer(data), true);
        peers.pump();
        assertTrue(call.ended, "the call ended");
        assertArrayEquals(data, call.responseData.toByteArray());
    }

    @Test
    void headersDataAndTrailersPassAsTheSameBytes() {
        RecordingWatcher watcher = new RecordingWatcher(path -> path.equals(STATUS), path -> false, m -> m);
        TappedPeers peers = new TappedPeers(watcher);
        echoes(peers, STATUS, framed(bytes(10, 1), bytes(70_000, 2)));
        echoes(peers, "/unwatched", framed(bytes(100, 3)));
        echoes(peers, STATUS, framed(bytes(5, 4)));

        assertArrayEquals(peers.clientSent.toByteArray(), peers.serverReceived.toByteArray());
        assertArrayEquals(peers.serverSent.toByteArray(), peers.clientReceived.toByteArray());
        assertEquals(List.of(STATUS, "/unwatched", STATUS), watcher.paths);
        assertEquals(3, watcher.requests.size());
        assertArrayEquals(bytes(70_000, 2), watcher.requests.get(1));
        assertEquals(3, watcher.responses.size(), "the echo of each watched call, message by message");
        assertEquals(4, watcher.responseHeaders.size(), "headers and trailers of the two watched calls");
        assertEquals("0", watcher.responseHeaders.get(1).get("grpc-status").toString());
        assertHealthy(peers);
    }

    @Test
    void anAnswerHeldAfterItsTrailersWaitsWithEverythingBehindItThenGoesInOrder() {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        List<String> trailersSeen = new ArrayList<>();
        ConnectionWatcher holding = (streamId, headers) -> SOLVE.contentEquals(headers.path()) ? new StreamWatcher() {
            @Override
            public CompletionStage<?> holdAfterTrailers(Http2Headers trailers) {
                trailersSeen.add(String.valueOf(trailers.get("grpc-status")));
                return committed;
            }
        } : null;
        TappedPeers peers = new TappedPeers(holding);
        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
        solve.send(Unpooled.wrappedBuffer(framed(bytes(100, 1))), true);
        peers.pump();
        assertEquals(List.of("0"), trailersSeen, "the watcher saw the trailers");
        assertFalse(solve.ended, "the client has not seen them: they wait for the record");
        TappedPeers.Call after = peers.call(TappedPeers.grpcRequest(STATUS));
        after.send(Unpooled.wrappedBuffer(framed(bytes(10, 2))), true);
        peers.pump();
        assertFalse(after.ended, "what the daemon sent after them waits too, in order");

        committed.complete(null);
        peers.pump();
        assertTrue(solve.ended && after.ended);
        assertArrayEquals(framed(bytes(100, 1)), solve.responseData.toByteArray());
        assertArrayEquals(framed(bytes(10, 2)), after.responseData.toByteArray());
        assertArrayEquals(peers.serverSent.toByteArray(), peers.clientReceived.toByteArray(), "the same bytes, in order");
    }

    @Test
    void aRequestWhoseRewriteIsBeingMadeWaitsUnreadWithEverythingTheClientSendsBehindIt() {
        CompletableFuture<String> label = new CompletableFuture<>();
        ConnectionWatcher pausing = (streamId, headers) -> SOLVE.contentEquals(headers.path()) ? new StreamWatcher() {
            @Override
            public CompletionStage<?> holdRequest() {
                return label;
            }

            @Override
            public boolean rewritesRequests() {
                return true;
            }

            @Override
            public ByteBuf rewriteRequest(ByteBuf message) {
                return Unpooled.copiedBuffer(label.getNow("read too early"), StandardCharsets.US_ASCII);
            }
        } : null;
        TappedPeers peers = new TappedPeers(pausing);
        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
        solve.send(Unpooled.wrappedBuffer(framed(bytes(100, 1))), true);
        peers.pump();
        TappedPeers.Call after = peers.call(TappedPeers.grpcRequest(STATUS));
        after.send(Unpooled.wrappedBuffer(framed(bytes(70_000, 2))), true);
        peers.pump();
        assertFalse(solve.ended || after.ended, "the request, and what the client sent after it, wait");

        label.complete("labelled");
        peers.pump();
        assertTrue(solve.ended && after.ended);
        assertArrayEquals(framed("labelled".getBytes(StandardCharsets.US_ASCII)), solve.responseData.toByteArray(),
                "rewritten with what was made while it waited");
        assertArrayEquals(framed(bytes(70_000, 2)), after.responseData.toByteArray(), "the stream behind it, whole");
        echoes(peers, STATUS, framed(bytes(5, 3)));
        assertHealthy(peers);
    }

    @Test
    void messagesSpanningFramesAndSeveralInAFrameAreSeenWhole() {
        RecordingWatcher watcher = new RecordingWatcher();
        TappedPeers peers = new TappedPeers(watcher);
        byte[] all = framed(bytes(3, 1), bytes(0, 0), bytes(40_000, 2), bytes(7, 3));
        TappedPeers.Call call = peers.call(TappedPeers.grpcRequest(STATUS));
        int[] cuts = {1, 4, 9, 12, 20_000, all.length};
        for (int i = 0, at = 0; i < cuts.length; at = cuts[i++]) {
            call.send(Unpooled.wrappedBuffer(all, at, cuts[i] - at), i == cuts.length - 1, i % 2 == 0 ? 17 : 0);
            peers.pump();
        }
        assertArrayEquals(all, call.responseData.toByteArray());
        assertEquals(4, watcher.requests.size());
        assertArrayEquals(bytes(40_000, 2), watcher.requests.get(2));
        assertEquals(0, watcher.requests.get(1).length);
        assertArrayEquals(peers.clientSent.toByteArray(), peers.serverReceived.toByteArray());
        assertHealthy(peers);
    }

    @Test
    void paddedDataIsRewrittenAndTheStreamsAfterItFlow() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals,
                m -> Unpooled.copiedBuffer("labelled", StandardCharsets.US_ASCII));
        TappedPeers peers = new TappedPeers(watcher);
        TappedPeers.Call call = peers.call(TappedPeers.grpcRequest(SOLVE));
        call.send(TappedPeers.message(bytes(1000, 1), false), true, 200);
        peers.pump();
        assertArrayEquals(framed("labelled".getBytes(StandardCharsets.US_ASCII)), call.responseData.toByteArray());
        assertArrayEquals(bytes(1000, 1), watcher.rewritten.get(0));
        for (int i = 0; i < 3; i++) {
            echoes(peers, STATUS, framed(bytes(200_000, i)));
        }
        assertHealthy(peers);
    }

    @Test
    void aRewriteFarLargerThanTheWindowKeepsFlowControlRight() {
        byte[] large = bytes(3 << 20, 9);
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals, m -> Unpooled.wrappedBuffer(large));
        TappedPeers peers = new TappedPeers(watcher);
        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
        solve.send(TappedPeers.message(bytes(10, 1), false), false);
        peers.pump();
        TappedPeers.Call status = peers.call(TappedPeers.grpcRequest(STATUS));
        status.send(Unpooled.wrappedBuffer(framed(bytes(100_000, 2))), true);
        solve.send(Unpooled.EMPTY_BUFFER, true);
        peers.pump();
        assertArrayEquals(framed(large), solve.responseData.toByteArray(), "the rewritten message reached the server");
        assertArrayEquals(framed(bytes(100_000, 2)), status.responseData.toByteArray());
        // The extra megabytes were taken from the server's window updates: a long stream still flows.
        for (int i = 0; i < 4; i++) {
            echoes(peers, "/long", framed(bytes(1 << 20, i)));
        }
        assertHealthy(peers);
    }

    @Test
    void aRewriteThatShrinksGivesTheOpenerItsWindowBack() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals,
                m -> Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        TappedPeers peers = new TappedPeers(watcher);
        for (int i = 0; i < 3; i++) { // each far larger than the initial window: held whole, given back as it comes
            TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
            solve.send(TappedPeers.message(bytes(300_000, i), false), false);
            solve.send(TappedPeers.message(bytes(50_000, i), false), true);
            peers.pump();
            assertArrayEquals(framed(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}), solve.responseData.toByteArray());
        }
        assertArrayEquals(bytes(300_000, 2), watcher.rewritten.get(4));
        echoes(peers, "/long", framed(bytes(1 << 20, 7)));
        assertHealthy(peers);
    }

    @Test
    void gzipMessagesAreSeenAndRewrittenUncompressed() throws IOException {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals,
                m -> Unpooled.copiedBuffer(m, Unpooled.wrappedBuffer(new byte[] {42})));
        TappedPeers peers = new TappedPeers(watcher);
        byte[] plain = "frontend attrs, many times over ".repeat(500).getBytes(StandardCharsets.US_ASCII);

        Http2Headers gzipped = TappedPeers.grpcRequest(STATUS).set("grpc-encoding", "gzip");
        TappedPeers.Call status = peers.call(gzipped);
        status.send(TappedPeers.message(gzip(plain), true), true);
        peers.pump();
        assertArrayEquals(plain, watcher.requests.get(0));

        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE).set("grpc-encoding", "gzip"));
        solve.send(TappedPeers.message(gzip(plain), true), true);
        peers.pump();
        byte[] expected = new byte[plain.length + 1];
        System.arraycopy(plain, 0, expected, 0, plain.length);
        expected[plain.length] = 42;
        assertArrayEquals(framed(expected), solve.responseData.toByteArray(), "sent uncompressed, flag 0");
        assertHealthy(peers);
    }

    @Test
    void aMessageInAnUnknownEncodingIsNotObservedAndRefusesARewrite() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals, m -> m);
        TappedPeers peers = new TappedPeers(watcher);
        TappedPeers.Call status = peers.call(TappedPeers.grpcRequest(STATUS).set("grpc-encoding", "snappy"));
        status.send(TappedPeers.message(bytes(20, 1), true), true);
        peers.pump();
        assertEquals(List.of(), watcher.requests);
        assertTrue(watcher.events.contains("3 skipped request 20"), watcher.events.toString());

        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE).set("grpc-encoding", "snappy"));
        solve.send(TappedPeers.message(bytes(20, 1), true), true);
        peers.pump();
        assertEquals("12", solve.trailers().get("grpc-status").toString());
        assertEquals(List.of(), watcher.rewritten, "never passed on unread");
        assertHealthy(peers);
    }

    @Test
    void aRefusedStreamGivesTheClientAGrpcErrorAndTheServerACancel() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals, m -> {
            throw new RefusedMessage(7, "label forged: 100% für dich");
        });
        TappedPeers peers = new TappedPeers(watcher);
        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
        solve.send(TappedPeers.message(bytes(100, 1), false), false);
        peers.pump();
        solve.send(TappedPeers.message(bytes(100, 2), false), true); // dropped: the stream is over
        peers.pump();
        assertTrue(solve.ended);
        Http2Headers answer = solve.responseHeaders.get(0);
        assertEquals("200", answer.status().toString());
        assertEquals("application/grpc", answer.get("content-type").toString());
        assertEquals("7", answer.get("grpc-status").toString());
        assertEquals("label forged: 100%25 f%C3%BCr dich", answer.get("grpc-message").toString());
        assertEquals(0, solve.responseData.size(), "the server never answered");
        assertTrue(watcher.events.contains("3 reset 8"), watcher.events.toString());
        String serverSaw = new String(peers.serverReceived.toByteArray(), StandardCharsets.ISO_8859_1);
        assertTrue(serverSaw.contains("\u0000\u0000\u0004\u0003\u0000\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u0008"),
                "RST_STREAM(CANCEL) on stream 3");
        echoes(peers, STATUS, framed(bytes(200_000, 3))); // both HPACK tables and windows still right
        echoes(peers, SOLVE + "x", framed(bytes(10, 3)));
        assertHealthy(peers);
    }

    @Test
    void aStreamRefusedBeforeTheServersSettingsCameIsAnsweredAfterThem() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals, m -> {
            throw new RefusedMessage(3, "unreadable");
        });
        TappedPeers peers = new TappedPeers(watcher, false, false);
        TappedPeers.Call solve = peers.open(TappedPeers.grpcRequest(SOLVE));
        solve.send(TappedPeers.message(bytes(10, 1), false), true);
        assertFalse(peers.clientSendsOnly(), "nothing of the tap's own reaches the client before the server's SETTINGS");
        peers.pump();
        assertTrue(solve.ended);
        assertEquals("3", solve.trailers().get("grpc-status").toString());
        echoes(peers, STATUS, framed(bytes(1000, 3)));
        assertHealthy(peers);
    }

    @Test
    void aRequestMessageOver64MiBIsRefused() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals, m -> m);
        TappedPeers peers = new TappedPeers(watcher);
        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
        ByteBuf head = Unpooled.buffer().writeByte(0).writeInt((64 << 20) + 1).writeBytes(bytes(1000, 1));
        solve.send(head, false);
        peers.pump();
        assertEquals("8", solve.trailers().get("grpc-status").toString());
        assertEquals(List.of(), watcher.rewritten);
        echoes(peers, STATUS, framed(bytes(100_000, 3)));
        assertHealthy(peers);
    }

    @Test
    void anObservedMessageOver16MiBIsSkipped() {
        RecordingWatcher watcher = new RecordingWatcher();
        TappedPeers peers = new TappedPeers(watcher);
        byte[] big = framed(bytes((16 << 20) + 1, 1), bytes(4, 2));
        echoes(peers, STATUS, big);
        assertEquals(1, watcher.requests.size());
        assertArrayEquals(bytes(4, 2), watcher.requests.get(0));
        assertTrue(watcher.events.contains("3 skipped request " + ((16 << 20) + 1)), watcher.events.toString());
        assertHealthy(peers);
    }

    @Test
    void theRolesReversedThePrefaceComesFromTheDaemonSide() {
        RecordingWatcher watcher = new RecordingWatcher(path -> true, SOLVE::equals,
                m -> Unpooled.copiedBuffer("rewritten", StandardCharsets.US_ASCII));
        TappedPeers peers = new TappedPeers(watcher, true);
        echoes(peers, "/moby.filesync.v1.FileSync/DiffCopy", framed(bytes(300_000, 1)));
        TappedPeers.Call solve = peers.call(TappedPeers.grpcRequest(SOLVE));
        solve.send(TappedPeers.message(bytes(10, 1), false), true);
        peers.pump();
        assertArrayEquals(framed("rewritten".getBytes(StandardCharsets.US_ASCII)), solve.responseData.toByteArray());
        assertEquals(List.of("/moby.filesync.v1.FileSync/DiffCopy", SOLVE), watcher.paths);
        assertArrayEquals(bytes(300_000, 1), watcher.requests.get(0));
        assertHealthy(peers);
    }

    @Test
    void garbageAfterThePrefaceIsRelayedRawBothWays() {
        RecordingWatcher watcher = new RecordingWatcher();
        TappedPeers peers = new TappedPeers(watcher);
        TappedPeers.Call call = peers.call(TappedPeers.grpcRequest(STATUS)); // a stream is open
        peers.proxyDaemonSide.outboundMessages().clear();
        String garbage = "GET / HTTP/1.1\r\nHost: nowhere\r\n\r\n";
        peers.proxyClientSide.writeInbound(Unpooled.copiedBuffer(garbage, StandardCharsets.ISO_8859_1));
        assertEquals(garbage, drain(peers.proxyDaemonSide), "the garbage reaches the daemon as it was");
        peers.proxyDaemonSide.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 400", StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 400", drain(peers.proxyClientSide), "the daemon's answer comes back raw");
        peers.proxyClientSide.writeInbound(Unpooled.copiedBuffer("\u0000\u0000\u0000\u0004", StandardCharsets.ISO_8859_1));
        assertEquals("\u0000\u0000\u0000\u0004", drain(peers.proxyDaemonSide), "and so on, no longer parsed");
        assertTrue(watcher.events.contains("3 reset 1"), watcher.events.toString());
        assertNotNull(call);
        assertTrue(peers.proxyClientSide.isOpen() && peers.proxyDaemonSide.isOpen(), "the proxy closes nothing");
    }

    @Test
    void closingEitherSideTellsTheWatcher() {
        RecordingWatcher watcher = new RecordingWatcher();
        TappedPeers peers = new TappedPeers(watcher);
        peers.call(TappedPeers.grpcRequest(STATUS));
        peers.proxyDaemonSide.close();
        peers.proxyClientSide.runPendingTasks();
        assertTrue(watcher.closed);
        assertTrue(watcher.events.contains("3 reset 8"), watcher.events.toString());
        assertFalse(peers.proxyClientSide.isOpen());
    }

    private static String drain(io.netty.channel.embedded.EmbeddedChannel channel) {
        StringBuilder all = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            all.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return all.toString();
    }
}
