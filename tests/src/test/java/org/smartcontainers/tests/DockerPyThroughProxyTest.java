package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/** docker-py (7.1 here; {@link Clients#python} says which interpreter) through the proxy. */
class DockerPyThroughProxyTest {

    @Test
    void dockerPyCallsThroughTheProxy() {
        Path script = Paths.repo().resolve("tests/src/test/resources/python/docker_py_scenarios.py");
        try (ProxyProcess proxy = ProxyProcess.start()) {
            Run.Result result = Run.run(proxy.env(), null, List.of(Clients.python(), script.toString(),
                    DockerSocket.BASE_IMAGE, UUID.randomUUID().toString().substring(0, 8))).ok();
            assertEquals("""
                    ping: True
                    images: True
                    build: True
                    run: built-by-docker-py
                    logs: first,second
                    exec_run: 4 exec-out
                    commit: docker-py
                    """, result.stdout(), result.stderr());
        }
    }
}
