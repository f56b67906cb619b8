package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import org.smartcontainers.docker.UnixHttp;

/** Whether a reference names an image or a container, as {@code docker inspect} decides: an image first. */
final class Kinds {
    @Parameter(names = "--container", description = "REF names a container (when an image has the same name)")
    boolean container;

    /** {@code "images"} or {@code "containers"}; {@code --container} forces the latter. */
    String of(ApiClient client, String reference) {
        if (container) {
            return "containers";
        }
        UnixHttp.Answer image = client.send("GET", "/images/" + ApiClient.reference(reference) + "/json", null, null);
        if (image.ok()) {
            return "images";
        }
        UnixHttp.Answer asContainer = client.send("GET", "/containers/" + ApiClient.reference(reference) + "/json", null, null);
        if (asContainer.ok()) {
            return "containers";
        }
        throw new CliException("no such image or container: " + reference);
    }
}
