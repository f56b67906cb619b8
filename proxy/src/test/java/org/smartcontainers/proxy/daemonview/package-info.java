/**
 * How the Docker daemon reads a request that reaches it, written from the sources of what reads it
 * (Go's net/http, net/url, path, mime and encoding/json; gorilla/mux as moby 26 vendors and
 * configures it; BuildKit's Dockerfile parser as moby's commit uses it), for the fuzz tests'
 * oracles. Nothing here calls the proxy's own reading of requests ({@code DockerApiPath},
 * {@code GoJson}): an oracle that shared the proxy's mistakes would find none of them.
 *
 * <p>Strings that hold raw HTTP bytes (a request line, a target, a query, a decoded path) are
 * ISO-8859-1: one char per byte, as Go's strings are bytes.
 */
package org.smartcontainers.proxy.daemonview;
