package org.smartcontainers.proxy.buildkit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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

    /** A copy in key order, so what is recorded does not depend on the order on the wire. */
    static SortedMap<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /**
     * Removes, then puts: a key in both ends with the value put. Decoding kept one entry per key
     * (the last, as Go's decoder does) and encoding writes each key once, so a client's second
     * entry for a key cannot outlive ours.
     */
    static void change(Map<String, String> put, Set<String> remove,
            Consumer<String> remover, BiConsumer<String, String> putter) {
        remove.forEach(remover);
        put.forEach(putter);
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
