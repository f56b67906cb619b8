package org.smartcontainers.provenance.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartcontainers.docker.DockerApiPath;

/**
 * Who asked for a container's start, stop, kill, pause, unpause, rename, restart or removal, or an exec's
 * start, when the call came through the proxy: noted as the request passes (the call itself is relayed as
 * it is, never held), taken when Docker's event for it arrives ({@link ContainerEvents}). A call is matched
 * to its event by the action, the reference it named (a name, an ID or a prefix of one) and time: noted
 * at most {@link #MATCH_WINDOW} before the event. A note never matched (the call failed) is dropped when
 * it is older than that, or when more than {@link #MAX_NOTES} wait.
 */
public final class ProxiedCalls {
    static final Duration MATCH_WINDOW = Duration.ofSeconds(60);
    static final int MAX_NOTES = 1024;

    /** The route's last segment, for POST {@code /containers/{ref}/…}: the events each call makes. */
    private static final Map<String, List<String>> CONTAINER_CALLS = Map.of(
            "start", List.of("start"),
            "stop", List.of("stop", "kill"),
            "kill", List.of("kill"),
            "restart", List.of("restart", "start", "kill", "stop"),
            "pause", List.of("pause"),
            "unpause", List.of("unpause"),
            "rename", List.of("rename"));

    private record Note(String action, String reference, Caller caller, Instant noted) {
    }

    private final ConcurrentLinkedDeque<Note> notes = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * A request passes the proxy (on its event loop: cheap); notes it when it asks for one of the calls
     * above, as Docker's router reads its target.
     */
    public void observe(String method, String uri, Caller caller) {
        boolean post = method.equals("POST");
        if (!post && !method.equals("DELETE")
                || !(uri.contains("/containers/") || uri.contains("/exec/") || uri.indexOf('%') >= 0)) {
            return;
        }
        String[] segments = DockerApiPath.classify(uri).split("/", -1);
        if (segments.length == 3 && !post && segments[1].equals("containers")) {
            note("destroy", segments[2], caller);
            note("kill", segments[2], caller); // a forced removal of a running container kills it
        } else if (segments.length == 4 && post && segments[1].equals("exec") && segments[3].equals("start")) {
            note("exec_start", segments[2], caller);
        } else if (segments.length == 4 && post && segments[1].equals("containers")) {
            CONTAINER_CALLS.getOrDefault(segments[3], List.of()).forEach(action -> note(action, segments[2], caller));
        }
    }

    private void note(String action, String reference, Caller caller) {
        if (reference.isEmpty()) {
            return;
        }
        notes.addLast(new Note(action, reference, caller, Instant.now()));
        if (size.incrementAndGet() > MAX_NOTES && notes.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    /**
     * The caller of the call that made this event, taken (a call makes one event of each action), if one
     * was noted: {@code id} the container's (or the exec's) full ID, {@code names} its names at the time.
     */
    public Caller take(String action, String id, Instant eventTime, String... names) {
        Instant oldest = eventTime.minus(MATCH_WINDOW);
        for (Iterator<Note> it = notes.iterator(); it.hasNext(); ) {
            Note note = it.next();
            if (note.noted().isBefore(oldest)) {
                if (notes.remove(note)) {
                    size.decrementAndGet();
                }
                continue;
            }
            if (note.action().equals(action) && !note.noted().isAfter(eventTime.plusSeconds(1))
                    && names(note.reference(), id, names) && notes.remove(note)) {
                size.decrementAndGet();
                return note.caller();
            }
        }
        return null;
    }

    /** Docker finds a container by its full ID, its name (with or without the slash) or an ID prefix. */
    private static boolean names(String reference, String id, String... names) {
        if (id.startsWith(reference) && reference.matches("[0-9a-f]+")) {
            return true;
        }
        for (String name : names) {
            if (name != null && (reference.equals(name) || ("/" + reference).equals(name))) {
                return true;
            }
        }
        return false;
    }
}
