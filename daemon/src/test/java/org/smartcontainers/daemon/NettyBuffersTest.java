package org.smartcontainers.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyBuffersTest {
    @AfterEach
    void forget() {
        System.clearProperty(NettyBuffers.LOW_MEMORY);
    }

    @Test
    void aSmallHeapDoesNotTurnOffTheBufferPool() {
        System.clearProperty(NettyBuffers.LOW_MEMORY);
        NettyBuffers.configure();
        assertEquals("false", System.getProperty(NettyBuffers.LOW_MEMORY));
    }

    @Test
    void whatTheCommandLineSaysStands() {
        System.setProperty(NettyBuffers.LOW_MEMORY, "true");
        NettyBuffers.configure();
        assertEquals("true", System.getProperty(NettyBuffers.LOW_MEMORY));
    }
}
