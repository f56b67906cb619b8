package org.smartcontainers.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.smartcontainers.config.ConfigException;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.config.ScConfig;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;

/**
 * {@code /sc/v1/config}: GET what applies now (the file with the environment and the command line
 * over it; {@code ?layer=stored}: the file alone), PUT a replacement for the file. An invalid one
 * is refused with the reason, and nothing stored changes.
 */
final class ConfigResource {
    private static final ObjectReader READER = ApiJson.JSON.readerFor(ScConfig.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ConfigStore config;

    ConfigResource(ConfigStore config) {
        this.config = config;
    }

    Response handle(Request request) {
        return switch (request.method()) {
            case "GET" -> ApiJson.ok(ApiJson.JSON.valueToTree(layer(request)));
            case "PUT" -> ApiJson.ok(ApiJson.JSON.valueToTree(replace(request)));
            default -> throw HttpError.methodNotAllowed(request.method(), "GET, PUT");
        };
    }

    private ScConfig layer(Request request) {
        String layer = request.param("layer");
        if (layer == null || layer.equals("effective")) {
            return config.effective();
        }
        if (layer.equals("stored")) {
            return config.stored();
        }
        throw HttpError.badRequest("layer must be 'effective' or 'stored', got '" + layer + "'");
    }

    private ScConfig replace(Request request) {
        ScConfig replacement;
        try {
            replacement = READER.readValue(ApiJson.body(request));
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("invalid config: " + ApiJson.mistake(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return config.replace(replacement);
        } catch (ConfigException e) {
            throw HttpError.badRequest("invalid config: " + e.getMessage());
        } catch (IOException e) {
            throw new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "cannot write the config in " + config.directory() + ": " + e.getMessage() + "; nothing was changed");
        }
    }
}
