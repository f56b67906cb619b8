package org.smartcontainers.proxy.buildkit;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
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

    /** The request, read in place; the build's definition and every other undeclared field are skipped, not copied. */
    public static Request read(ByteBuf message) {
        return request(Messages.parseDeclared(SolveRequest.getDefaultInstance(), message, "Control/Solve request"));
    }

    private static Request request(SolveRequest request) {
        return new Request(request.getRef(), request.getFrontend(),
                Messages.sorted(request.getFrontendAttrsMap()), exporters(request), request.getSession());
    }

    /**
     * {@code message} (read by {@link #read(ByteBuf)}, so known to be a request) with the frontend attribute
     * {@code key} set to {@code value}, over any the client gave: one entry appended, the rest as it came. A
     * request of tens of MiB is never copied (the held message was, three times, on a heap of 128 MiB).
     */
    public static ByteBuf withFrontendAttr(ByteBuf message, String key, String value) {
        return Messages.withMapEntryAppended(message, SolveRequest.FRONTEND_ATTRS_FIELD_NUMBER, key, value);
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
}
