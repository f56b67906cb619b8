package org.smartcontainers.proxy.buildkit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.SolveRequest;

/**
 * The request of BuildKit's {@code /moby.buildkit.v1.Control/Solve}, which starts a build: read
 * it, and rewrite its frontend attributes (where {@code label:KEY} puts a label on the image).
 */
public final class ControlSolve {
    private ControlSolve() {
    }

    /** What a build asks for. Maps are in key order; absent strings are empty, as on the wire. */
    public record Request(String ref, String frontend, Map<String, String> frontendAttrs,
            List<Exporter> exporters, String session) {
    }

    /** Where the result goes: {@code moby} (an image in Docker), {@code image}, {@code local}, ... */
    public record Exporter(String type, Map<String, String> attrs) {
    }

    public static Request read(byte[] message) {
        SolveRequest request = parse(message);
        return new Request(request.getRef(), request.getFrontend(),
                Messages.sorted(request.getFrontendAttrsMap()), exporters(request), request.getSession());
    }

    /**
     * The same message with the frontend attributes in {@code remove} gone and those in
     * {@code put} set (a key in both ends with the value put). Every other field, including
     * those our declaration leaves out, passes through unchanged.
     */
    public static byte[] withFrontendAttrs(byte[] message, Map<String, String> put, Set<String> remove) {
        SolveRequest.Builder request = parse(message).toBuilder();
        Messages.change(put, remove, request::removeFrontendAttrs, request::putFrontendAttrs);
        return request.build().toByteArray();
    }

    /**
     * The exporters as BuildKit's controller sees them: the single deprecated exporter counts
     * only when the list is empty and it has a type ({@code translateLegacySolveRequest}).
     */
    private static List<Exporter> exporters(SolveRequest request) {
        if (request.getExportersCount() == 0 && !request.getExporterDeprecated().isEmpty()) {
            return List.of(new Exporter(request.getExporterDeprecated(),
                    Messages.sorted(request.getExporterAttrsDeprecatedMap())));
        }
        return request.getExportersList().stream()
                .map(exporter -> new Exporter(exporter.getType(), Messages.sorted(exporter.getAttrsMap())))
                .toList();
    }

    private static SolveRequest parse(byte[] message) {
        return Messages.parse(SolveRequest.parser(), message, "Control/Solve request");
    }
}
