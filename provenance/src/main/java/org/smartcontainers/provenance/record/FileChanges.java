package org.smartcontainers.provenance.record;

import java.util.List;

/**
 * What changed in a container's filesystem ({@code docker diff}), by kind: the paths in any order;
 * a record keeps the counts and the first {@link #PATHS_KEPT} paths of each kind in path order.
 */
public record FileChanges(List<String> added, List<String> modified, List<String> deleted) {
    public static final int PATHS_KEPT = 20;

    public FileChanges {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        deleted = List.copyOf(deleted);
    }

    static List<String> firstPaths(List<String> paths) {
        return paths.stream().sorted().limit(PATHS_KEPT).toList();
    }
}
