package org.smartcontainers.proxy.intercept;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartcontainers.provenance.record.Agents;

/**
 * The labels of plans already made, by what makes the plan: who, the frontend's attributes and the
 * image's names. A build's label is a function of those alone, so an identical rebuild (the case
 * where speed matters: everything else is cached) gets its label without building the plan on the
 * event loop; its record is built off it, and says the same. The same for the travelling label a
 * gateway build's result gets: a function of its plan's label and what it read.
 */
final class PlanLabels {
    private static final int MAX_ENTRIES = 256;

    record Inputs(Agents agents, Map<String, String> frontendAttributes, List<String> tags) {
    }

    /** What makes a travelling label: the plan's label, the Dockerfile's digest (or null), the bases' references and IDs. */
    record Read(String planLabel, String dockerfileSha256, List<String> references, List<String> baseIds) {
    }

    private final Map<Inputs, String> labels = recent();
    private final Map<Read, String> travelling = recent();

    private static <K> Map<K, String> recent() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, String> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    synchronized String known(Inputs inputs) {
        return labels.get(inputs);
    }

    synchronized void remember(Inputs inputs, String label) {
        labels.put(inputs, label);
    }

    synchronized String known(Read read) {
        return travelling.get(read);
    }

    synchronized void remember(Read read, String label) {
        travelling.put(read, label);
    }
}
