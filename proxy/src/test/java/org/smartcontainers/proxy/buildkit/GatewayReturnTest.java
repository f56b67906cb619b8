package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LLBBridge/Return requests as buildx hands its build's result back: the image configs read and replaced. */
class GatewayReturnTest {
    /** Result: ref=3, metadata=10 (the configs and another key), attestations=12; then error=2 of the request. */
    private static byte[] buildxReturn() {
        Wire result = new Wire()
                .message(3, new Wire().string(1, "ref-id"))
                .entry(10, "containerimage.config", "{\"config\":{\"Labels\":{\"a\":\"b\"}}}")
                .entry(10, "containerimage.config/linux/arm64", "{\"config\":{}}")
                .entry(10, "containerimage.config.digest", "not a config")
                .entry(10, "frontend.caps", "moby.buildkit.frontend.contexts")
                .message(12, new Wire().string(1, "linux/amd64"));
        return new Wire().message(1, result).message(2, new Wire().varint(1, 0)).toByteArray();
    }

    @Test
    void readsTheImageConfigsOfEachPlatformAndNothingElse() {
        Map<String, byte[]> configs = GatewayReturn.imageConfigs(buildxReturn());
        assertEquals(List.of("containerimage.config", "containerimage.config/linux/arm64"), List.copyOf(configs.keySet()));
        assertEquals("{\"config\":{}}", new String(configs.get("containerimage.config/linux/arm64"), StandardCharsets.UTF_8));
    }

    @Test
    void replacingTheConfigsKeepsEveryOtherFieldByteForByte() {
        byte[] original = buildxReturn();
        byte[] rewritten = GatewayReturn.withMetadata(original, Map.of("containerimage.config", "{}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(Wire.fields(original).get(2), Wire.fields(rewritten).get(2), "the request's other field");
        byte[] resultBefore = embedded(Wire.fields(original).get(1).get(0));
        byte[] resultAfter = embedded(Wire.fields(rewritten).get(1).get(0));
        Map<Integer, List<ByteString>> before = Wire.fields(resultBefore);
        Map<Integer, List<ByteString>> after = Wire.fields(resultAfter);
        assertEquals(before.get(3), after.get(3), "the ref");
        assertEquals(before.get(12), after.get(12), "the attestations");
        Map<String, String> metadata = Map.ofEntries(Wire.entries(resultAfter, 10).toArray(Map.Entry[]::new));
        assertEquals(Map.of("containerimage.config", "{}", "containerimage.config/linux/arm64", "{\"config\":{}}",
                "containerimage.config.digest", "not a config", "frontend.caps", "moby.buildkit.frontend.contexts"), metadata);
    }

    /** The message inside an encoded message field (its tag and length taken off). */
    private static byte[] embedded(ByteString field) {
        try {
            CodedInputStream in = field.newCodedInput();
            in.readTag();
            return in.readByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aMessageThatIsNotAReturnRequestIsRefused() {
        assertThrows(InvalidMessageException.class, () -> GatewayReturn.imageConfigs(new byte[] {(byte) 0x0a, 0x05, 1}));
    }
}
