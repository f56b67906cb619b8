package org.smartcontainers.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A class whose test drops a buffer unreleased fails, naming where it was used; one that releases all passes. */
class NettyLeakCheckTest {
    /** Run only by the test below (surefire leaves nested classes alone). */
    static class Leaking {
        @Test
        void dropsABuffer() {
            ByteBufAllocator.DEFAULT.directBuffer(16).writeInt(42);
        }
    }

    static class Releasing {
        @Test
        void releasesItsBuffer() {
            ByteBufAllocator.DEFAULT.directBuffer(16).writeInt(42).release();
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true").build(), summary);
        return summary.getSummary();
    }

    @Test
    void aClassThatLeakedABufferFails() {
        TestExecutionSummary leaking = run(Leaking.class);
        assertEquals(1, leaking.getTestsSucceededCount(), "the test itself passes");
        assertEquals(1, leaking.getContainersFailedCount(), "its class fails");
        String failure = leaking.getFailures().get(0).getException().getMessage();
        assertTrue(failure.contains("1 Netty buffer(s) leaked") && failure.contains("Leaking.dropsABuffer"), failure);

        TestExecutionSummary releasing = run(Releasing.class);
        assertEquals(1, releasing.getTestsSucceededCount());
        assertEquals(0, releasing.getContainersFailedCount(), releasing.getFailures().toString());
    }
}
