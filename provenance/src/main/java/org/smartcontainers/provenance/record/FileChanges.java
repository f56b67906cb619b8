package org.smartcontainers.provenance.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.smartcontainers.docker.DockerClient.Change;

/**
 * What changed in a container's filesystem ({@code docker diff}), gathered as the daemon lists it: of
 * each kind, how many paths, and the first {@link #PATHS_KEPT} in path order. The paths come in the
 * daemon's order and may be millions, so only those first ones are ever held.
 */
public final class FileChanges implements Consumer<Change> {
    public static final int PATHS_KEPT = 20;

    private final Map<Change.Kind, Integer> counts = new EnumMap<>(Change.Kind.class);
    /** Of each kind the smallest paths seen so far, the largest of them at the head, to be pushed out first. */
    private final Map<Change.Kind, PriorityQueue<String>> first = new EnumMap<>(Change.Kind.class);

    public FileChanges() {
        for (Change.Kind kind : Change.Kind.values()) {
            counts.put(kind, 0);
            first.put(kind, new PriorityQueue<>(PATHS_KEPT + 1, Collections.reverseOrder()));
        }
    }

    @Override
    public void accept(Change change) {
        counts.merge(change.kind(), 1, (count, one) -> count == Integer.MAX_VALUE ? count : count + one);
        PriorityQueue<String> kept = first.get(change.kind());
        if (kept.size() < PATHS_KEPT) {
            kept.add(change.path());
        } else if (change.path().compareTo(kept.peek()) < 0) {
            kept.poll();
            kept.add(change.path());
        }
    }

    /** How many paths of a kind changed (as an xsd:int in records; it stops at the largest). */
    public int count(Change.Kind kind) {
        return counts.get(kind);
    }

    /** The first {@link #PATHS_KEPT} paths of a kind, in path order. */
    public List<String> firstPaths(Change.Kind kind) {
        List<String> paths = new ArrayList<>(first.get(kind));
        Collections.sort(paths);
        return paths;
    }
}
