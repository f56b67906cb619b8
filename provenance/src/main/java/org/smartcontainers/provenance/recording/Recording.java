package org.smartcontainers.provenance.recording;

/**
 * What recording a call takes, each part with one job: who to name, the labels of used images,
 * where records go. It owns none of them: whoever made them closes them.
 */
public record Recording(Attribution attribution, ImageLabels imageLabels, RecordKeeper keeper) {
}
