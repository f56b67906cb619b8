package org.smartcontainers.proxy.buildkit;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.TreeMap;
import org.smartcontainers.proxy.buildkit.proto.GatewayProto.ReturnRequest;
import org.smartcontainers.proxy.buildkit.proto.GatewayProto.Result;

/**
 * The request of BuildKit's {@code /moby.buildkit.v1.frontend.LLBBridge/Return}, with which a gateway
 * client (buildx) hands over its build's result: the exporter makes the image config from the
 * result's metadata ({@code containerimage.config}, or {@code containerimage.config/PLATFORM} per
 * platform). Read those configs, and put others in their place.
 */
public final class GatewayReturn {
    private static final String CONFIG_KEY = "containerimage.config";

    private GatewayReturn() {
    }

    /** The image configs of the result (JSON bytes as sent), by metadata key, in key order. */
    public static Map<String, byte[]> imageConfigs(byte[] message) {
        Map<String, byte[]> configs = new TreeMap<>();
        parse(message).getResult().getMetadataMap().forEach((key, value) -> {
            if (isImageConfig(key)) {
                configs.put(key, value.toByteArray());
            }
        });
        return configs;
    }

    /** The same message with these metadata entries set; every other field passes through unchanged. */
    public static byte[] withMetadata(byte[] message, Map<String, byte[]> put) {
        ReturnRequest request = parse(message);
        Result.Builder result = request.getResult().toBuilder();
        put.forEach((key, value) -> result.putMetadata(key, ByteString.copyFrom(value)));
        return request.toBuilder().setResult(result).build().toByteArray();
    }

    private static boolean isImageConfig(String key) {
        return key.equals(CONFIG_KEY) || key.startsWith(CONFIG_KEY + "/");
    }

    private static ReturnRequest parse(byte[] message) {
        return Messages.parse(ReturnRequest.parser(), message, "LLBBridge/Return request");
    }
}
