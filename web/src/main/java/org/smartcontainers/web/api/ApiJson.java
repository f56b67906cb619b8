package org.smartcontainers.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import org.smartcontainers.web.http.HttpError;
import java.util.List;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.docker.DockerErrors;

/** JSON in and out of the extension API, errors in Docker's shape. */
final class ApiJson {
    /**
     * Strict as a user would expect of a config: nothing after the object, and no number or boolean read
     * as a string ({@code "name": 5} is a mistake, not a name).
     */
    static final ObjectMapper JSON = strict(new ObjectMapper());
    static final String MEDIA_TYPE = "application/json";

    private ApiJson() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A JSON mistake said by where it is ({@code agent.name}), not by the Java class it was to become. */
    static String mistake(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            StringBuilder where = new StringBuilder();
            for (JsonMappingException.Reference step : mismatched.getPath()) {
                where.append(where.length() == 0 ? "" : ".").append(step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]");
            }
            return "'" + where + "' has a value of the wrong type";
        }
        return firstLine(e.getOriginalMessage());
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
