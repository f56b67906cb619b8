package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.record.DockerfileInstructions;
import org.smartcontainers.provenance.record.ProvenanceLabel;

/**
 * An image import ({@code POST /images/create?fromSrc=...}) with {@code changes}: Docker applies them
 * as a commit's, so {@code LABEL smartcontainer=...} among them would put a label on the image that
 * no record stands behind. Nothing is recorded here (the import's record comes from Docker's events);
 * an import whose changes may set our label (its key spelt any way Docker reads it, or made from a
 * variable) is refused, and every other passes as it was sent, its body streamed.
 */
final class ImportChangesGuard implements Interception {
    private final String uri;

    private ImportChangesGuard(String uri) {
        this.uri = uri;
    }

    /** The guard for an import with changes; null for any other call. */
    static Interception forImport(String uri) {
        GoQuery query = GoQuery.lenient(uri);
        return !query.first("fromSrc").isEmpty() && query.first("fromImage").isEmpty()
                && query.parameters().containsKey("changes") ? new ImportChangesGuard(uri) : null;
    }

    /** What of the body may wait while the head is checked (a moment: nothing is looked up). */
    @Override
    public int maxRequestBody() {
        return 1 << 20;
    }

    @Override
    public boolean streamsRequestBody() {
        return true;
    }

    @Override
    public CompletableFuture<FullHttpRequest> prepare(FullHttpRequest head) {
        try {
            if (BuildInterception.isForm(head.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
                // Go's ParseForm would read changes from a form body too.
                throw RefusedCall.badRequest("an import whose body is a form (application/x-www-form-urlencoded) is not"
                        + " passed on by SmartContainers");
            }
            List<String> changes = GoQuery.of(uri).parameters().getOrDefault("changes", List.of());
            if (setsOurLabel(String.join("\n", changes))) {
                throw RefusedCall.badRequest("an import whose changes set the " + ProvenanceLabel.KEY + " label is refused by"
                        + " SmartContainers: that label holds provenance the proxy records, and an import records none in it");
            }
            return CompletableFuture.completedFuture(head);
        } catch (RefusedCall refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** A {@code LABEL} (also after {@code ONBUILD}) whose key is ours once unquoted and unescaped, or holds a variable. */
    static boolean setsOurLabel(String dockerfile) {
        DockerfileInstructions parsed = DockerfileInstructions.parse(dockerfile);
        for (String instruction : parsed.instructions()) {
            String[] words = instruction.split("\\s+", 2);
            while (words.length > 1 && words[0].equalsIgnoreCase("ONBUILD")) {
                words = words[1].strip().split("\\s+", 2);
            }
            if (words.length < 2 || !words[0].equalsIgnoreCase("LABEL")) {
                continue;
            }
            List<String> arguments = DockerfileInstructions.words(words[1], parsed.escape());
            boolean oldForm = !arguments.isEmpty() && arguments.get(0).indexOf('=') < 0;
            for (String argument : oldForm ? arguments.subList(0, 1) : arguments) {
                int equals = argument.indexOf('=');
                String key = equals < 0 ? argument : argument.substring(0, equals);
                String plain = key.replace("\"", "").replace("'", "").replace(String.valueOf(parsed.escape()), "");
                if (plain.indexOf('$') >= 0 || plain.toLowerCase(Locale.ROOT).contains(ProvenanceLabel.KEY)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void onResponseHead(HttpResponse head) {
    }

    @Override
    public void onResponseContent(ByteBuf content) {
    }

    @Override
    public CompletableFuture<?> finish() {
        return CompletableFuture.completedFuture(null);
    }
}
