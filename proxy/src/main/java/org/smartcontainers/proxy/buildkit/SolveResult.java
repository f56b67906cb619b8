package org.smartcontainers.proxy.buildkit;

import java.util.Map;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.SolveResponse;

/** The answer to Control/Solve: what the exporters made. */
public final class SolveResult {
    private SolveResult() {
    }

    /**
     * In key order, e.g. {@code containerimage.config.digest} (the image ID in the classic image
     * store), {@code containerimage.digest}, {@code image.name}.
     */
    public static Map<String, String> exporterResponse(byte[] solveResponse) {
        SolveResponse response = Messages.parse(SolveResponse.parser(), solveResponse, "Control/Solve response");
        return Messages.sorted(response.getExporterResponseMap());
    }
}
