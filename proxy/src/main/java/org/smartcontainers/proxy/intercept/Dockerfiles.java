package org.smartcontainers.proxy.intercept;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a Dockerfile says about where an image comes from: its {@code FROM} images. */
final class Dockerfiles {
    private Dockerfiles() {
    }

    /**
     * The images named by {@code FROM}, in order, without the build's own stages
     * ({@code FROM base AS build} ... {@code FROM build}) and without {@code scratch}.
     */
    static List<String> baseImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (String logical : joinContinuations(dockerfile)) {
            String[] words = logical.trim().split("\\s+");
            if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int at = 1;
            while (at < words.length && words[at].startsWith("--")) {
                at++; // --platform=...
            }
            if (at >= words.length) {
                continue;
            }
            String image = words[at];
            String lower = image.toLowerCase(Locale.ROOT);
            if (!stages.contains(lower) && !lower.equals("scratch") && !images.contains(image)) {
                images.add(image);
            }
            if (at + 2 < words.length && words[at + 1].equalsIgnoreCase("AS")) {
                stages.add(words[at + 2].toLowerCase(Locale.ROOT));
            }
        }
        return images;
    }

    private static List<String> joinContinuations(String dockerfile) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.split("\\R")) {
            String line = raw.stripTrailing();
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                lines.add(current.append(line).toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }
}
