package org.smartcontainers.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.testsupport.ThrowawayRecording;
import org.smartcontainers.web.http.Access;
import org.smartcontainers.web.metadata.DockerNames;
import org.smartcontainers.web.metadata.MetadataContainers;

/**
 * The extension API's routing and the answers it makes without Docker, with a real store and a
 * real config directory; what needs Docker is tested through a real daemon in the tests module.
 * The Docker socket here does not exist: a call that needs it gets Docker's 502.
 */
class ExtensionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ThrowawayRecording parts;
    private ExtensionApi api;

    @BeforeEach
    void start() throws Exception {
        parts = new ThrowawayRecording(dir);
        MetadataContainers metadata = new MetadataContainers(parts.store, new Access(UUID.randomUUID().toString()),
                DockerNames.NONE);
        api = new ExtensionApi(ThrowawayRecording.VERSION, parts.docker, parts.recording, parts.config, parts.store,
                metadata, Duration.ofSeconds(5), null);
    }

    @AfterEach
    void stop() {
        api.close();
        parts.close();
    }

    private FullHttpResponse call(String method, String uri, String contentType, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.headers().set("Content-Type", contentType);
        }
        try {
            return api.answer(request, Caller.UNKNOWN).join();
        } finally {
            request.release();
        }
    }

    private static JsonNode json(FullHttpResponse response) throws Exception {
        try {
            return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    @Nested
    class Routing {
        @Test
        void handlesOurPrefixBareAndBehindADockerVersion() {
            assertTrue(ExtensionApi.handles("/sc/v1/version"));
            assertTrue(ExtensionApi.handles("/v1.47/sc/v1/config?layer=stored"));
            assertFalse(ExtensionApi.handles("/v1.47/containers/create"));
            assertFalse(ExtensionApi.handles("/sc/v2/version"));
        }

        @Test
        void anUnknownCallIsA404InDockersShape() throws Exception {
            FullHttpResponse response = call("GET", "/sc/v1/nothing", null, null);
            assertEquals(404, response.status().code());
            assertEquals("application/json", response.headers().get("Content-Type"));
            assertTrue(json(response).path("message").asText().startsWith("no such SmartContainers API call: GET /sc/v1/nothing"));
        }

        @Test
        void aMalformedEscapeIsA400ThatQuotesNothing() throws Exception {
            FullHttpResponse response = call("GET", "/v1.45/sc/v1/export?format=turtle&registry_password=hunter2&x=%ZZ", null, null);
            assertEquals(400, response.status().code());
            String message = json(response).path("message").asText();
            assertEquals("the query string (or form) has a malformed %-escape", message);
        }

        @Test
        void entryIsForContainersOnly() {
            FullHttpResponse response = call("GET", "/sc/v1/images/busybox/entry", null, null);
            assertEquals(404, response.status().code());
            response.release();
        }

        @Test
        void aWrongMethodIs405WithAllow() {
            FullHttpResponse response = call("DELETE", "/sc/v1/version", null, null);
            assertEquals(405, response.status().code());
            assertEquals("GET", response.headers().get("Allow"));
            response.release();
        }
    }

    @Nested
    class WithoutDocker {
        @Test
        void versionSaysDockerIsUnreachable() throws Exception {
            FullHttpResponse response = call("GET", "/sc/v1/version", null, null);
            assertEquals(502, response.status().code());
            assertTrue(json(response).path("message").asText().contains("SmartContainers 9.9 is running"));
        }

        @Test
        void aLabelOfAnImageNeedsDockerAndSaysSo() throws Exception {
            FullHttpResponse response = call("GET", "/v1.41/sc/v1/images/team/tool:1.0/label", null, null);
            assertEquals(502, response.status().code());
            assertTrue(json(response).path("message").asText().startsWith("Cannot connect to the Docker daemon"));
        }
    }

    @Nested
    class Config {
        @Test
        void aValidConfigIsStoredAndAnswered() throws Exception {
            FullHttpResponse put = call("PUT", "/sc/v1/config", "application/json",
                    "{\"agent\": {\"name\": \"Josiah Carberry\", \"orcid\": \"0000-0002-1825-0097\"}}");
            assertEquals(200, put.status().code());
            assertEquals("https://orcid.org/0000-0002-1825-0097", json(put).path("agent").path("orcid").asText());
            JsonNode stored = json(call("GET", "/sc/v1/config?layer=stored", null, null));
            assertEquals("Josiah Carberry", stored.path("agent").path("name").asText());
            assertTrue(Files.exists(dir.resolve("config").resolve("config.json")));
        }

        @Test
        void anInvalidOrcidIsRefusedAndNothingChanges() throws Exception {
            FullHttpResponse put = call("PUT", "/sc/v1/config", "application/json",
                    "{\"agent\": {\"orcid\": \"0000-0002-1825-0098\"}}");
            assertEquals(400, put.status().code());
            assertTrue(json(put).path("message").asText().startsWith("invalid config:"));
            assertFalse(Files.exists(dir.resolve("config").resolve("config.json")));
        }

        @Test
        void aBodyThatIsNotJsonIsA400() throws Exception {
            FullHttpResponse put = call("PUT", "/sc/v1/config", "application/json", "{not json");
            assertEquals(400, put.status().code());
            assertTrue(json(put).path("message").asText().startsWith("the body is not JSON"));
        }

        /** Strict as a config should be: nothing after the object, no number read as a name, no Java in the message. */
        @Test
        void trailingTextAndWrongTypesAreA400SayingWhere() throws Exception {
            FullHttpResponse trailing = call("PUT", "/sc/v1/config", "application/json", "{\"agent\":{\"name\":\"T\"}} junk");
            assertEquals(400, trailing.status().code());
            String said = json(trailing).path("message").asText();
            assertTrue(said.startsWith("the body is not JSON"), said);
            for (String wrong : List.of("{\"agent\":{\"name\":5}}", "{\"agent\":{\"name\":true}}", "{\"agent\":\"Ada\"}")) {
                FullHttpResponse put = call("PUT", "/sc/v1/config", "application/json", wrong);
                assertEquals(400, put.status().code(), wrong);
                String message = json(put).path("message").asText();
                assertTrue(message.startsWith("invalid config: 'agent"), wrong + ": " + message);
                assertFalse(message.contains("org.smartcontainers") || message.contains("`"), wrong + ": " + message);
            }
        }

        @Test
        void anUnknownLayerIsA400() {
            FullHttpResponse response = call("GET", "/sc/v1/config?layer=other", null, null);
            assertEquals(400, response.status().code());
            response.release();
        }
    }

    @Nested
    class Queries {
        @Test
        void sparqlTakesJson() throws Exception {
            FullHttpResponse response = call("POST", "/sc/v1/sparql", "application/json", "{\"query\": \"ASK { }\"}");
            assertEquals(200, response.status().code());
            assertTrue(json(response).path("boolean").asBoolean());
        }

        @Test
        void sparqlWithoutAQueryStringIsA400() throws Exception {
            FullHttpResponse response = call("POST", "/sc/v1/sparql", "application/json", "{\"query\": 1}");
            assertEquals(400, response.status().code());
            assertEquals("the JSON body needs a \"query\" string", json(response).path("message").asText());
        }

        @Test
        void exportKnowsItsFormats() throws Exception {
            FullHttpResponse trig = call("GET", "/sc/v1/export", null, null);
            assertEquals(200, trig.status().code());
            assertEquals("application/trig", trig.headers().get("Content-Type"));
            trig.release();
            FullHttpResponse unknown = call("GET", "/sc/v1/export?format=xml", null, null);
            assertEquals(400, unknown.status().code());
            assertEquals("format must be trig, turtle, jsonld, provn, provjson, rocrate or slsa, got 'xml'",
                    json(unknown).path("message").asText());
            for (String format : new String[] {"provn", "prov-json", "slsa"}) {
                FullHttpResponse empty = call("GET", "/sc/v1/export?format=" + format, null, null);
                assertEquals(200, empty.status().code(), format + " of an empty store");
                empty.release();
            }
        }

        @Test
        void aCrateIsOfOneImageOrContainerAndTrigOfTheWholeStore() throws Exception {
            FullHttpResponse crate = call("GET", "/sc/v1/export?format=rocrate", null, null);
            assertEquals(400, crate.status().code());
            assertEquals("rocrate is of one image or container: give image=REF or container=REF",
                    json(crate).path("message").asText());
            FullHttpResponse trig = call("GET", "/sc/v1/export?format=trig&image=" + "a".repeat(64), null, null);
            assertEquals(400, trig.status().code());
            assertTrue(json(trig).path("message").asText().startsWith("trig is of the whole store"));
            FullHttpResponse both = call("GET", "/sc/v1/export?format=rocrate&image=x&container=y", null, null);
            assertEquals(400, both.status().code());
            both.release();
        }

        @Test
        void anImageWithNoRecordIsA404InDockersShape() throws Exception {
            String id = "f".repeat(64);
            FullHttpResponse response = call("GET", "/sc/v1/export?format=rocrate&image=sha256:" + id, null, null);
            assertEquals(404, response.status().code());
            assertEquals("application/json", response.headers().get("Content-Type"));
            assertTrue(json(response).path("message").asText().startsWith("no record of image " + id), "by its full ID,"
                    + " without asking Docker");
        }

        @Test
        void anImageByNameNeedsDockerAndSaysSo() throws Exception {
            FullHttpResponse response = call("GET", "/sc/v1/export?format=slsa&image=team/tool:1.0", null, null);
            assertEquals(502, response.status().code());
            assertTrue(json(response).path("message").asText().startsWith("Cannot connect to the Docker daemon"));
        }
    }
}
