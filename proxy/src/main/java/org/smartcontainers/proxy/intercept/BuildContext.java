package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Watches a classic build's context as it streams to the daemon, holding nothing but one tar
 * header and the Dockerfile: the SHA-256 and size of all of it (as sent), and the Dockerfile's
 * bytes. A plain or gzip-compressed tar (what docker clients send) is opened as it passes; of a
 * bzip2, xz or zstd one only the digest and size are taken.
 */
final class BuildContext {
    private static final int BLOCK = 512;
    private static final int MAX_DOCKERFILE = 1 << 20;

    private final MessageDigest digest = Digests.sha256();
    private final String dockerfilePath;
    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long size;
    private long entryData; // data bytes of the current entry still to come
    private long entryPadding; // then its padding up to the next 512-byte block
    private boolean capturing;
    private ByteArrayOutputStream dockerfile;
    private boolean compressed;
    private boolean ended;
    private boolean dockerfileDone;
    private GzipStream gzip;

    BuildContext(String dockerfilePath) {
        this.dockerfilePath = dockerfilePath.startsWith("./") ? dockerfilePath.substring(2) : dockerfilePath;
    }

    /** Reused for every piece: a context can be GiBs, and garbage at that rate costs GC pauses on the event loop. */
    private final byte[] scratch = new byte[1 << 16];

    void update(ByteBuf content) {
        for (int at = content.readerIndex(); at < content.writerIndex(); ) {
            int n = Math.min(scratch.length, content.writerIndex() - at);
            content.getBytes(at, scratch, 0, n);
            update(scratch, n);
            at += n;
        }
    }

    private void update(byte[] bytes, int length) {
        digest.update(bytes, 0, length);
        if (size == 0) {
            if (length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                gzip = new GzipStream(this::parse);
            } else {
                compressed = isCompressed(bytes, length);
            }
        }
        size += length;
        if (ended || compressed) {
            return;
        }
        if (gzip != null) {
            gzip.feed(bytes, 0, length);
        } else {
            parse(bytes, 0, length);
        }
    }

    private void parse(byte[] bytes, int offset, int count) {
        int at = offset;
        int limit = offset + count;
        while (at < limit && !ended) {
            if (entryData > 0) {
                int n = (int) Math.min(entryData, limit - at);
                if (capturing && dockerfile.size() < MAX_DOCKERFILE) {
                    dockerfile.write(bytes, at, Math.min(n, MAX_DOCKERFILE - dockerfile.size()));
                }
                entryData -= n;
                at += n;
                continue;
            }
            if (capturing) {
                dockerfileDone = true;
            }
            capturing = false;
            if (entryPadding > 0) {
                int n = (int) Math.min(entryPadding, limit - at);
                entryPadding -= n;
                at += n;
                continue;
            }
            int n = Math.min(BLOCK - headerFill, limit - at);
            System.arraycopy(bytes, at, header, headerFill, n);
            headerFill += n;
            at += n;
            if (headerFill == BLOCK) {
                headerFill = 0;
                startEntry();
            }
        }
    }

    private void startEntry() {
        if (header[0] == 0) {
            ended = true; // end-of-archive block
            return;
        }
        long entrySize = octal(124, 12);
        String name = text(0, 100);
        String prefix = text(345, 155);
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        if (path.startsWith("./")) {
            path = path.substring(2);
        }
        byte type = header[156];
        entryData = entrySize;
        entryPadding = (BLOCK - entrySize % BLOCK) % BLOCK;
        if ((type == '0' || type == 0) && path.equals(dockerfilePath) && dockerfile == null) {
            dockerfile = new ByteArrayOutputStream();
            capturing = true;
        }
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(digestSoFar().digest());
    }

    long size() {
        return size;
    }

    /** The Dockerfile's text, or null when it was not in the context (or the context was compressed). */
    String dockerfile() {
        return dockerfile == null ? null : dockerfile.toString(StandardCharsets.UTF_8);
    }

    String dockerfileSha256Hex() {
        return dockerfile == null ? null : Digests.sha256Hex(dockerfile.toByteArray());
    }

    boolean compressed() {
        return compressed;
    }

    /** Nothing more will be learnt about the Dockerfile: it has passed, the archive ended, or it cannot be opened. */
    boolean decided() {
        return dockerfileDone || ended || compressed || gzip != null && gzip.broken();
    }

    /** A copy, so the running digest can go on. */
    private MessageDigest digestSoFar() {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private long octal(int offset, int length) {
        String digits = text(offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private String text(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isCompressed(byte[] b, int length) {
        return length >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' // bzip2
                || length >= 4 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X' // xz
                || length >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xb5 && (b[2] & 0xff) == 0x2f
                        && (b[3] & 0xff) == 0xfd; // zstd
    }
}
