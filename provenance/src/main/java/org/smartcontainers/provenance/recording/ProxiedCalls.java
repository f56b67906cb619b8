package org.smartcontainers.provenance.recording;

import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.docker.ImageReference;

/**
 * Who asked for a container's start, stop, kill, pause, unpause, rename, restart or removal, or an exec's
 * start, when the call came through the proxy: noted as the request passes (the call itself is relayed as
 * it is, never held), taken when Docker's event for it arrives ({@link ContainerEvents}). A call is matched
 * to its event by the action, the reference it named (a name, an ID or a prefix of one) and time: noted
 * at most {@link #MATCH_WINDOW} before the event. A note never matched (the call failed) is dropped when
 * it is older than that, or when more than {@link #MAX_NOTES} wait.
 *
 * <p>The same for the image calls whose events say where an image came from and what it is called
 * ({@link ImageOrigins}): a pull or import ({@code POST /images/create}), a load, a tag, a push, a removal or
 * untag ({@code DELETE /images/{name}}). Of these the note also keeps what the event does not say and the
 * record needs: a pull's {@code platform}, an import's source (a URL without user information, query or
 * fragment: where credentials travel). Headers are never read ({@code X-Registry-Auth} holds credentials).
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

    /** {@code reference}: what the call named; {@link #ANY} for a call whose events name nothing it sent (load, import). */
    private record Note(String action, String reference, Caller caller, Instant noted, Map<String, String> facts) {
    }

    /** A note taken for an image event: who asked, and what the request said that the event does not. */
    public record Taken(Caller caller, Map<String, String> facts) {
    }

    static final String ANY = "*";
    /** The facts a note keeps. */
    public static final String PLATFORM = "platform";
    public static final String SOURCE = "source";

    private final ConcurrentLinkedDeque<Note> notes = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * A request passes the proxy (on its event loop: cheap); notes it when it asks for one of the calls
     * above, as Docker's router reads its target.
     */
    public void observe(String method, String uri, Caller caller) {
        visit(method, uri, caller, this::add);
    }

    /**
     * Docker refused a request {@link #observe} noted (an error status): its notes go, so that no later event
     * takes them (an import's or a load's note names nothing an event could be told apart by).
     */
    public void refused(String method, String uri, Caller caller) {
        visit(method, uri, caller, this::withdraw);
    }

    /** What {@link #observe} and {@link #refused} do with each note a call makes. */
    private interface Notes {
        void note(String action, String reference, Caller caller, Map<String, String> facts);

        default void note(String action, String reference, Caller caller) {
            note(action, reference, caller, Map.of());
        }
    }

    private void visit(String method, String uri, Caller caller, Notes noting) {
        boolean post = method.equals("POST");
        if (!post && !method.equals("DELETE") || !(uri.contains("/containers/") || uri.contains("/exec/")
                || uri.contains("/images/") || uri.indexOf('%') >= 0)) {
            return;
        }
        String route = DockerApiPath.classify(uri);
        if (route.startsWith("/images/")) {
            observeImageCall(post, route, uri, caller, noting);
            return;
        }
        String[] segments = route.split("/", -1);
        if (segments.length == 3 && !post && segments[1].equals("containers")) {
            noting.note("destroy", segments[2], caller);
            noting.note("kill", segments[2], caller); // a forced removal of a running container kills it
        } else if (segments.length == 4 && post && segments[1].equals("exec") && segments[3].equals("start")) {
            noting.note("exec_start", segments[2], caller);
        } else if (segments.length == 4 && post && segments[1].equals("containers")) {
            CONTAINER_CALLS.getOrDefault(segments[3], List.of()).forEach(action -> noting.note(action, segments[2], caller));
        }
    }

    /** {@code /images/create} (pull or import), {@code /images/load}, {@code /images/{name}/tag|push}, DELETE {@code /images/{name}}. */
    private void observeImageCall(boolean post, String route, String uri, Caller caller, Notes noting) {
        String rest = route.substring("/images/".length());
        if (!post) {
            if (!rest.isEmpty()) {
                noting.note("untag", reference(rest), caller, Map.of());
                noting.note("delete", reference(rest), caller, Map.of());
            }
            return;
        }
        Map<String, String> query = query(uri);
        if (rest.equals("create")) {
            String fromImage = query.getOrDefault("fromImage", "");
            String fromSrc = query.getOrDefault("fromSrc", "");
            String repo = query.getOrDefault("repo", "");
            String tag = query.getOrDefault("tag", "");
            if (!fromImage.isEmpty()) {
                Map<String, String> facts = new HashMap<>();
                String platform = query.getOrDefault(PLATFORM, "");
                if (!platform.isEmpty()) {
                    facts.put(PLATFORM, platform);
                }
                // No tag: every tag of the repository is pulled, one event each.
                String pulled = tag.isEmpty() ? ImageReference.parse(fromImage, false).familiar()
                        : reference(fromImage + (tag.startsWith("sha256:") ? "@" : ":") + tag);
                noting.note("pull", pulled, caller, facts);
            } else if (!fromSrc.isEmpty()) {
                String source = importSource(fromSrc);
                noting.note("import", ANY, caller, source == null ? Map.of() : Map.of(SOURCE, source));
                if (!repo.isEmpty()) {
                    noting.note("tag", reference(repo + (tag.isEmpty() ? "" : ":" + tag)), caller, Map.of());
                }
            }
        } else if (rest.equals("load")) {
            noting.note("load", ANY, caller, Map.of());
        } else if (rest.endsWith("/tag") && rest.length() > 4) {
            String repo = query.getOrDefault("repo", "");
            String tag = query.getOrDefault("tag", "");
            if (!repo.isEmpty()) {
                noting.note("tag", reference(repo + (tag.isEmpty() ? "" : ":" + tag)), caller, Map.of());
            }
        } else if (rest.endsWith("/push") && rest.length() > 5) {
            String name = rest.substring(0, rest.length() - "/push".length());
            String tag = query.getOrDefault("tag", "");
            noting.note("push", tag.isEmpty() ? ImageReference.parse(name, false).familiar() : reference(name + ":" + tag), caller, Map.of());
        }
    }

    /** An image ID (or prefix) as it is, bare; a name as Docker shows it, {@code latest} when it names no tag. */
    static String reference(String reference) {
        if (ImageReference.isImageId(reference)) {
            return reference.startsWith("sha256:") ? reference.substring(7) : reference;
        }
        return ImageReference.parse(reference).familiar();
    }

    /**
     * An import's source as recorded: {@code -} (the request's body), or the URL without user information,
     * query or fragment (a password, a token or a signature may be in any of them); null when it is not a URL.
     */
    public static String importSource(String fromSrc) {
        if (fromSrc.equals("-")) {
            return "-";
        }
        try {
            // Docker takes a source without a scheme as http://.
            URI uri = new URI(fromSrc.contains("://") ? fromSrc : "http://" + fromSrc);
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
                return null;
            }
            return new URI(uri.getScheme().toLowerCase(java.util.Locale.ROOT), null, uri.getHost(), uri.getPort(),
                    uri.getPath(), null, null).toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The first value of each query parameter, as Go's {@code r.FormValue} reads it; nothing that cannot be decoded. */
    private static Map<String, String> query(String uri) {
        Map<String, String> values = new HashMap<>();
        int question = uri.indexOf('?');
        if (question < 0) {
            return values;
        }
        for (String pair : uri.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                // a bad escape: Docker refuses the call, nothing to note
            }
        }
        return values;
    }

    private void add(String action, String reference, Caller caller, Map<String, String> facts) {
        if (reference.isEmpty()) {
            return;
        }
        notes.addLast(new Note(action, reference, caller, Instant.now(), Map.copyOf(facts)));
        if (size.incrementAndGet() > MAX_NOTES && notes.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    /** The newest note of this action and reference by this caller goes (its call's own, as a connection's calls follow each other). */
    private void withdraw(String action, String reference, Caller caller, Map<String, String> facts) {
        for (Iterator<Note> it = notes.descendingIterator(); it.hasNext(); ) {
            Note note = it.next();
            if (note.action().equals(action) && note.reference().equals(reference) && Objects.equals(note.caller(), caller)
                    && note.facts().equals(facts)) {
                removed(note);
                return;
            }
        }
    }

    /**
     * The caller of the call that made this event, taken (a call makes one event of each action), if one
     * was noted: {@code id} the container's (or the exec's) full ID, {@code names} its names at the time.
     */
    public Caller take(String action, String id, Instant eventTime, String... names) {
        Note note = firstClaimed(action, eventTime, candidate -> names(candidate.reference(), id, names) && removed(candidate));
        return note == null ? null : note.caller();
    }

    /**
     * The note of the image call that made this event, if one was noted: {@code imageId} the image's ID (bare,
     * or null), {@code names} the references the event concerns (as Docker shows them). A load's note stays
     * until it is too old: one load makes an event for each image it brought.
     */
    public Taken takeImage(String action, Instant eventTime, String imageId, Collection<String> names) {
        Note note = firstClaimed(action, eventTime, candidate -> {
            String reference = candidate.reference();
            boolean matches = reference.equals(ANY) || names.contains(reference)
                    || imageId != null && ImageReference.isImageId(reference) && imageId.startsWith(reference);
            return matches && (action.equals("load") || removed(candidate));
        });
        return note == null ? null : new Taken(note.caller(), note.facts());
    }

    /**
     * The oldest note of {@code action} that may have made an event at {@code eventTime} (noted at most a
     * second after it) and that {@code claim} takes; notes older than the match window are dropped on the way.
     */
    private Note firstClaimed(String action, Instant eventTime, Predicate<Note> claim) {
        Instant oldest = eventTime.minus(MATCH_WINDOW);
        for (Iterator<Note> it = notes.iterator(); it.hasNext(); ) {
            Note note = it.next();
            if (note.noted().isBefore(oldest)) {
                removed(note);
            } else if (note.action().equals(action) && !note.noted().isAfter(eventTime.plusSeconds(1)) && claim.test(note)) {
                return note;
            }
        }
        return null;
    }

    /** Takes the note out; false when another thread took it first. */
    private boolean removed(Note note) {
        if (notes.remove(note)) {
            size.decrementAndGet();
            return true;
        }
        return false;
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
