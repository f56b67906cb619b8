package org.smartcontainers.proxy.daemonview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels Docker 26 gives what a create or commit body makes: {@code runconfig.decodeContainerConfig}
 * decodes the body's first JSON value into {@code ContainerConfigWrapper}, whose embedded
 * {@code Config} has {@code Labels map[string]string}.
 */
public final class ContainerConfigLabels {
    private ContainerConfigLabels() {
    }

    /** The body as Docker reads it: its labels (null for none), or why it answers 400 instead. */
    public sealed interface Reading {
    }

    public record Refused(String why) implements Reading {
    }

    public record Labels(Map<String, String> labels) implements Reading {
    }

    public static Reading read(byte[] body) {
        Optional<GoJsonValue> value;
        try {
            value = GoJsonReader.first(body);
        } catch (GoJsonReader.SyntaxError e) {
            return new Refused("not JSON to Go: " + e.getMessage());
        }
        if (value.isEmpty() || value.get() instanceof GoJsonValue.Null) {
            return new Labels(null);
        }
        if (!(value.get() instanceof GoJsonValue.Obj config)) {
            return new Refused("not an object: " + value.get());
        }
        Map<String, String> labels = null;
        for (Map.Entry<String, GoJsonValue> member : config.members()) {
            if (!GoFieldNames.matches(member.getKey(), "Labels")) {
                continue; // other fields' types are not checked: the daemon may refuse more than this says
            }
            GoJsonValue given = member.getValue();
            if (given instanceof GoJsonValue.Null) {
                labels = null; // decoding null into a map sets it to nil
            } else if (given instanceof GoJsonValue.Obj map) {
                if (labels == null) {
                    labels = new LinkedHashMap<>(); // a map already there is decoded into, not replaced
                }
                for (Map.Entry<String, GoJsonValue> label : map.members()) {
                    if (label.getValue() instanceof GoJsonValue.Str text) {
                        labels.put(label.getKey(), text.value());
                    } else if (label.getValue() instanceof GoJsonValue.Null) {
                        labels.put(label.getKey(), "");
                    } else {
                        return new Refused("label " + label.getKey() + " is not a string");
                    }
                }
            } else {
                return new Refused("Labels is not an object");
            }
        }
        return new Labels(labels);
    }
}
