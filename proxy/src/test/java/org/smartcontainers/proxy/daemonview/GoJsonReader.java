package org.smartcontainers.proxy.daemonview;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON read as Go's encoding/json reads it: its scanner's grammar and nesting limit (10,000), and
 * {@code unquote}'s strings (invalid UTF-8 and lone surrogates become U+FFFD, byte by byte as
 * {@code utf8.DecodeRune} steps). Iterative, so deep nesting needs no deep Java stack.
 */
public final class GoJsonReader {
    /** Go's scanner refuses to nest deeper. */
    static final int MAX_NESTING = 10_000;

    /** What Go's decoder refuses as a syntax error. */
    public static final class SyntaxError extends Exception {
        SyntaxError(String message, int offset) {
            super(message + " at byte " + offset);
        }
    }

    private final byte[] in;
    private int at;

    private GoJsonReader(byte[] in) {
        this.in = in;
    }

    /** {@code json.Decoder.Decode}: the first value; what follows it is not read. Empty for no value at all (io.EOF). */
    public static Optional<GoJsonValue> first(byte[] bytes) throws SyntaxError {
        GoJsonReader reader = new GoJsonReader(bytes);
        reader.skipSpace();
        return reader.at == bytes.length ? Optional.empty() : Optional.of(reader.value());
    }

    /** {@code json.Unmarshal}: one value and nothing but white space around it. */
    public static GoJsonValue whole(byte[] bytes) throws SyntaxError {
        GoJsonReader reader = new GoJsonReader(bytes);
        reader.skipSpace();
        GoJsonValue value = reader.value();
        reader.skipSpace();
        if (reader.at != bytes.length) {
            throw new SyntaxError("invalid character after top-level value", reader.at);
        }
        return value;
    }

    /** An open object or array, filled as its members are read. */
    private static final class Open {
        final List<Map.Entry<String, GoJsonValue>> members;
        final List<GoJsonValue> items;
        String key;

        Open(boolean object) {
            members = object ? new ArrayList<>() : null;
            items = object ? null : new ArrayList<>();
        }

        void add(GoJsonValue value) {
            if (members != null) {
                members.add(Map.entry(key, value));
            } else {
                items.add(value);
            }
        }

        GoJsonValue close() {
            return members != null ? new GoJsonValue.Obj(members) : new GoJsonValue.Arr(items);
        }
    }

    private GoJsonValue value() throws SyntaxError {
        Deque<Open> open = new ArrayDeque<>();
        while (true) {
            skipSpace();
            GoJsonValue done;
            char c = peek();
            if (c == '{' || c == '[') {
                at++;
                if (open.size() == MAX_NESTING) {
                    throw new SyntaxError("exceeded max depth", at);
                }
                Open container = new Open(c == '{');
                open.push(container);
                skipSpace();
                if (peek() == (c == '{' ? '}' : ']')) {
                    at++;
                    open.pop();
                    done = container.close();
                } else {
                    if (c == '{') {
                        container.key = key();
                    }
                    continue;
                }
            } else {
                done = scalar(c);
            }
            // A value is complete: it goes into its container, which then goes on or closes.
            while (true) {
                if (open.isEmpty()) {
                    return done;
                }
                Open container = open.peek();
                container.add(done);
                skipSpace();
                char next = peek();
                if (next == ',') {
                    at++;
                    if (container.members != null) {
                        skipSpace();
                        container.key = key();
                    }
                    break;
                }
                if (next != (container.members != null ? '}' : ']')) {
                    throw new SyntaxError("invalid character '" + next + "' after a value", at);
                }
                at++;
                open.pop();
                done = container.close();
            }
        }
    }

    /** A member's name and its colon. */
    private String key() throws SyntaxError {
        if (peek() != '"') {
            throw new SyntaxError("looking for beginning of object key string", at);
        }
        String key = string();
        skipSpace();
        if (peek() != ':') {
            throw new SyntaxError("after object key", at);
        }
        at++;
        return key;
    }

    private GoJsonValue scalar(char c) throws SyntaxError {
        if (c == '"') {
            return new GoJsonValue.Str(string());
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return new GoJsonValue.Num(number());
        }
        for (String literal : new String[] {"true", "false", "null"}) {
            if (startsWith(literal)) {
                at += literal.length();
                return literal.equals("null") ? new GoJsonValue.Null() : new GoJsonValue.Bool(literal.equals("true"));
            }
        }
        throw new SyntaxError("looking for beginning of value", at);
    }

    private String number() throws SyntaxError {
        int start = at;
        if (peekByte() == '-') {
            at++;
        }
        if (peekByte() == '0') {
            at++;
        } else if (digit()) {
            while (digit()) {
                at++;
            }
        } else {
            throw new SyntaxError("in numeric literal", at);
        }
        if (peekByte() == '.') {
            at++;
            if (!digit()) {
                throw new SyntaxError("after decimal point in numeric literal", at);
            }
            while (digit()) {
                at++;
            }
        }
        if (peekByte() == 'e' || peekByte() == 'E') {
            at++;
            if (peekByte() == '+' || peekByte() == '-') {
                at++;
            }
            if (!digit()) {
                throw new SyntaxError("in exponent of numeric literal", at);
            }
            while (digit()) {
                at++;
            }
        }
        return new String(in, start, at - start, StandardCharsets.ISO_8859_1);
    }

    private boolean digit() {
        int b = peekByte();
        return b >= '0' && b <= '9';
    }

    /** A string, the scanner's rules then {@code unquote}'s decoding. */
    private String string() throws SyntaxError {
        at++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= in.length) {
                throw new SyntaxError("unexpected end of JSON input", at);
            }
            int b = in[at] & 0xff;
            if (b == '"') {
                at++;
                return out.toString();
            }
            if (b < 0x20) {
                throw new SyntaxError("invalid character in string literal", at);
            }
            if (b == '\\') {
                escape(out);
            } else if (b < 0x80) {
                out.append((char) b);
                at++;
            } else {
                int[] rune = GoUtf8.decodeRune(in, at);
                out.appendCodePoint(rune[0]);
                at += rune[1];
            }
        }
    }

    private void escape(StringBuilder out) throws SyntaxError {
        char c = at + 1 < in.length ? (char) (in[at + 1] & 0xff) : 0;
        int simple = "\"\\/bfnrt".indexOf(c);
        if (simple >= 0) {
            out.append("\"\\/\b\f\n\r\t".charAt(simple));
            at += 2;
            return;
        }
        if (c != 'u') {
            throw new SyntaxError("in string escape code", at);
        }
        int unit = u4(at);
        if (unit < 0) {
            throw new SyntaxError("in \\u hexadecimal character escape", at);
        }
        at += 6;
        if (unit >= 0xD800 && unit <= 0xDFFF) {
            int low = u4(at);
            if (unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
                out.appendCodePoint(Character.toCodePoint((char) unit, (char) low));
                at += 6;
            } else {
                out.append('\uFFFD'); // the next escape, if any, is read on its own
            }
            return;
        }
        out.append((char) unit);
    }

    /** {@code getu4}: the value of {@code \}{@code uXXXX} at {@code offset}, or -1. */
    private int u4(int offset) {
        if (offset + 6 > in.length || in[offset] != '\\' || in[offset + 1] != 'u') {
            return -1;
        }
        int value = 0;
        for (int i = offset + 2; i < offset + 6; i++) {
            int digit = Character.digit(in[i] & 0xff, 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private boolean startsWith(String literal) {
        if (at + literal.length() > in.length) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (in[at + i] != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void skipSpace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
            at++;
        }
    }

    private char peek() throws SyntaxError {
        if (at >= in.length) {
            throw new SyntaxError("unexpected end of JSON input", at);
        }
        return (char) (in[at] & 0xff);
    }

    private int peekByte() {
        return at < in.length ? in[at] & 0xff : -1;
    }
}
