package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smartcontainers.provenance.record.JsonItems;

/**
 * A create or commit body read as the Docker daemon's Go code reads it ({@code encoding/json} into
 * its structs), so that what we record and label is what the daemon acts on:
 * <ul>
 *   <li>a key names a struct field case-insensitively, with Unicode simple folding ({@code ſ} is
 *       {@code s}, the Kelvin sign {@code k}); an exact match wins;</li>
 *   <li>a key seen again decodes into what is there: objects (structs, maps such as {@code Labels})
 *       merge, anything else is replaced; {@code null} empties;</li>
 *   <li>invalid UTF-8 becomes U+FFFD; nesting up to Go's 10,000; no limit on numbers, strings or
 *       names beyond the body's own bound.</li>
 * </ul>
 * The result uses each field's own name once, so the body forwarded means the same to the daemon.
 */
final class GoJson {
    /** Go's encoding/json scanner refuses deeper nesting. */
    private static final int GO_MAX_NESTING = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(GO_MAX_NESTING)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(GO_MAX_NESTING + 1).build())
            .build());

    /** The fields of Docker's container.Config and container.CreateRequest (create and commit bodies). */
    static final Set<String> CONFIG_FIELDS = Set.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout",
            "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck", "ArgsEscaped",
            "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled", "MacAddress", "OnBuild", "Labels",
            "StopSignal", "StopTimeout", "Shell", "HostConfig", "NetworkingConfig");
    /** The fields of container.HostConfig the record reads. */
    static final Set<String> HOST_CONFIG_FIELDS = Set.of("Binds", "Mounts", "NetworkMode", "ContainerIDFile",
            "LogConfig", "PortBindings", "RestartPolicy", "AutoRemove", "VolumeDriver", "VolumesFrom", "Privileged");

    /**
     * The most names and values a body or a JSON query parameter may hold. Docker sets no such bound, but
     * each becomes part of a record (a label costs about 1 KiB on its way to the store), and a few tens of
     * thousands would exhaust the daemon's heap; a create holds a few hundred.
     */
    static final int MAX_ITEMS = 20_000;

    /** Bodies that may nest deeper than this are read on a thread with a deep stack, not the event loop. */
    private static final int SHALLOW = 500;

    /**
     * True when the body may nest more than a few hundred levels (it opens that many arrays or
     * objects): Jackson reads and writes nesting by recursion, too deep for an event loop's stack.
     */
    static boolean mayNestDeep(ByteBuf body) {
        int opened = 0;
        for (int i = body.readerIndex(); i < body.writerIndex(); i++) {
            byte b = body.getByte(i);
            if ((b == '[' || b == '{') && ++opened > SHALLOW) {
                return true;
            }
        }
        return false;
    }

    /** The mapper that writes a body back: Go's nesting, not Jackson's 1,000 levels. */
    static final ObjectMapper WRITER = JSON;

    /** A body read: the object, and what followed it (blank or empty when nothing did). */
    record Body(ObjectNode config, String trailing) {
    }

    private GoJson() {
    }

    /** The body as a Config-like object, each known field once under its own name; an empty body is {}. */
    static ObjectNode config(ByteBuf body) {
        return read(body).config();
    }

    /**
     * The body read, with what followed its object.
     *
     * @throws RefusedCall when it is not a JSON object Go would read (the reason names where, not what)
     */
    static Body read(ByteBuf body) {
        try {
            return readObject(body);
        } catch (JsonProcessingException e) {
            throw RefusedCall.badRequest("the request body is not JSON the Docker daemon can read" + where(e));
        } catch (IOException e) {
            throw RefusedCall.badRequest("the request body cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A query parameter's JSON value ({@code labels}) read as Go's {@code json.Unmarshal} reads it:
     * one value and nothing after it; Go's limits, not Jackson's.
     */
    static JsonNode value(String text) {
        refuseIfTooMany(text, "a JSON query parameter");
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode value = parser.nextToken() == null ? null : parser.readValueAsTree();
            if (value != null && parser.nextToken() != null) {
                throw RefusedCall.badRequest("a JSON query parameter has more after its value"); // json.Unmarshal refuses it
            }
            return value;
        } catch (JsonProcessingException e) {
            throw RefusedCall.badRequest("a JSON query parameter is not JSON the Docker daemon can read" + where(e));
        } catch (IOException e) {
            throw RefusedCall.badRequest("a JSON query parameter cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * An image config (JSON, as BuildKit hands it to Docker's exporter) with {@code label} under {@code key}
     * in its labels, as Docker reads them: the exporter reads the top level as a map (the last of equal keys
     * wins), Docker's image then as a struct, where every key that folds to {@code config} fills its config,
     * in key order, merging; that is written back as one {@code config} holding one {@code Labels}.
     *
     * @throws IllegalArgumentException when it is not a JSON object, or its config or labels are not objects
     */
    static byte[] withImageConfigLabel(byte[] json, String key, String label) {
        try {
            ByteBuf bytes = Unpooled.wrappedBuffer(json);
            if (mayNestDeep(bytes)) {
                // read on the event loop: no frontend writes such a config
                throw new IllegalArgumentException("the image config nests deeper than SmartContainers reads");
            }
            String text = GoUtf8.decode(bytes);
            JsonNode read = JSON.readTree(text);
            if (!(read instanceof ObjectNode top)) {
                throw new IllegalArgumentException("the image config is not a JSON object");
            }
            TreeSet<String> configKeys = new TreeSet<>();
            top.fieldNames().forEachRemaining(name -> {
                if (fold(name).equals("config")) {
                    configKeys.add(name);
                }
            });
            ObjectNode config = JSON.createObjectNode();
            for (String name : configKeys) {
                JsonNode value = top.remove(name);
                if (value instanceof ObjectNode object) {
                    canonical(object, CONFIG_FIELDS).fields().forEachRemaining(e -> put(config, e.getKey(), e.getValue()));
                } else if (value.isNull()) {
                    config.removeAll(); // null sets the config's pointer to nil
                } else {
                    throw new IllegalArgumentException("the image config's config is not an object");
                }
            }
            JsonNode labels = config.get("Labels");
            if (labels != null && !labels.isNull() && !labels.isObject()) {
                throw new IllegalArgumentException("the image config's labels are not an object");
            }
            ObjectNode writable = labels instanceof ObjectNode existing ? existing : config.putObject("Labels");
            writable.put(key, label);
            top.set("config", config);
            return JSON.writeValueAsBytes(top);
        } catch (IOException e) {
            throw new IllegalArgumentException("the image config is not JSON Docker can read" + (e instanceof
                    JsonProcessingException parse ? where(parse) : ""), e);
        }
    }

    /** Refuses {@code text} when it holds more than {@link #MAX_ITEMS} names and values (separators outside strings). */
    private static void refuseIfTooMany(String text, String what) {
        if (JsonItems.moreThan(text, MAX_ITEMS)) {
            throw new RefusedCall(413, what + " holds more than " + MAX_ITEMS
                    + " JSON names and values, more than the SmartContainers proxy records in one call");
        }
    }

    /** Where the JSON went wrong; Jackson's own message quotes the text, which may be a secret. */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static Body readObject(ByteBuf body) throws IOException {
        if (!body.isReadable()) {
            return new Body(JSON.createObjectNode(), "");
        }
        String text = GoUtf8.decode(body);
        refuseIfTooMany(text, "the request body");
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return new Body(JSON.createObjectNode(), text.substring((int) parser.currentLocation().getCharOffset()));
            }
            if (first != JsonToken.START_OBJECT) {
                throw RefusedCall.badRequest("the request body is not a JSON object");
            }
            ObjectNode config = object(parser, CONFIG_FIELDS);
            // Go's decoder reads one value: what follows is the daemon's to judge (Docker 20.10 ignores
            // it, later ones refuse it), so it is kept, after the rewritten object.
            String after = text.substring((int) parser.currentLocation().getCharOffset());
            JsonNode host = config.get("HostConfig");
            if (host instanceof ObjectNode hostConfig) {
                config.set("HostConfig", canonical(hostConfig, HOST_CONFIG_FIELDS));
            }
            if (text.contains("\\ud") || text.contains("\\uD")) {
                withoutLoneSurrogates(config);
            }
            return new Body(config, after);
        }
    }

    /** An object whose keys are matched to {@code fields} as Go does; the parser is at its START_OBJECT. */
    private static ObjectNode object(JsonParser parser, Set<String> fields) throws IOException {
        ObjectNode result = JSON.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = field(parser.currentName(), fields);
            parser.nextToken();
            JsonNode value = parser.readValueAsTree();
            put(result, key, value == null ? JSON.nullNode() : value);
        }
        return result;
    }

    /** An object already read (duplicates gone, the last kept), its keys matched to {@code fields}. */
    private static ObjectNode canonical(ObjectNode node, Set<String> fields) {
        ObjectNode result = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            put(result, field(entry.getKey(), fields), entry.getValue());
        }
        return result;
    }

    /** Go decoding a key again into what is there: objects merge, null empties, the rest replaces. */
    private static void put(ObjectNode into, String key, JsonNode value) {
        JsonNode existing = into.get(key);
        if (existing instanceof ObjectNode target && value instanceof ObjectNode incoming) {
            incoming.fields().forEachRemaining(entry -> put(target, entry.getKey(), entry.getValue()));
        } else {
            into.set(key, value);
        }
    }

    /** The struct field a key names: an exact match, else the first that folds equal; else the key itself (Go ignores it). */
    static String field(String key, Set<String> fields) {
        if (fields.contains(key)) {
            return key;
        }
        String folded = fold(key);
        for (String field : fields) {
            if (fold(field).equals(folded)) {
                return field;
            }
        }
        return key;
    }

    /**
     * A key folded for matching a field's name (ASCII) as Go's {@code bytes.EqualFold} does: ASCII
     * letters in either case, and the two other letters whose simple-folding orbit holds an ASCII
     * one, {@code ſ} (s) and the Kelvin sign (k). Nothing else folds to ASCII: not {@code ı} or {@code İ}.
     */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(
                c < 128 ? Character.toLowerCase(c) : c == '\u017f' ? 's' : c == '\u212a' ? 'k' : c));
        return folded.toString();
    }

    /**
     * Go decodes a {@code \\u} escape of a lone surrogate as U+FFFD; Jackson keeps the lone char. So that
     * what we record and label is what the daemon stores, every such char in the tree, keys too, is
     * replaced. Only asked for when the text holds such an escape.
     */
    private static JsonNode withoutLoneSurrogates(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String fixed = withoutLoneSurrogates(text);
            return fixed.equals(text) ? node : JSON.getNodeFactory().textNode(fixed);
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withoutLoneSurrogates(array.get(i)));
            }
        } else if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.fields().forEachRemaining(entry -> copy.set(withoutLoneSurrogates(entry.getKey()),
                    withoutLoneSurrogates(entry.getValue())));
            object.removeAll();
            object.setAll(copy);
        }
        return node;
    }

    private static String withoutLoneSurrogates(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) && fixed == null) {
                fixed = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (fixed != null) {
                fixed.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
