package org.smartcontainers.docker;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which image each reference names, remembered only while nothing can have moved it, so a
 * container create through the proxy need not ask the daemon every time (the answer is on the
 * create's path: its label names the image).
 *
 * <p>A reference moves when an image is tagged, untagged, pulled, loaded, imported, built,
 * committed or deleted. Every such change is an image event on Docker's event stream, which this
 * follows; an event forgets everything remembered, a {@code tag} only the references to the repository it
 * names. While the stream is not connected nothing is remembered. The proxy also calls
 * {@link #mayHaveChanged} when an image-changing call passes through it, at its start and before its
 * client sees its end, and {@link #nameMoved} before a BuildKit build's client sees its end, so a
 * client's own change is never outrun by the event that reports it. An answer that raced a change is
 * not kept.
 */
public final class ImageReferences implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageReferences.class);
    /** A hex string short of a whole ID may be an ID prefix, which a new image can make ambiguous. */
    private static final Pattern MAYBE_ID_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{1,63}");
    private static final int MAX_REMEMBERED = 1024;
    private static final long MAX_RECONNECT_PAUSE_MILLIS = 5_000;

    private final DockerClient docker;
    private final Map<String, DockerClient.Image> remembered = new ConcurrentHashMap<>();
    /** Counts changes (and losses of the event stream): an answer is kept only if none came while it was sought. */
    private final AtomicLong changes = new AtomicLong();
    private final Thread follower;
    private volatile boolean following;
    private volatile boolean closed;
    private volatile UnixHttp.Streamed events;

    public ImageReferences(DockerClient docker) {
        this.docker = docker;
        this.follower = new Thread(this::followEvents, "sc-docker-events");
        follower.setDaemon(true);
        follower.start();
    }

    /** The image {@code reference} names, if remembered: no call to the daemon. */
    public Optional<DockerClient.Image> remembered(String reference) {
        return rememberable(reference) ? Optional.ofNullable(remembered.get(reference)) : Optional.empty();
    }

    /** Asks the daemon which image {@code reference} names now, and remembers the answer if it may. */
    public Optional<DockerClient.Image> lookUp(String reference) {
        boolean rememberable = rememberable(reference);
        long before = changes.get();
        Optional<DockerClient.Image> found = docker.image(reference);
        if (rememberable && found.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(reference, found.get());
            if (changes.get() != before || !following) {
                remembered.remove(reference, found.get()); // a change came meanwhile: the answer may be old
            }
        }
        return found;
    }

    private boolean rememberable(String reference) {
        return following && !MAYBE_ID_PREFIX.matcher(reference).matches();
    }

    /** An image may have changed (or an event may have been missed): forget every answer. */
    public void mayHaveChanged() {
        changes.incrementAndGet();
        remembered.clear();
    }

    /**
     * {@code name} may now name another image (a BuildKit build exported its result under it: {@code /grpc} is no
     * image call the relay knows, and the build's {@code tag} event may come after its client sees the end).
     */
    public void nameMoved(String name) {
        forgetRepository(repositoryOf(name));
    }

    /**
     * What one image event moved: a {@code tag} moves only the name it gives (Docker sends no event for the image
     * the name leaves), so only references to that repository are forgotten: a build that tags its result leaves
     * its base images' names remembered. Any other event, or one not understood, forgets everything.
     */
    private void changed(DockerEvent event) {
        String repository = event == null ? null : taggedRepository(event);
        if (repository == null) {
            mayHaveChanged();
        } else {
            forgetRepository(repository);
        }
    }

    private void forgetRepository(String repository) {
        changes.incrementAndGet();
        remembered.keySet().removeIf(reference -> sameRepository(reference, repository));
    }

    /** The repository a {@code tag} event names, as Docker shows it (case folded), or null for any other event. */
    private static String taggedRepository(DockerEvent event) {
        try {
            String name = event.attribute("name");
            if (!event.action().equals("tag") || name == null || name.isBlank()) {
                return null;
            }
            return repositoryOf(name);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static boolean sameRepository(String reference, String repository) {
        return repositoryOf(reference).equals(repository);
    }

    /** A reference's repository as Docker shows it ({@code busybox}, {@code localhost:5000/x}), case folded. */
    private static String repositoryOf(String reference) {
        return ImageReference.parse(reference, false).familiarName().toLowerCase(Locale.ROOT);
    }

    private void followEvents() {
        long pause = 100;
        while (!closed) {
            try (UnixHttp.Streamed stream = docker.imageEvents()) {
                events = stream;
                if (stream.status() != 200) {
                    throw new IOException("the daemon answered HTTP " + stream.status() + " to GET /events");
                }
                mayHaveChanged(); // whatever happened before the stream began was not seen
                docker.refreshDockerVersion(); // known before a create needs it; a restarted daemon may be a new version
                docker.refreshIdentity(); // and a new daemon (another data root)
                following = true;
                pause = 100;
                LOG.debug("following the daemon's image events");
                DockerEvent.Stream messages = DockerEvent.stream(stream.body());
                while (messages.advance()) {
                    changed(messages.event());
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.debug("the daemon's event stream is not available ({}); image references are looked up each time",
                            e.toString());
                }
            } finally {
                following = false;
                mayHaveChanged();
            }
            pause = pauseBeforeReconnecting(pause);
        }
    }

    private long pauseBeforeReconnecting(long pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return Math.min(pause * 2, MAX_RECONNECT_PAUSE_MILLIS);
    }

    @Override
    public void close() {
        closed = true;
        UnixHttp.Streamed stream = events;
        if (stream != null) {
            try {
                stream.close(); // ends the blocking read
            } catch (IOException e) {
                // closing anyway
            }
        }
        follower.interrupt();
    }
}
