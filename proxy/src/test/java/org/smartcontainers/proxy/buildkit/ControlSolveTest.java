package org.smartcontainers.proxy.buildkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Control/Solve requests as buildx and the docker 20.10 CLI send them, read and rewritten. */
class ControlSolveTest {
    private static final String LABEL = "label:smartcontainer";
    private static final String SESSION = "q8k2m3v0y7c1x4e9w5r6t2u8i";
    private static final String REF = "l2x7wz0s8m4bq1t6f9d3k5h0a";

    /** FrontendAttrs as buildx sends them for {@code docker buildx build --build-arg ... --label ...}. */
    static Map<String, String> buildxAttrs() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("build-arg:FOO", "bar");
        attrs.put("filename", "Dockerfile");
        attrs.put("label:team", "infra");
        attrs.put("platform", "linux/amd64");
        attrs.put("target", "app");
        return attrs;
    }

    /**
     * Everything buildx's request carries besides the attributes: fields we declare. Its
     * Frontend is "", which proto3 leaves off the wire.
     */
    private static Wire buildxRequest(Wire attrs) {
        return new Wire().string(1, REF).string(5, SESSION).raw(attrs.toByteArray())
                .message(13, new Wire().string(1, "moby").entry(2, "name", "example/app:1"));
    }

    /** A Definition (pb.Definition: def=1, metadata=2) with two LLB ops, opaque to us. */
    private static Wire definition() {
        return new Wire()
                .bytes(1, new Wire().message(2, new Wire().string(1, "docker-image://docker.io/library/busybox:latest"))
                        .toByteArray())
                .bytes(1, new Wire().message(1, new Wire().string(1, "sha256:" + "0f".repeat(32))).toByteArray())
                .message(2, new Wire().string(1, "sha256:" + "0f".repeat(32))
                        .message(2, new Wire().entry(2, "llb.customname", "[1/2] FROM busybox")));
    }

    /** A request carrying, in number order, every field our declaration leaves out. */
    private static byte[] requestWithUndeclaredFields(Wire attrs) {
        return new Wire().string(1, REF)
                .message(2, definition())
                .string(5, SESSION).string(6, "dockerfile.v0").raw(attrs.toByteArray())
                .message(8, new Wire()) // Cache: present and empty, as buildx sends it
                .string(9, "network.host").string(9, "security.insecure")
                .message(10, new Wire().string(1, "context").message(2, definition()))
                .varint(11, 1)
                .message(12, new Wire().varint(1, 1).message(2, new Wire().varint(1, 2)
                        .message(2, new Wire().string(1, "docker-image://docker.io/library/busybox:latest"))))
                .message(13, new Wire().string(1, "moby").entry(2, "name", "example/app:1"))
                .varint(14, 1).string(15, "p9s8o7l6i5c4y3").varint(16, 2).varint(17, 1)
                .toByteArray();
    }

    @Test
    void readsWhatBuildxSends() {
        ControlSolve.Request request = read(
                buildxRequest(new Wire().entries(7, buildxAttrs())).toByteArray());
        assertEquals(REF, request.ref());
        assertEquals("", request.frontend());
        assertEquals(buildxAttrs(), request.frontendAttrs());
        assertEquals(List.of("build-arg:FOO", "filename", "label:team", "platform", "target"),
                List.copyOf(request.frontendAttrs().keySet()));
        assertEquals(List.of(new ControlSolve.Exporter("moby", Map.of("name", "example/app:1"))), request.exporters());
        assertEquals(SESSION, request.session());
    }

    @Test
    void aRewriteChangesTheAttributesAndKeepsEveryOtherFieldByteForByte() {
        Map<String, String> clientAttrs = buildxAttrs();
        clientAttrs.put(LABEL, "{\"@context\":\"forged\"}");
        byte[] original = requestWithUndeclaredFields(new Wire().entries(7, clientAttrs));

        byte[] rewritten = rewrite(original, LABEL, "ours");

        Map<Integer, List<ByteString>> before = Wire.fields(original);
        Map<Integer, List<ByteString>> after = Wire.fields(rewritten);
        before.remove(7);
        after.remove(7);
        assertEquals(List.of(1, 2, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), List.copyOf(after.keySet()));
        assertEquals(before, after);
        Map<String, String> expected = buildxAttrs();
        expected.put(LABEL, "ours");
        assertEquals(expected, read(rewritten).frontendAttrs());
        assertEquals("dockerfile.v0", read(rewritten).frontend());
    }

    @Test
    void theUndeclaredFieldsAreThereInTheRewrittenBytes() {
        byte[] original = requestWithUndeclaredFields(new Wire().entries(7, buildxAttrs()));
        byte[] rewritten = rewrite(original, LABEL, "ours");
        for (int undeclared : List.of(2, 8, 9, 10, 11, 12, 14, 15, 16, 17)) {
            for (ByteString field : Wire.fields(original).get(undeclared)) {
                assertTrue(indexOf(rewritten, field.toByteArray()) >= 0, "field " + undeclared + " survives");
            }
        }
    }

    @Test
    void inPlaceTheRequestIsReadAsFromBytesAndOurAttributeAppendedWinsOverTheClientsWithNothingElseChanged() {
        Wire attrs = new Wire().entry(7, LABEL, "first").entries(7, buildxAttrs()).entry(7, LABEL, "second");
        byte[] original = requestWithUndeclaredFields(attrs);
        ByteBuf held = Unpooled.wrappedBuffer(original);
        Map<String, String> clientAttrs = buildxAttrs();
        clientAttrs.put(LABEL, "second");
        assertEquals(new ControlSolve.Request(REF, "dockerfile.v0", clientAttrs,
                List.of(new ControlSolve.Exporter("moby", Map.of("name", "example/app:1"))), SESSION),
                ControlSolve.read(held), "read as Go reads it: the last entry for a key counts");

        ByteBuf rewritten = ControlSolve.withFrontendAttr(held, LABEL, "ours");
        byte[] sent = ByteBufUtil.getBytes(rewritten);

        assertArrayEquals(original, Arrays.copyOf(sent, original.length), "the request goes on as it came, then our entry");
        Map<String, String> expected = new LinkedHashMap<>(read(original).frontendAttrs());
        expected.put(LABEL, "ours");
        assertEquals(expected, read(sent).frontendAttrs(), "the last entry for a key counts, as in Go");
        assertEquals(Map.entry(LABEL, "ours"), Wire.entries(sent, 7).get(Wire.entries(sent, 7).size() - 1));
        Map<Integer, List<ByteString>> before = Wire.fields(original);
        Map<Integer, List<ByteString>> after = Wire.fields(sent);
        after.get(7).remove(after.get(7).size() - 1);
        assertEquals(before, after, "every other field, declared or not, is the same");
        rewritten.release();
        assertEquals(1, held.refCnt(), "the rewrite held the message once and let it go with itself");
    }

    @Test
    void aLargeRequestIsNeitherCopiedNorReadWhole() {
        byte[] definition = new byte[8 << 20];
        ByteBuf held = Unpooled.wrappedBuffer(new Wire().string(1, REF).bytes(2, definition).string(6, "dockerfile.v0")
                .entry(7, "filename", "Dockerfile").message(13, new Wire().string(1, "moby")).toByteArray());
        assertEquals(REF, ControlSolve.read(held).ref());
        ByteBuf rewritten = ControlSolve.withFrontendAttr(held, LABEL, "ours");
        held.setByte(100, 42); // inside the definition: the rewrite shares the message's memory
        assertEquals(42, rewritten.getByte(100));
        assertEquals("ours", ControlSolve.read(rewritten).frontendAttrs().get(LABEL));
        rewritten.release();
    }

    @Test
    void fieldsReadOfMoreThanFourMiBAreRefusedBeforeTheyAreReadButAnUndeclaredDefinitionIsNot() {
        String big = "v".repeat((4 << 20) - 100);
        ByteBuf over = Unpooled.wrappedBuffer(new Wire().string(1, REF).entry(7, "label:a", big)
                .entry(7, "label:b", "x".repeat(200)).toByteArray());
        InvalidMessageException.TooLarge refused = assertThrows(InvalidMessageException.TooLarge.class,
                () -> ControlSolve.read(over));
        assertTrue(refused.getMessage().contains("more than it reads (4 MiB)"), refused.getMessage());

        ByteBuf under = Unpooled.wrappedBuffer(new Wire().string(1, REF).bytes(2, new byte[16 << 20])
                .entry(7, "label:a", big).toByteArray());
        assertEquals(big, ControlSolve.read(under).frontendAttrs().get("label:a"), "the 16 MiB definition is not counted");
    }

    @Test
    void ourEntryWinsOverAnyNumberOfTheClientsForItsKeyWhichGoOnAsTheyCame() {
        for (int clientEntries = 0; clientEntries <= 3; clientEntries++) {
            Wire attrs = new Wire();
            for (int i = 0; i < clientEntries; i++) {
                attrs.entry(7, LABEL, "client " + i).entries(7, Map.of("label:n" + i, "v" + i));
            }
            byte[] original = requestWithUndeclaredFields(attrs);

            byte[] sent = rewrite(original, LABEL, "ours");

            assertArrayEquals(original, Arrays.copyOf(sent, original.length), clientEntries + " client entries");
            assertEquals("ours", read(sent).frontendAttrs().get(LABEL), clientEntries + " client entries");
            assertEquals(read(original).frontendAttrs().size() + (clientEntries == 0 ? 1 : 0),
                    read(sent).frontendAttrs().size(), "no other attribute is added or lost");
            List<Map.Entry<String, String>> labels = Wire.entries(sent, 7).stream()
                    .filter(entry -> entry.getKey().equals(LABEL)).toList();
            assertEquals(clientEntries + 1, labels.size(), "the client's entries are still sent, before ours");
            assertEquals(Map.entry(LABEL, "ours"), labels.get(clientEntries));
        }
    }

    @Test
    void theDeprecatedExporterCountsWhenTheListIsEmpty() {
        // The docker 20.10 CLI without buildx: the Dockerfile frontend, one deprecated exporter.
        byte[] request = new Wire().string(1, REF).string(3, "moby").entry(4, "name", "example/app:1")
                .string(5, SESSION).string(6, "dockerfile.v0").entries(7, Map.of("filename", "Dockerfile"))
                .toByteArray();
        ControlSolve.Request read = read(request);
        assertEquals(List.of(new ControlSolve.Exporter("moby", Map.of("name", "example/app:1"))), read.exporters());
        assertEquals("dockerfile.v0", read.frontend());
        assertEquals(Map.of("filename", "Dockerfile"), read.frontendAttrs());
    }

    @Test
    void theDeprecatedExporterIsPassedOverAsBuildKitDoes() {
        // BuildKit's translateLegacySolveRequest: only with no exporters and a type.
        byte[] both = new Wire().string(3, "moby").entry(4, "name", "old")
                .message(13, new Wire().string(1, "image").entry(2, "name", "new")).toByteArray();
        assertEquals(List.of(new ControlSolve.Exporter("image", Map.of("name", "new"))),
                read(both).exporters());
        byte[] attrsWithoutType = new Wire().entry(4, "name", "old").toByteArray();
        assertEquals(List.of(), read(attrsWithoutType).exporters());
    }

    @Test
    void twoExportersAreBothRead() {
        byte[] request = new Wire().message(13, new Wire().string(1, "moby").entry(2, "name", "a:1"))
                .message(13, new Wire().string(1, "local").entry(2, "dest", "/tmp/out")).toByteArray();
        assertEquals(List.of(new ControlSolve.Exporter("moby", Map.of("name", "a:1")),
                new ControlSolve.Exporter("local", Map.of("dest", "/tmp/out"))), read(request).exporters());
    }

    @Test
    void malformedBytesAreRefusedWithOneException() {
        byte[] whole = requestWithUndeclaredFields(new Wire().entries(7, buildxAttrs()));
        byte[] truncated = Arrays.copyOf(whole, 20); // inside the ref
        ByteBuf held = Unpooled.wrappedBuffer(truncated);
        assertThrows(InvalidMessageException.class, () -> ControlSolve.read(held));
        assertEquals(1, held.refCnt(), "a refused request is not held");
        assertThrows(InvalidMessageException.class,
                () -> read("{\"not\":\"protobuf\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAttributeThatIsNotUtf8IsRefused() {
        // proto3 strings are UTF-8; protobuf-java insists (BuildKit's Go decoder would not).
        byte[] request = new Wire().message(7, new Wire().bytes(1, new byte[] {'l', (byte) 0xff}).string(2, "x"))
                .toByteArray();
        assertThrows(InvalidMessageException.class, () -> read(request));
    }

    /** As the proxy reads a held request: in place. */
    private static ControlSolve.Request read(byte[] message) {
        return ControlSolve.read(Unpooled.wrappedBuffer(message));
    }

    /** As the proxy labels a held request: read in place, then our attribute appended; the bytes it sends on. */
    private static byte[] rewrite(byte[] message, String key, String value) {
        ByteBuf held = Unpooled.wrappedBuffer(message);
        ControlSolve.read(held);
        ByteBuf rewritten = ControlSolve.withFrontendAttr(held, key, value);
        try {
            return ByteBufUtil.getBytes(rewritten);
        } finally {
            rewritten.release();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
