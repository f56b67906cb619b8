package org.smartcontainers.proxy.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * A recorded create as the relay drives it: the body is labelled (whatever label the client sent),
 * every other field kept, and the daemon's answer makes the record. The store is real (a
 * throwaway TDB2); the Docker socket does not exist, so the image cannot be resolved and the
 * record is made without it, as when the daemon does not know the reference.
 */
class CreateInterceptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINER_ID = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;
    private ThrowawayRecording parts;
    private LocalStore store;
    private ImageReferences images;
    private InterceptionThreads threads;
    private Interceptors interceptors;

    @BeforeEach
    void start() throws Exception {
        parts = new ThrowawayRecording(dir);
        store = parts.store;
        images = new ImageReferences(parts.docker);
        threads = new InterceptionThreads();
        interceptors = Interceptors.recording(parts.docker, images, parts.recording, threads, null);
    }

    @AfterEach
    void stop() {
        images.close();
        threads.close();
        parts.close();
    }

    private static FullHttpRequest create(String uri, String body) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    private static JsonNode bodyOf(FullHttpRequest request) throws Exception {
        try {
            return JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
        } finally {
            request.release();
        }
    }

    private static void answer(Interception interception, HttpResponseStatus status, String body) {
        interception.onResponseHead(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status));
        interception.onResponseContent(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }

    @Test
    void onlyPostsToTheCreateRouteAreRecorded() {
        FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/containers/create");
        assertNull(interceptors.forRequest(get, Caller.UNKNOWN));
        assertNull(interceptors.forRequest(create("/v1.41/containers/create/x", "{}"), Caller.UNKNOWN));
        assertNull(interceptors.forRequest(create("/v1.41/containers/abc/start", "{}"), Caller.UNKNOWN));
        assertTrue(interceptors.forRequest(create("/v1.41/containers/create?name=a", "{}"), Caller.UNKNOWN)
                instanceof CreateInterception);
        assertTrue(interceptors.forRequest(create("/containers/create", "{}"), Caller.UNKNOWN) instanceof CreateInterception);
    }

    @Test
    void theLabelReplacesAForgedOneAndEveryOtherFieldStays() throws Exception {
        FullHttpRequest request = create("/v1.41/containers/create?name=web",
                "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Unknown\":{\"x\":1},"
                        + "\"Labels\":{\"team\":\"a\",\"smartcontainer\":\"FORGED\"}}");
        Interception interception = interceptors.forRequest(request, Caller.UNKNOWN);
        JsonNode sent = bodyOf(interception.prepare(request).join());
        assertEquals("busybox", sent.path("Image").asText());
        assertEquals(1, sent.path("Unknown").path("x").asInt());
        assertEquals("a", sent.path("Labels").path("team").asText());
        JsonNode label = JSON.readTree(sent.path("Labels").path(ProvenanceLabel.KEY).asText());
        assertTrue(label.has("@context"), "our label is JSON-LD with an inline context: " + label);
        assertFalse(sent.toString().contains("FORGED"));
    }

    @Test
    void aBodyWithoutLabelsGetsThem() throws Exception {
        FullHttpRequest request = create("/containers/create", "{\"Image\":\"busybox\"}");
        JsonNode sent = bodyOf(interceptors.forRequest(request, Caller.UNKNOWN).prepare(request).join());
        assertTrue(sent.path("Labels").hasNonNull(ProvenanceLabel.KEY));
    }

    @Test
    void aCreatedContainerIsRecordedBeforeFinishCompletes() {
        FullHttpRequest request = create("/containers/create?name=web", "{\"Image\":\"busybox\",\"Env\":[\"SECRET=s3cr3t\"]}");
        Interception interception = interceptors.forRequest(request, Caller.UNKNOWN);
        interception.prepare(request).join().release();
        answer(interception, HttpResponseStatus.CREATED, "{\"Id\":\"" + CONTAINER_ID + "\",\"Warnings\":[]}");
        interception.finish().join();
        assertTrue(store.ask("ASK { <" + Vocab.containerIri(CONTAINER_ID) + "> <" + Vocab.Prov.wasGeneratedBy.getURI()
                + "> ?activity . ?activity a <" + Vocab.Docker.Create.getURI() + "> }"));
        assertFalse(store.ask("ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"s3cr3t\")) }"), "environment values are never recorded");
    }

    @Test
    void aRefusedCreateIsRecordedAsAFailureWithTheDaemonsMessage() {
        FullHttpRequest request = create("/containers/create", "{\"Image\":\"nosuchimage\"}");
        Interception interception = interceptors.forRequest(request, Caller.UNKNOWN);
        interception.prepare(request).join().release();
        answer(interception, HttpResponseStatus.NOT_FOUND, "{\"message\":\"No such image: nosuchimage:latest\"}");
        interception.finish().join();
        assertTrue(store.ask("ASK { ?activity a <" + Vocab.Docker.Create.getURI() + "> ; <" + Vocab.Sc.outcome.getURI()
                + "> \"failure\" ; ?p \"No such image: nosuchimage:latest\" }"));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsNotPreparedAndNothingIsRecorded() {
        FullHttpRequest request = create("/containers/create", "[1, 2]");
        Interception interception = interceptors.forRequest(request, Caller.UNKNOWN);
        assertThrows(CompletionException.class, () -> interception.prepare(request).join());
        request.release();
        answer(interception, HttpResponseStatus.CREATED, "{\"Id\":\"" + CONTAINER_ID + "\"}");
        interception.finish().join();
        assertFalse(store.ask("ASK { ?activity a <" + Vocab.Docker.Create.getURI() + "> }"));
    }

    @Test
    void aLargeBodyIsLabelledOffTheEventLoop() throws Exception {
        String padding = "x".repeat(70 << 10); // above what is labelled inline
        FullHttpRequest request = create("/containers/create", "{\"Image\":\"busybox\",\"Labels\":{\"pad\":\"" + padding + "\"}}");
        JsonNode sent = bodyOf(interceptors.forRequest(request, Caller.UNKNOWN).prepare(request).join());
        assertEquals(padding, sent.path("Labels").path("pad").asText());
        assertTrue(sent.path("Labels").hasNonNull(ProvenanceLabel.KEY));
    }
}
