package org.smartcontainers.proxy.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.proxy.daemonview.BuildLabels;
import org.smartcontainers.proxy.daemonview.CommitChanges;
import org.smartcontainers.proxy.daemonview.ContainerConfigLabels;
import org.smartcontainers.proxy.daemonview.DockerRoute;
import org.smartcontainers.proxy.daemonview.GoForm;
import org.smartcontainers.proxy.daemonview.GoHttpRequest;
import org.smartcontainers.proxy.daemonview.GoUrl;

/**
 * The property the proxy keeps, whatever a client sends: every request that reaches Docker and that
 * Docker would run as a create, commit or build carries our label where Docker takes labels from
 * (read as Docker reads it: {@code daemonview}), the label of the record the proxy made of that call;
 * and a commit's own changes cannot replace it. Or the proxy refused the call: it answered 4xx with
 * Docker's {@code {"message": ...}} and nothing reached Docker.
 */
final class LabelledOrRefused {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledOrRefused() {
    }

    static void check(String input, InVmProxy.Exchange exchange, RecordedLabels records) {
        boolean reached = false;
        for (FakeDaemon.Connection connection : exchange.toDocker()) {
            List<GoHttpRequest> requests = GoHttpRequest.readAll(connection.bytes());
            List<String> ids = connection.answeredIds();
            reached |= connection.bytes().length > 0;
            for (int i = 0; i < requests.size(); i++) {
                GoHttpRequest request = requests.get(i);
                Optional<DockerRoute> route = DockerRoute.of(request.line());
                if (route.isPresent()) {
                    String id = i < ids.size() ? ids.get(i) : "(not answered)";
                    labelled(input, request, route.get(), id, records);
                }
            }
        }
        if (!reached) {
            refused(input, exchange.answer());
        }
    }

    private static void labelled(String input, GoHttpRequest request, DockerRoute route, String id, RecordedLabels records) {
        ContainerConfigLabels.Reading reading = route == DockerRoute.BUILD
                ? BuildLabels.read(request) : ContainerConfigLabels.read(request.body());
        String where = route == DockerRoute.BUILD ? "its labels parameter" : "its body's Labels";
        if (reading instanceof ContainerConfigLabels.Refused refused) {
            fail(input, request, "Docker runs it as " + route + " but cannot read " + where + " (" + refused.why() + ")");
        }
        Map<String, String> labels = ((ContainerConfigLabels.Labels) reading).labels();
        String label = labels == null ? null : labels.get(ProvenanceLabel.KEY);
        if (label == null) {
            fail(input, request, "Docker runs it as " + route + " and " + where + " has no " + ProvenanceLabel.KEY);
        }
        if (!records.isTheRecordOf(label, id)) {
            fail(input, request, "Docker runs it as " + route + " and " + where + " has " + ProvenanceLabel.KEY
                    + " = " + abbreviated(label) + ", not the label of the proxy's record of it");
        }
        if (route == DockerRoute.COMMIT) {
            ourChangeIsLast(input, request, label);
        }
    }

    /** The commit's changes run after its body's config: the last instruction must be our LABEL, standing alone. */
    private static void ourChangeIsLast(String input, GoHttpRequest request, String label) {
        boolean formFails = GoUrl.parseRequestUri(request.line().target())
                .map(target -> GoUrl.parseQuery(target.rawQuery()).failed()).orElse(true);
        List<String> changes = GoForm.values(request, "changes");
        Optional<CommitChanges.Parsed> parsed = CommitChanges.parse(changes);
        if (changes.isEmpty()) {
            return; // nothing runs over the body's config
        }
        if (formFails || parsed.isEmpty()) {
            return; // Docker refuses the commit: nothing is made
        }
        List<String> instructions = parsed.get().instructions();
        String last = instructions.get(instructions.size() - 1);
        if (!last.equals(changes.get(changes.size() - 1))
                || !CommitChanges.labelValue(last, ProvenanceLabel.KEY, parsed.get().escape()).equals(Optional.of(label))) {
            fail(input, request, "Docker runs it as COMMIT and its changes, " + changes.size() + " of them, end in the instruction "
                    + abbreviated(last) + " (escape token " + parsed.get().escape() + "): our LABEL does not stand alone last");
        }
    }

    private static void refused(String input, InVmProxy.Answer answer) {
        if (answer == null) {
            throw new AssertionError("nothing reached Docker and the proxy closed without an answer; request: " + input);
        }
        if (answer.status() < 400 || answer.status() > 499 || !isDockerError(answer.body())) {
            throw new AssertionError("nothing reached Docker and the proxy answered " + answer.status() + " "
                    + abbreviated(answer.body()) + " (a refusal is 4xx {\"message\": ...}); request: " + input);
        }
    }

    private static boolean isDockerError(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error != null && error.path("message").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static void fail(String input, GoHttpRequest request, String what) {
        throw new AssertionError(what + ".\n  request sent: " + input + "\n  reached Docker: POST " + request.line().target()
                + " with body " + abbreviated(new String(request.body(), StandardCharsets.UTF_8)));
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
