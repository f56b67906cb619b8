package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the build's progress stream as it passes: newline-delimited JSON. Keeps only what the
 * record needs: the image ID ({@code aux.ID}, BuildKit's {@code moby.image.id}, or the classic
 * builder's "Successfully built"), and the error a failed build reports inside its 200 stream.
 */
final class BuildOutput {
    private static final int MAX_LINE = 1 << 20;
    private static final Pattern SUCCESSFULLY_BUILT = Pattern.compile("Successfully built ([0-9a-f]{12,64})");
    /** What a quiet ({@code q=1}) classic build prints instead: the ID alone. */
    private static final Pattern QUIET_ID = Pattern.compile("^(sha256:[0-9a-f]{64})\\s*$");

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineTooLong;
    private String imageId;
    private String shortImageId;
    private String error;
    private String firstLine;
    /** BuildKit's progress ({@code moby.buildkit.trace} lines), for its steps. */
    private final Consumer<JsonNode> traces;

    BuildOutput() {
        this(trace -> { });
    }

    BuildOutput(Consumer<JsonNode> traces) {
        this.traces = traces;
    }

    void update(ByteBuf content) {
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b == '\n') {
                endLine();
            } else if (line.size() < MAX_LINE) {
                line.write(b);
            } else {
                lineTooLong = true;
            }
        }
    }

    /** The answer is complete: a last line without its newline counts too. */
    void finish() {
        if (line.size() > 0) {
            endLine();
        }
    }

    private void endLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (lineTooLong) {
            lineTooLong = false;
            return;
        }
        JsonNode message;
        try {
            message = JsonBodies.JSON.readTree(bytes);
        } catch (IOException e) {
            return; // not JSON: not ours to judge
        }
        if (message == null) {
            return;
        }
        if (firstLine == null) {
            firstLine = new String(bytes, StandardCharsets.UTF_8);
        }
        if ("moby.buildkit.trace".equals(message.path("id").asText())) {
            traces.accept(message);
            return;
        }
        JsonNode id = message.path("aux").path("ID");
        if (id.isTextual() && (!message.has("id") || "moby.image.id".equals(message.path("id").asText()))) {
            imageId = id.asText();
        }
        if (message.hasNonNull("error")) {
            error = message.get("error").asText();
        } else if (message.path("errorDetail").hasNonNull("message")) {
            error = message.path("errorDetail").get("message").asText();
        }
        String stream = message.path("stream").asText("");
        Matcher built = SUCCESSFULLY_BUILT.matcher(stream);
        Matcher quiet = QUIET_ID.matcher(stream);
        if (built.find()) {
            shortImageId = built.group(1);
        } else if (quiet.find()) {
            shortImageId = quiet.group(1);
        }
    }

    /** The full image ID when the stream gave it; else the short one from "Successfully built". */
    String imageId() {
        return imageId != null ? imageId : shortImageId;
    }

    String error() {
        return error;
    }

    /** For a non-200 answer: the daemon's {@code {"message": …}}. */
    String message() {
        if (firstLine == null) {
            return null;
        }
        try {
            return JsonBodies.JSON.readTree(firstLine).path("message").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
