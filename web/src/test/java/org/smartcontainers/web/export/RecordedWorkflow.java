package org.smartcontainers.web.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ContainerCommit;
import org.smartcontainers.provenance.record.ContainerCreate;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.provenance.record.Mounts;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * A small workflow recorded as the proxy records it, into a throwaway store: a classic build of
 * {@code tool:1} from a base image (a secret build argument), a BuildKit build of {@code app:1} from
 * it (steps, the context's listing), a container created from {@code app:1} (a secret environment
 * variable, a named volume read-only), that container committed as {@code app:2}, and a build that failed.
 */
final class RecordedWorkflow {
    static final String ORCID = "https://orcid.org/0000-0002-1825-0097";
    static final String EMAIL = "jc@example.org";
    static final String SECRET = "hunter2-never-exported";
    static final String BASE = "a".repeat(64);
    static final String TOOL = "b".repeat(64);
    static final String APP = "c".repeat(64);
    static final String CONTAINER = "d".repeat(64);
    static final String COMMITTED = "e".repeat(64);
    static final String DOCKERFILE_DIGEST = "1".repeat(64);
    static final String CONTEXT_DIGEST = "2".repeat(64);
    static final String LISTING_DIGEST = "3".repeat(64);
    static final String DOCKER_VERSION = "26.1.5";
    static final Mounts.Places PLACES = new Mounts.Places("engine-1", "lab1");
    static final Agents AGENTS = new Agents(ThrowawayRecording.VERSION, DOCKER_VERSION,
            new Agent("Josiah Carberry", null, null, EMAIL, "Brown University", null, ORCID), "josiah@lab");

    /** The activities' IRIs, in the order above. */
    final String toolBuild;
    final String appBuild;
    final String create;
    final String commit;
    final String failedBuild;

    RecordedWorkflow(ThrowawayRecording parts) throws Exception {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");

        Map<String, List<String>> toolQuery = new LinkedHashMap<>();
        toolQuery.put("t", List.of("tool:1"));
        toolQuery.put("buildargs", List.of("{\"TOKEN\":\"" + SECRET + "\",\"N\":\"1\"}"));
        toolQuery.put("labels", List.of("{\"team\":\"physics\"}"));
        ActivityRecord tool = ImageBuild.start(toolQuery, t, AGENTS);
        ImageBuild.baseImages(tool, List.of("busybox:1.36"), List.of(BASE));
        ImageBuild.dockerfile(tool, DOCKERFILE_DIGEST);
        ImageBuild.context(tool, "sha256:" + CONTEXT_DIGEST, 2048);
        ImageBuild.built(tool, TOOL, List.of(BASE), false, t.plusSeconds(20));
        toolBuild = keep(parts, tool);

        ActivityRecord app = ImageBuild.startBuildKit(Map.of("filename", "Dockerfile", "target", "final",
                "build-arg:TOKEN", SECRET), List.of("app:1"), t.plusSeconds(60), AGENTS);
        ImageBuild.dockerfileRead(app, DOCKERFILE_DIGEST, List.of("tool:1"), List.of(TOOL));
        ImageBuild.contextListing(app, "sha256:" + LISTING_DIGEST, 3, 512);
        ImageBuild.step(app, "sha256:" + "4".repeat(64), "[1/2] FROM tool:1", true, t.plusSeconds(61), t.plusSeconds(61), null);
        ImageBuild.step(app, "sha256:" + "5".repeat(64), "[2/2] RUN make", false, t.plusSeconds(61), t.plusSeconds(70), null);
        ImageBuild.built(app, APP, List.of(TOOL), false, t.plusSeconds(75));
        appBuild = keep(parts, app);

        JsonNode body = new ObjectMapper().readTree("{\"Image\":\"app:1\",\"Cmd\":[\"make\",\"test\"],"
                + "\"Env\":[\"TOKEN=" + SECRET + "\"],\"HostConfig\":{\"Binds\":[\"results:/results:ro\"]}}");
        ActivityRecord created = ContainerCreate.start(body, "runner", APP, t.plusSeconds(100), AGENTS, Mounts.of(body), PLACES);
        ContainerCreate.created(created, CONTAINER, APP, t.plusSeconds(101), Mounts.of(body), PLACES);
        create = keep(parts, created);

        ActivityRecord committed = ContainerCommit.start(Map.of("repo", List.of("app"), "tag", List.of("2")),
                CONTAINER, APP, t.plusSeconds(200), AGENTS);
        ContainerCommit.committed(committed, COMMITTED, CONTAINER, APP, t.plusSeconds(202));
        commit = keep(parts, committed);

        ActivityRecord failed = ImageBuild.start(Map.of("t", List.of("broken:1")), t.plusSeconds(300), AGENTS);
        failed.failed(t.plusSeconds(301), "The command '/bin/sh -c false' returned a non-zero code: 1");
        failedBuild = keep(parts, failed);
    }

    private static String keep(ThrowawayRecording parts, ActivityRecord record) {
        parts.recording.keeper().store(record).join();
        return record.iri();
    }
}
