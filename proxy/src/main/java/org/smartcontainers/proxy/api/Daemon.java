package org.smartcontainers.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.proxy.intercept.DockerLookup;

/** The Docker daemon as the extension API asks it: its failures become the API's errors. */
final class Daemon {
    private final DockerLookup docker;

    Daemon(DockerLookup docker) {
        this.docker = docker;
    }

    /** {@code docker image inspect REF}; 404 in Docker's words when it has no such image. */
    JsonNode image(String reference) {
        return ok(call("GET", "/images/" + Request.encodeSegment(reference) + "/json", null));
    }

    /** {@code docker container inspect REF}; 404 in Docker's words when it has no such container. */
    JsonNode container(String reference) {
        return ok(call("GET", "/containers/" + Request.encodeSegment(reference) + "/json", null));
    }

    JsonNode history(String imageId) {
        return ok(call("GET", "/images/" + Request.encodeSegment(imageId) + "/history", null));
    }

    /** The daemon's own status and message when it says no: the client sees what Docker said. */
    JsonNode ok(DockerLookup.Answer answer) {
        if (!answer.ok()) {
            throw new HttpError(HttpResponseStatus.valueOf(answer.status()), answer.message());
        }
        return answer.json();
    }

    DockerLookup.Answer call(String method, String path, JsonNode body) {
        try {
            return docker.call(method, path, body);
        } catch (IOException e) {
            throw new HttpError(HttpResponseStatus.BAD_GATEWAY,
                    "Cannot connect to the Docker daemon (through the SmartContainers proxy): " + e.getMessage());
        }
    }

    DockerLookup lookup() {
        return docker;
    }
}
