package org.smartcontainers.proxy.buildkit;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Protobuf messages written field by field, as BuildKit's Go code sends them (fields in number
 * order), with no declaration of ours in the way: how tests put undeclared fields in a message.
 */
final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CodedOutputStream coded = CodedOutputStream.newInstance(out);

    Wire string(int field, String value) {
        return write(() -> coded.writeString(field, value));
    }

    Wire bytes(int field, byte[] value) {
        return write(() -> coded.writeByteArray(field, value));
    }

    Wire varint(int field, long value) {
        return write(() -> coded.writeUInt64(field, value));
    }

    Wire message(int field, Wire message) {
        return bytes(field, message.toByteArray());
    }

    /** One entry of a {@code map<string, string>}. */
    Wire entry(int field, String key, String value) {
        return message(field, new Wire().string(1, key).string(2, value));
    }

    Wire entries(int field, Map<String, String> map) {
        map.forEach((key, value) -> entry(field, key, value));
        return this;
    }

    /** A google.protobuf.Timestamp. */
    Wire timestamp(int field, long seconds, int nanos) {
        return message(field, new Wire().varint(1, seconds).varint(2, nanos));
    }

    Wire raw(byte[] bytes) {
        return write(() -> coded.writeRawBytes(bytes));
    }

    byte[] toByteArray() {
        write(coded::flush);
        return out.toByteArray();
    }

    /**
     * A message's top-level fields, each as it is encoded (tag and value), by field number, in
     * the order they come for each number.
     */
    static Map<Integer, List<ByteString>> fields(byte[] message) {
        Map<Integer, List<ByteString>> fields = new TreeMap<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            while (true) {
                int start = in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    return fields;
                }
                in.skipField(tag);
                fields.computeIfAbsent(tag >>> 3, number -> new ArrayList<>())
                        .add(ByteString.copyFrom(message, start, in.getTotalBytesRead() - start));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of a {@code map<string, string>} field, in wire order, duplicates kept. */
    static List<Map.Entry<String, String>> entries(byte[] message, int field) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (ByteString encoded : fields(message).getOrDefault(field, List.of())) {
            try {
                CodedInputStream in = encoded.newCodedInput();
                in.readTag();
                Map<Integer, String> entry = new LinkedHashMap<>(Map.of(1, "", 2, ""));
                CodedInputStream fields = CodedInputStream.newInstance(in.readByteArray());
                for (int tag = fields.readTag(); tag != 0; tag = fields.readTag()) {
                    entry.put(tag >>> 3, fields.readString());
                }
                entries.add(Map.entry(entry.get(1), entry.get(2)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private interface Write {
        void run() throws IOException;
    }

    private Wire write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
