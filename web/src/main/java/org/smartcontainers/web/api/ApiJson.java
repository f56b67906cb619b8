package org.smartcontainers.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.docker.DockerErrors;

/** JSON in and out of the extension API, errors in Docker's shape. */
final class ApiJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MEDIA_TYPE = "application/json";

    private ApiJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static Response ok(JsonNode body) {
        return answer(HttpResponseStatus.OK, body);
    }

    static Response answer(HttpResponseStatus status, JsonNode body) {
        try {
            return Response.of(status, MEDIA_TYPE, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Docker's error shape, so the docker CLI and docker-py print ours as they print the daemon's. */
    static Response error(HttpResponseStatus status, String message) {
        return Response.of(status, MEDIA_TYPE, DockerErrors.json(message));
    }

    /** The request's body as a JSON object, or 400 saying why not. */
    static JsonNode body(Request request) {
        if (request.body().length == 0) {
            throw HttpError.badRequest("the request needs a JSON body");
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw HttpError.badRequest("the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw HttpError.badRequest("the body is not JSON: " + firstLine(e.getMessage()));
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
