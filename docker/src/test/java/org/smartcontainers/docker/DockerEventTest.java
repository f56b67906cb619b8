package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smartcontainers.docker.Streams.text;
import static org.smartcontainers.docker.Streams.xs;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events as Docker 26 and 20.10 wrote them (from their streams, the labels left out). */
class DockerEventTest {
    private static final String ID = "a3d80f7826f26984c17f5e5f2832557bca2a3f0804f61ec0845b70d7602a9b14";
    private static final String EXEC = "3acdbe9c33bf45304c0b32d7969b0ae93b65f98a2102397341600fd47ae5e809";

    @Test
    void aDieGivesItsExitCodeAndItsTimeToTheNanosecond() throws IOException {
        DockerEvent die = DockerEvent.parse("{\"status\":\"die\",\"id\":\"" + ID + "\",\"from\":\"sc-busybox:latest\","
                + "\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"" + ID + "\",\"Attributes\":{\"execDuration\":\"0\","
                + "\"exitCode\":\"3\",\"image\":\"sc-busybox:latest\",\"name\":\"nervous_wilson\"}},\"scope\":\"local\","
                + "\"time\":1795809695,\"timeNano\":1795809695255968138}");
        assertEquals("container", die.type());
        assertEquals("die", die.action());
        assertNull(die.detail());
        assertEquals(ID, die.actorId());
        assertEquals("3", die.attribute("exitCode"));
        assertEquals("nervous_wilson", die.attribute("name"));
        assertEquals(Instant.parse("2026-11-27T20:01:35.255968138Z"), die.time());
    }

    @Test
    void anExecsActionIsItsNameItsCommandTheDetail() throws IOException {
        DockerEvent create = DockerEvent.parse("{\"status\":\"exec_create: sh -c exit 5\",\"id\":\"" + ID + "\","
                + "\"Type\":\"container\",\"Action\":\"exec_create: sh -c exit 5\",\"Actor\":{\"ID\":\"" + ID + "\","
                + "\"Attributes\":{\"execID\":\"" + EXEC + "\",\"name\":\"probe\"}},\"time\":1795809693,\"timeNano\":1795809693938804003}");
        assertEquals("exec_create", create.action());
        assertEquals("sh -c exit 5", create.detail());
        assertEquals(EXEC, create.attribute("execID"));
    }

    @Test
    void whatIsNotAnEventIsRefused() {
        assertThrows(IOException.class, () -> DockerEvent.parse("[1]"));
        assertThrows(IOException.class, () -> DockerEvent.parse("{\"Type\":\"container\"}"));
        assertThrows(IOException.class, () -> DockerEvent.parse("{not json"));
    }

    @Test
    void sinceIsSecondsAndNanosecondsAsDockerReadsIt() {
        assertEquals("1795809695.000000042", DockerEvent.since(1795809695_000000042L));
        assertEquals("1795809695.255968138", DockerEvent.since(1795809695255968138L));
    }


    @Test
    void aStreamIsReadMessageByMessageAndAGiantLabelIsSkippedUnread() throws IOException {
        // Docker puts a container's labels in its events' attributes, unbounded: 1 GiB here, far more than the
        // test's heap could hold as a string; only the attributes the recorders read are kept.
        long giant = 1L << 30;
        InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                text("{\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"" + ID + "\",\"Attributes\":"
                        + "{\"big\":\""), xs(giant), text("\",\"name\":\"n1\"}},\"time\":1795809695}\n[1]\n"
                        + "{\"Type\":\"container\"}\n{\"status\":\"die\",\"id\":\"" + ID + "\",\"time\":1795809696}\n"))));
        try (DockerEvent.Stream stream = DockerEvent.stream(body)) {
            assertTrue(stream.advance());
            assertEquals("create", stream.event().action());
            assertEquals("n1", stream.event().attribute("name"));
            assertNull(stream.event().attribute("big"), "an attribute no recorder reads is skipped");
            assertTrue(stream.advance());
            assertNull(stream.event());
            assertEquals("not an event: not a JSON object", stream.notAnEvent());
            assertTrue(stream.advance());
            assertEquals("not an event: no action, actor or time", stream.notAnEvent());
            assertTrue(stream.advance());
            assertEquals("die", stream.event().action());
            assertEquals(ID, stream.event().actorId());
            assertFalse(stream.advance());
        }
    }
}
