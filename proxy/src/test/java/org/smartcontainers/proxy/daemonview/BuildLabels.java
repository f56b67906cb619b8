package org.smartcontainers.proxy.daemonview;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels Docker 26 puts on what {@code POST /build} makes from its parameters
 * ({@code newImageBuildOptions}): {@code r.FormValue("labels")}, when not empty, unmarshalled into a
 * {@code map[string]string} (an error answers 400). They go over the Dockerfile's own LABELs.
 */
public final class BuildLabels {
    private BuildLabels() {
    }

    /** The labels, as {@link ContainerConfigLabels} gives a body's: a map (null for none) or why the build is refused. */
    public static ContainerConfigLabels.Reading read(GoHttpRequest request) {
        String labels = GoForm.value(request, "labels");
        if (labels.isEmpty()) {
            return new ContainerConfigLabels.Labels(null);
        }
        GoJsonValue value;
        try {
            value = GoJsonReader.whole(GoUtf8.bytes(labels));
        } catch (GoJsonReader.SyntaxError e) {
            return new ContainerConfigLabels.Refused("error reading labels: " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof GoJsonValue.Null) {
            return new ContainerConfigLabels.Labels(map);
        }
        if (!(value instanceof GoJsonValue.Obj object)) {
            return new ContainerConfigLabels.Refused("error reading labels: not an object");
        }
        for (Map.Entry<String, GoJsonValue> label : object.members()) {
            if (label.getValue() instanceof GoJsonValue.Str text) {
                map.put(label.getKey(), text.value());
            } else if (label.getValue() instanceof GoJsonValue.Null) {
                map.put(label.getKey(), "");
            } else {
                return new ContainerConfigLabels.Refused("error reading labels: " + label.getKey() + " is not a string");
            }
        }
        return new ContainerConfigLabels.Labels(map);
    }
}
