package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Instant;
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
}
