package org.smartcontainers.proxy.intercept;

/**
 * What a classic build's context is digested by. Its listing (the tar's headers: every path, mode,
 * size, owner and time, as sent) costs next to nothing and is what a BuildKit build records too;
 * its whole content (SHA-256 of every byte as sent) costs a core for about half a second per GiB,
 * which on a small machine slows the build itself.
 */
public enum ContextDigest {
    LISTING, WHOLE;

    /** {@code listing} or {@code whole}, as {@code sc daemon --context-digest} takes it. */
    public static ContextDigest parse(String text) {
        for (ContextDigest kind : values()) {
            if (kind.name().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--context-digest must be listing or whole, not " + text);
    }
}
