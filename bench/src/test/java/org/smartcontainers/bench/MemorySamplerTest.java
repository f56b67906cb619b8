package org.smartcontainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MemorySamplerTest {
    private static final int PAGE = 4096;

    /** Memory touched during a phase makes the peak, and the peak keeps that phase's name after the next begins. */
    @Test
    void thePeakNamesThePhaseItCameIn() {
        try (MemorySampler sampler = new MemorySampler(ProcessHandle.current().pid())) {
            sampler.phase("idle");
            long before = sampler.peaks().anonKib();
            sampler.phase("touching 64 MiB");
            ByteBuffer touched = ByteBuffer.allocateDirect(64 << 20);
            for (int at = 0; at < touched.capacity(); at += PAGE) {
                touched.put(at, (byte) 1); // fresh pages become resident only when written
            }
            sampler.phase("after");
            MemorySampler.Peaks peaks = sampler.peaks();
            assertTrue(peaks.anonKib() >= before + (48 << 10), "the 64 MiB touched raise the peak: " + before + " -> " + peaks.anonKib());
            assertEquals("touching 64 MiB", peaks.anonPhase());
            assertEquals(1, touched.get(0));
        }
    }
}
