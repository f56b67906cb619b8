package org.smartcontainers.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.web.http.HttpError;
import org.smartcontainers.web.http.Request;
import org.smartcontainers.web.http.Response;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.ThisHost;
import org.smartcontainers.provenance.record.Mounts;
import org.smartcontainers.provenance.record.Reconstruction;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.recording.Recording;

/**
 * {@code POST /sc/v1/images/{ref}/smart}, {@code POST /sc/v1/containers/{ref}/smart}: make an
 * image or container that did not pass through the proxy a smart one. Its provenance is
 * reconstructed from what Docker shows and recorded, marked as such; an image then gets the label
 * through a commit ({@link ImageRelabel}). A container's labels cannot change after it is created,
 * so a container gets its record but no label.
 */
final class SmartResource {
    private final DockerClient docker;
    private final Recording recording;
    private final ImageRelabel relabel;

    SmartResource(DockerClient docker, Recording recording, ImageRelabel relabel) {
        this.docker = docker;
        this.recording = recording;
        this.relabel = relabel;
    }

    Response handle(Request request, boolean image, String reference, Caller caller) {
        if (!request.method().equals("POST")) {
            throw HttpError.methodNotAllowed(request.method(), "POST");
        }
        return image ? image(reference, caller) : container(reference);
    }

    private Response image(String reference, Caller caller) {
        JsonNode inspect = docker.inspectImage(reference);
        ActivityRecord reconstructed = Reconstruction.image(recordedImage(inspect, "Id"), docker.history(inspect.path("Id").asText()));
        recording.keeper().store(reconstructed).join();
        ImageRelabel.Result made = relabel.commit(inspect, reference, reconstructed.toGraph().model(), caller);
        ObjectNode answer = ApiJson.object().put("Id", made.imageId()).put("Activity", made.activity())
                .put("Reconstructed", reconstructed.iri()).put("Labelled", true);
        answer.set("Tags", ImageRelabel.array(made.tags()));
        return ApiJson.answer(HttpResponseStatus.CREATED, answer);
    }

    /** The inspection with the image named as records name it (its config digest; another than Docker's ID on a containerd store). */
    private JsonNode recordedImage(JsonNode inspect, String field) {
        if (!inspect.hasNonNull(field)) {
            return inspect;
        }
        ObjectNode named = inspect.deepCopy();
        named.put(field, docker.recordedImageId(inspect.path(field).asText()));
        return named;
    }

    private Response container(String reference) {
        JsonNode inspect = docker.inspectContainer(reference);
        ActivityRecord reconstructed = Reconstruction.container(recordedImage(inspect, "Image"),
                new Mounts.Places(docker.engineId(), ThisHost.name()));
        recording.keeper().store(reconstructed).join();
        ObjectNode answer = ApiJson.object().put("Id", inspect.path("Id").asText())
                .put("Reconstructed", reconstructed.iri()).put("Labelled", false)
                .put("Note", "Docker cannot change the labels of an existing container; its provenance is in the store,"
                        + " and containers created from now on through the proxy get the label");
        return ApiJson.answer(HttpResponseStatus.CREATED, answer);
    }
}
