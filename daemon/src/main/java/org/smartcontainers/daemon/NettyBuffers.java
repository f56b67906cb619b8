package org.smartcontainers.daemon;

/**
 * Netty's buffer pool, set for a daemon whose heap is small by design. Netty reads a heap under
 * 512 MiB as a small machine and then pools no buffer over 16 KiB: each of the relay's reads of a
 * stream (up to 256 KiB) was a new direct buffer, zeroed and left to the cleaner, a tenth of the
 * proxy's CPU on a 1 GiB build context. The buffers live in direct memory, which has a budget of
 * its own (bin/sc), not on the heap.
 */
public final class NettyBuffers {
    static final String LOW_MEMORY = "io.netty.allocator.lowMemory";

    private NettyBuffers() {
    }

    /** Before any Netty buffer is made; a value given on the command line stands. */
    public static void configure() {
        if (System.getProperty(LOW_MEMORY) == null) {
            System.setProperty(LOW_MEMORY, "false");
        }
    }
}
