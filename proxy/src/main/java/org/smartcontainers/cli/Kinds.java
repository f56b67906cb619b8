package org.smartcontainers.cli;

import org.smartcontainers.unixhttp.UnixHttp;

/** Whether a reference names an image or a container, as {@code docker inspect} decides: an image first. */
final class Kinds {
    private Kinds() {
    }

    /** {@code "images"} or {@code "containers"}; {@code container} forces the latter. */
    static String of(ApiClient client, String reference, boolean container) {
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
