package org.smartcontainers.testsupport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class whose tests leaked a Netty buffer (released by nobody): Netty only logs such a
 * leak, when the garbage collector finds the buffer, so a build stayed green over one. A module turns
 * it on with JUnit's extension auto-detection and {@code -Dio.netty.leakDetection.level=paranoid}
 * (every buffer tracked); after each class the collector is run and the leaks Netty found are the
 * class's failure. A leak is reported once it is collected: one seen late fails the class after it.
 */
public final class NettyLeakCheck implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        // Before any buffer class takes its detector from the factory: the extension is loaded at the engine's start.
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Recording());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer(s) leaked by " + context.getDisplayName()
                    + " (released by nobody):\n" + String.join("\n\n", leaks));
        }
    }

    /** The leaks Netty finds once the collector has run: each buffer that became garbage unreleased. */
    static List<String> collectLeaks() throws InterruptedException {
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 3 && leaks.isEmpty(); i++) {
            System.gc();
            Thread.sleep(50); // the collected buffers' references are queued by the JVM's reference handler
            touchEveryAllocator(); // a detector reports what is queued when it next tracks a buffer
            leaks.addAll(found());
        }
        return leaks;
    }

    private static void touchEveryAllocator() {
        for (ByteBufAllocator allocator : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
                UnpooledByteBufAllocator.DEFAULT)) {
            allocator.directBuffer(1).release();
            allocator.heapBuffer(1).release();
        }
    }

    private static List<String> found() {
        synchronized (LEAKS) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            return found;
        }
    }

    private static final class Recording extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected boolean needReport() {
                    return true; // whatever the logging: Netty reports only when its logger shows errors
                }

                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    record("LEAK: " + resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    record("LEAK: " + resourceType + " (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
