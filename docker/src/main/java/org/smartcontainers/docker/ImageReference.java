package org.smartcontainers.docker;

import java.util.regex.Pattern;

/**
 * An image reference read as Docker normalises it ({@code distribution/reference}): {@code busybox} is
 * registry {@code docker.io}, repository {@code library/busybox}, tag {@code latest}; {@code localhost:5000/x:1}
 * is registry {@code localhost:5000}, repository {@code x}, tag {@code 1}. No checks beyond the split: the
 * daemon has accepted the reference already.
 *
 * @param tag    null when the reference names a digest, or when none is given and {@code defaultTag} is false
 * @param digest {@code sha256:…}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern IMAGE_ID = Pattern.compile("(sha256:)?[0-9a-f]{1,64}");

    /** The reference, with {@code latest} for a missing tag when it names no digest. */
    public static ImageReference parse(String reference) {
        return parse(reference, true);
    }

    public static ImageReference parse(String reference, boolean defaultTag) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.equals("index.docker.io") ? DOCKER_HUB : first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && rest.indexOf('/') < 0) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null && defaultTag) {
            tag = "latest";
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** True for what Docker takes as an image ID or a prefix of one, not a name. */
    public static boolean isImageId(String reference) {
        return IMAGE_ID.matcher(reference).matches();
    }

    /** The repository as Docker shows it: {@code busybox}, {@code team/tool}, {@code localhost:5000/x}. */
    public String familiarName() {
        if (!registry.equals(DOCKER_HUB)) {
            return registry + "/" + repository;
        }
        return repository.startsWith("library/") && repository.indexOf('/', 8) < 0 ? repository.substring(8) : repository;
    }

    /** The reference as Docker shows it (its events, {@code RepoTags}): {@code busybox:latest}, {@code x@sha256:…}. */
    public String familiar() {
        return familiarName() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
