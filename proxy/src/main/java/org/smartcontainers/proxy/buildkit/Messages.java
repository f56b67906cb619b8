package org.smartcontainers.proxy.buildkit;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.Timestamp;

/** What the message classes share: decoding with one exception, maps as callers get them. */
final class Messages {
    private Messages() {
    }

    static <T> T parse(Parser<T> parser, byte[] message, String what) {
        try {
            return parser.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidMessageException("not a BuildKit " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The most bytes the declared fields of a message read in place may hold: they become strings on the
     * daemon's heap and parts of a record (a build's attributes and exporters are a few KiB).
     */
    static final int MAX_DECLARED_BYTES = 4 << 20;

    /**
     * The declared fields of {@code message}, read in place: what it carries undeclared (a build's
     * definition, which may be tens of MiB) is skipped, never copied onto the heap; {@link InvalidMessageException.TooLarge}
     * when the declared ones hold more than {@link #MAX_DECLARED_BYTES}, found before any is read.
     */
    static <T extends Message> T parseDeclared(T type, ByteBuf message, String what) {
        long declared = declaredBytes(type, message, what);
        if (declared > MAX_DECLARED_BYTES) {
            throw new InvalidMessageException.TooLarge("a BuildKit " + what + " whose fields SmartContainers reads hold "
                    + declared + " bytes, more than it reads (" + (MAX_DECLARED_BYTES >> 20) + " MiB)");
        }
        @SuppressWarnings("unchecked")
        Parser<T> parser = (Parser<T>) type.getParserForType();
        try (ByteBufInputStream in = new ByteBufInputStream(message.duplicate())) {
            return DiscardUnknownFieldsParser.wrap(parser).parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidMessageException("not a BuildKit " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidMessageException("not a BuildKit " + what + ": " + e, e);
        }
    }

    /** The bytes of the top-level fields of {@code message} that {@code type} declares, counted without reading them. */
    private static long declaredBytes(Message type, ByteBuf message, String what) {
        long declared = 0;
        try (ByteBufInputStream in = new ByteBufInputStream(message.duplicate())) {
            CodedInputStream fields = CodedInputStream.newInstance(in);
            for (int tag; (tag = fields.readTag()) != 0; ) {
                boolean known = type.getDescriptorForType().findFieldByNumber(WireFormat.getTagFieldNumber(tag)) != null;
                if (known && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int length = fields.readRawVarint32();
                    declared += length;
                    fields.skipRawBytes(length);
                } else if (!fields.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new InvalidMessageException("not a BuildKit " + what + ": " + e.getMessage(), e);
        }
        return declared;
    }

    /**
     * {@code message} with one more entry of the {@code map<string, string>} field {@code fieldNumber} after all
     * it has: the bytes as they came, then the entry. Go's decoder (and ours) keeps a map's last entry for a
     * key, so the entry wins over any the sender gave, and nothing of the message is copied or re-encoded.
     * The result holds a reference of its own to {@code message}.
     */
    static ByteBuf withMapEntryAppended(ByteBuf message, int fieldNumber, String key, String value) {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(entry);
            int size = CodedOutputStream.computeStringSize(1, key) + CodedOutputStream.computeStringSize(2, value);
            out.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(size);
            out.writeString(1, key);
            out.writeString(2, value);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return Unpooled.wrappedBuffer(message.retainedDuplicate(), Unpooled.wrappedBuffer(entry.toByteArray()));
    }

    /** A copy in key order, so what is recorded does not depend on the order on the wire. */
    static SortedMap<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** A google.protobuf.Timestamp, or null when the field is absent. */
    static Instant instant(boolean present, Timestamp timestamp) {
        if (!present) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidMessageException("timestamp out of range: " + timestamp.getSeconds() + "s", e);
        }
    }
}
