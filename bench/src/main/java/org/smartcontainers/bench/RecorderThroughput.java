package org.smartcontainers.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ContainerCreate;
import org.smartcontainers.provenance.record.Mounts;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.RecordWriter;

/** Durable records per second: realistic create records into a TDB2 directory through the record writer. */
final class RecorderThroughput {
    /** Where the records' mounts live (the bodies here mount nothing). */
    private static final Mounts.Places PLACES = new Mounts.Places("bench-engine", "bench-host");
    private RecorderThroughput() {
    }

    static double recordsPerSecond(Path scratch, int records, int callers) throws Exception {
        Path directory = Files.createDirectories(scratch.resolve("throughput-" + System.nanoTime()));
        Agents agents = new Agents("bench", "20.10");
        var body = new ObjectMapper().readTree(
                "{\"Image\":\"sc-busybox\",\"Cmd\":[\"sh\",\"-c\",\"true\"],\"Env\":[\"A=b\",\"PATH=/bin\"],"
                        + "\"Labels\":{\"team\":\"x\"},\"HostConfig\":{\"NetworkMode\":\"none\",\"Binds\":[\"/a:/b:ro\"]}}");
        String image = "sha256:" + "a".repeat(64);
        try (LocalStore store = LocalStore.onDisk(directory); RecordWriter writer = new RecordWriter(store)) {
            List<CompletableFuture<RecordWriter.Outcome>> outcomes = new ArrayList<>(records);
            long begin = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                int offset = t;
                Thread caller = new Thread(() -> {
                    for (int i = offset; i < records; i += callers) {
                        ActivityRecord record = ContainerCreate.start(body, "c" + i, image, Instant.now(), agents, Mounts.of(body), PLACES);
                        ContainerCreate.created(record, String.format("%064x", i), image, Instant.now(), Mounts.of(body), PLACES);
                        CompletableFuture<RecordWriter.Outcome> done = writer.submit(record.toGraph());
                        synchronized (outcomes) {
                            outcomes.add(done);
                        }
                    }
                });
                caller.start();
                threads.add(caller);
            }
            for (Thread caller : threads) {
                caller.join();
            }
            for (CompletableFuture<RecordWriter.Outcome> done : outcomes) {
                if (done.get() != RecordWriter.Outcome.COMMITTED) {
                    throw new IllegalStateException("a record was not committed");
                }
            }
            return records / ((System.nanoTime() - begin) / 1e9);
        }
    }
}
