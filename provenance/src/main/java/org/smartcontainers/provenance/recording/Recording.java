package org.smartcontainers.provenance.recording;

/**
 * What recording a call takes, each part with one job: who to name, the labels of used images,
 * where records go, who asked for the container calls whose events are recorded from Docker's stream
 * ({@link ProxiedCalls}). It owns none of them: whoever made them closes them.
 */
public record Recording(Attribution attribution, ImageLabels imageLabels, RecordKeeper keeper, ProxiedCalls calls) {
    /** Recording whose notes of container calls nobody reads (no stream of container events is followed). */
    public Recording(Attribution attribution, ImageLabels imageLabels, RecordKeeper keeper) {
        this(attribution, imageLabels, keeper, new ProxiedCalls());
    }
}
