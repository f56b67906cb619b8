package org.smartcontainers.provenance.recording;

/**
 * Who is at the other end of a client connection: the peer's uid, as the kernel reports it for a
 * Unix socket. Unknown (-1) where the transport cannot say (the NIO fallback).
 */
public record Caller(int uid) {
    public static final Caller UNKNOWN = new Caller(-1);

    public boolean known() {
        return uid >= 0;
    }
}
