package org.smartcontainers.proxy.intercept;

import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.recording.Recording;

/** What every interception is handed; it owns none of it (the daemon makes and closes each part). */
record InterceptionContext(DockerClient docker, ImageReferences images, Recording recording, InterceptionThreads threads) {
}
