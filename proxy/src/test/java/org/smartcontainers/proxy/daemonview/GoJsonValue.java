package org.smartcontainers.proxy.daemonview;

import java.util.List;
import java.util.Map;

/** A JSON value as Go's scanner accepts it; an object keeps every member, duplicates too, in order. */
public sealed interface GoJsonValue {
    record Obj(List<Map.Entry<String, GoJsonValue>> members) implements GoJsonValue {
    }

    record Arr(List<GoJsonValue> items) implements GoJsonValue {
    }

    record Str(String value) implements GoJsonValue {
    }

    /** A number as written: Go decodes it only into the field's type. */
    record Num(String literal) implements GoJsonValue {
    }

    record Bool(boolean value) implements GoJsonValue {
    }

    record Null() implements GoJsonValue {
    }
}
