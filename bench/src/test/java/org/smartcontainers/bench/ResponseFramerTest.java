package org.smartcontainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseFramerTest {
    private static final String PING = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\ncontent-length: 2\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nOK";
    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n1a;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: x\r\n\r\n";
    private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\nServer: Docker\r\n\r\n";

    /** Three responses back to back, fed in pieces of every size: each must end exactly where it does. */
    @Test
    void framesResponsesHoweverTheBytesArrive() throws IOException {
        String all = PING + CHUNKED + NO_CONTENT;
        for (int piece = 1; piece <= all.length(); piece++) {
            ResponseFramer framer = new ResponseFramer();
            ByteBuffer in = ByteBuffer.allocate(all.length()).flip();
            int fed = 0;
            int ended = 0;
            int[] statuses = new int[3];
            while (ended < 3) {
                if (framer.response(in)) {
                    statuses[ended++] = framer.status();
                    continue;
                }
                assertTrue(fed < all.length(), "ran out of bytes at piece size " + piece);
                int n = Math.min(piece, all.length() - fed);
                in.compact().put(all.substring(fed, fed + n).getBytes(StandardCharsets.US_ASCII)).flip();
                fed += n;
            }
            assertEquals(all.length(), fed);
            assertFalse(in.hasRemaining());
            assertEquals(200, statuses[0]);
            assertEquals(200, statuses[1]);
            assertEquals(204, statuses[2]);
        }
    }

    @Test
    void leavesTheBodyToReadAfterTheHead() throws IOException {
        ResponseFramer framer = new ResponseFramer();
        ByteBuffer in = ByteBuffer.wrap(PING.getBytes(StandardCharsets.US_ASCII));
        assertTrue(framer.head(in));
        assertEquals(2, framer.contentLength());
        assertEquals("OK", StandardCharsets.US_ASCII.decode(in.duplicate()).toString());
        assertTrue(framer.body(in));
    }

    @Test
    void refusesWhatIsNotAStatusLine() {
        ByteBuffer in = ByteBuffer.wrap("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> new ResponseFramer().response(in));
    }
}
