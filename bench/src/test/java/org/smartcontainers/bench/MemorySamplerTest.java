package org.smartcontainers.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemorySamplerTest {
    private static final int PAGE = 4096;

    /** Memory this JVM touches raises the sampled peak of its RssAnon. */
    @Test
    void theAnonymousPeakFollowsTheRealProcess() {
        try (MemorySampler sampler = new MemorySampler(ProcessHandle.current().pid())) {
            long before = sampler.peaks().anonKib();
            ByteBuffer touched = ByteBuffer.allocateDirect(64 << 20);
            for (int at = 0; at < touched.capacity(); at += PAGE) {
                touched.put(at, (byte) 1); // fresh pages become resident only when written
            }
            long after = sampler.peaks().anonKib();
            assertTrue(before > 0 && after >= before + (48 << 10), "the 64 MiB touched raise the peak: " + before + " -> " + after);
            assertEquals(1, touched.get(0));
        }
    }

    /**
     * The peak keeps the name of the phase it came in after the next begins and memory falls. A status file
     * written by the test, not this JVM's own (whose memory any thread may raise in any phase), so the phase
     * is certain.
     */
    @Test
    void thePeakNamesThePhaseItCameIn(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        writeStatus(status, 1_000);
        try (MemorySampler sampler = new MemorySampler(status)) {
            sampler.phase("the spike");
            writeStatus(status, 70_000);
            sampler.phase("after");
            writeStatus(status, 5_000);
            sampler.phase("a lower hill");
            writeStatus(status, 60_000);
            MemorySampler.Peaks peaks = sampler.peaks();
            assertEquals(70_000, peaks.anonKib());
            assertEquals(71_000, peaks.fileKib());
            assertEquals(72_000, peaks.rssKib());
            assertEquals("the spike", peaks.anonPhase());
        }
    }

    /** Replaced whole, as the kernel's file reads, so the sampler's thread never reads half of one. */
    private static void writeStatus(Path status, long anonKib) throws IOException {
        Path next = status.resolveSibling("status.next");
        Files.writeString(next, "Name:\tjava\nVmHWM:\t  " + (anonKib + 2_000) + " kB\nRssAnon:\t  " + anonKib
                + " kB\nRssFile:\t  " + (anonKib + 1_000) + " kB\n");
        Files.move(next, status, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
