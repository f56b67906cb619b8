package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * One message's bytes as they arrive, copied into direct blocks taken from a {@link HoldBudget}: never
 * regrown (a growing buffer would hold the message twice while it copies), and at most one block
 * beyond the bytes that came, whatever length the message declared.
 */
final class HeldMessage {
    private static final int BLOCK = 256 << 10;

    private final HoldBudget budget;
    private final ByteBufAllocator alloc;
    private final CompositeByteBuf blocks;
    private ByteBuf filling;
    private long taken;

    HeldMessage(HoldBudget budget, ByteBufAllocator alloc) {
        this.budget = budget;
        this.alloc = alloc;
        this.blocks = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
    }

    /**
     * Appends {@code n} bytes of {@code src} from {@code index}, in blocks of at most {@code sizeHint}
     * (the bytes still to come, these included, when known); false when the budget has no room for them.
     */
    boolean append(ByteBuf src, int index, int n, long sizeHint) {
        while (n > 0) {
            if (filling == null || !filling.isWritable()) {
                int size = (int) Math.max(n, Math.min(sizeHint, BLOCK));
                if (!budget.take(size)) {
                    return false;
                }
                taken += size;
                addFilled();
                filling = alloc.directBuffer(size, size);
            }
            int part = Math.min(n, filling.writableBytes());
            filling.writeBytes(src, index, part);
            index += part;
            n -= part;
            sizeHint -= part;
        }
        return true;
    }

    /** The bytes appended, as one buffer; valid until {@link #release()}, retain it to keep it longer. */
    ByteBuf bytes() {
        addFilled();
        return blocks;
    }

    /** Frees the blocks (once no retained view holds them) and gives their bytes back to the budget. */
    void release() {
        addFilled();
        blocks.release();
        budget.giveBack(taken);
        taken = 0;
    }

    private void addFilled() {
        if (filling != null) {
            blocks.addComponent(true, filling);
            filling = null;
        }
    }
}
