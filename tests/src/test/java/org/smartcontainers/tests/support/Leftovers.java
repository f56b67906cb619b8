package org.smartcontainers.tests.support;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test class made on the daemons, removed (forced) when it is done: containers first, then
 * images in the order they were made, so a tag goes before the image ID behind it.
 */
public final class Leftovers implements AutoCloseable {
    private record Made(DockerDaemon daemon, boolean container, String reference) {
    }

    private final List<Made> made = new ArrayList<>();

    public synchronized String container(DockerDaemon daemon, String reference) {
        made.add(new Made(daemon, true, reference));
        return reference;
    }

    public synchronized String image(DockerDaemon daemon, String reference) {
        made.add(new Made(daemon, false, reference));
        return reference;
    }

    @Override
    public synchronized void close() {
        made.stream().filter(Made::container).forEach(m -> m.daemon().direct().run("rm", "-f", m.reference()));
        made.stream().filter(m -> !m.container()).forEach(m -> m.daemon().direct().run("rmi", "-f", m.reference()));
        made.clear();
    }
}
