package org.smartcontainers.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker socket the proxy forwards to may not be there yet (Docker starting after us, or a wrong
 * --docker): the daemon says so at start, keeps serving (calls fail as Docker's absence makes them
 * fail), and runs what needs Docker once the socket appears.
 */
final class DockerSocketWait implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    private final Thread waiter;

    private DockerSocketWait(Thread waiter) {
        this.waiter = waiter;
    }

    /** Runs {@code then} now if {@code socket} exists, else on a thread of its own once it does. */
    static DockerSocketWait then(Path socket, Runnable then) {
        if (Files.exists(socket)) {
            then.run();
            return new DockerSocketWait(null);
        }
        Logger log = LoggerFactory.getLogger(DockerSocketWait.class);
        log.warn("the Docker socket {} does not exist: is Docker running? (--docker names another socket). Serving"
                + " anyway; calls fail until it appears", socket);
        Thread waiter = new Thread(() -> {
            try {
                while (!Files.exists(socket)) {
                    Thread.sleep(POLL.toMillis());
                }
                log.info("the Docker socket {} is there now", socket);
                then.run();
            } catch (InterruptedException e) {
                // closed before Docker came: nothing to run
            }
        }, "sc-docker-socket-wait");
        waiter.setDaemon(true);
        waiter.start();
        return new DockerSocketWait(waiter);
    }

    @Override
    public void close() {
        if (waiter != null) {
            waiter.interrupt();
        }
    }
}
