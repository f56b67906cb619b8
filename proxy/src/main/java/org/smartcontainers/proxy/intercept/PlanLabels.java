package org.smartcontainers.proxy.intercept;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartcontainers.provenance.record.Agents;

/**
 * The labels of plans already made, by what makes the plan: who, the frontend's attributes and the
 * image's names. A build's label is a function of those alone, so an identical rebuild (the case
 * where speed matters: everything else is cached) gets its label without building the plan on the
 * event loop; its record is built off it, and says the same.
 */
final class PlanLabels {
    private static final int MAX_ENTRIES = 256;

    record Inputs(Agents agents, Map<String, String> frontendAttributes, List<String> tags) {
    }

    private final Map<Inputs, String> labels = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Inputs, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized String known(Inputs inputs) {
        return labels.get(inputs);
    }

    synchronized void remember(Inputs inputs, String label) {
        labels.put(inputs, label);
    }
}
