package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Watches a classic build's context as it streams to the daemon, holding nothing but one tar
 * header and the Dockerfile: a digest and the size of it (as sent), and the Dockerfile's bytes. The
 * digest is of the whole context, or of its listing (the tar's header blocks and the data of its
 * metadata entries, pax and GNU long names), which reads only those and copies no file's content.
 * A plain or gzip-compressed tar (what docker clients send) is opened as it passes; of a bzip2, xz
 * or zstd one only the whole digest and the size are taken.
 */
final class BuildContext {
    private static final int BLOCK = 512;
    private static final int MAX_DOCKERFILE = 1 << 20;

    private final ContextDigest kind;
    private final MessageDigest digest = Digests.sha256();
    private final String dockerfilePath;
    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long size;
    private long files;
    private long fileBytes;
    private long entryData; // data bytes of the current entry still to come
    private long entryPadding; // then its padding up to the next 512-byte block
    private boolean capturing;
    /** The current entry's data is metadata (pax headers, GNU long names): part of the listing. */
    private boolean listingData;
    private ByteArrayOutputStream dockerfile;
    private boolean compressed;
    private boolean ended;
    private boolean dockerfileDone;
    private GzipStream gzip;

    BuildContext(String dockerfilePath, ContextDigest kind) {
        this.dockerfilePath = dockerfilePath.startsWith("./") ? dockerfilePath.substring(2) : dockerfilePath;
        this.kind = kind;
    }

    /** Reused for every piece: a context can be GiBs, and garbage at that rate costs GC pauses. */
    private final byte[] scratch = new byte[1 << 16];

    /**
     * Whether a context that begins with these bytes is read at next to no cost: a plain tar whose
     * listing is digested, walked header by header where it lies, no byte of a file's content
     * touched. Then the relay's own thread may read it as it passes.
     */
    static boolean readsCheaply(ContextDigest kind, ByteBuf first) {
        byte[] magic = firstBytes(first);
        return kind == ContextDigest.LISTING && !isGzip(magic) && !isCompressed(magic);
    }

    void update(ByteBuf content) {
        if (size == 0 && content.isReadable()) {
            byte[] first = firstBytes(content);
            if (isGzip(first)) {
                gzip = new GzipStream((bytes, offset, count) -> parse(Unpooled.wrappedBuffer(bytes, offset, count)));
            } else {
                compressed = isCompressed(first);
            }
        }
        size += content.readableBytes();
        boolean digesting = kind == ContextDigest.WHOLE || compressed;
        boolean inflating = gzip != null && !ended && !compressed;
        if (digesting || inflating) { // one copy of each piece serves both
            for (int at = content.readerIndex(); at < content.writerIndex(); ) {
                int n = Math.min(scratch.length, content.writerIndex() - at);
                content.getBytes(at, scratch, 0, n);
                if (digesting) {
                    digest.update(scratch, 0, n);
                }
                if (inflating) {
                    gzip.feed(scratch, 0, n);
                }
                at += n;
            }
        }
        if (gzip == null && !ended && !compressed) {
            parse(content); // a plain tar is walked where it lies
        }
    }

    /** Walks the tar: a file's content is skipped, not copied, unless it is the Dockerfile or metadata. */
    private void parse(ByteBuf bytes) {
        int at = bytes.readerIndex();
        int limit = bytes.writerIndex();
        while (at < limit && !ended) {
            if (entryData > 0) {
                int n = (int) Math.min(entryData, limit - at);
                if (capturing && dockerfile.size() < MAX_DOCKERFILE) {
                    dockerfile.writeBytes(ByteBufUtil.getBytes(bytes, at, Math.min(n, MAX_DOCKERFILE - dockerfile.size())));
                }
                if (listingData && kind == ContextDigest.LISTING) {
                    digest.update(ByteBufUtil.getBytes(bytes, at, n));
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
            bytes.getBytes(at, header, headerFill, n);
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
        if (entrySize < 0) {
            ended = true; // not a tar header: nothing more can be read from it (the daemon judges the context)
            return;
        }
        String name = text(0, 100);
        String prefix = text(345, 155);
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        if (path.startsWith("./")) {
            path = path.substring(2);
        }
        byte type = header[156];
        if (kind == ContextDigest.LISTING) {
            digest.update(header);
        }
        listingData = type == 'x' || type == 'g' || type == 'L' || type == 'K';
        if (type == '0' || type == 0 || type == '7') {
            files++;
            fileBytes += entrySize;
        }
        entryData = entrySize;
        entryPadding = (BLOCK - entrySize % BLOCK) % BLOCK;
        if ((type == '0' || type == 0) && path.equals(dockerfilePath) && dockerfile == null) {
            dockerfile = new ByteArrayOutputStream();
            capturing = true;
        }
    }

    /** SHA-256 of what {@link #kind} says: the whole context, or its listing; the whole one when compressed. */
    String sha256Hex() {
        return HexFormat.of().formatHex(digestSoFar().digest());
    }

    /** The digest is of the listing: the context was a tar that could be opened and listing was asked for. */
    boolean digestsListing() {
        return kind == ContextDigest.LISTING && !compressed;
    }

    /** Regular files in the tar (so far). */
    long files() {
        return files;
    }

    /** Their content's bytes. */
    long fileBytes() {
        return fileBytes;
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

    /** A header's octal field; -1 when it is not one (then the bytes are no tar header). */
    private long octal(int offset, int length) {
        String digits = text(offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String text(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] firstBytes(ByteBuf content) {
        byte[] first = new byte[Math.min(4, content.readableBytes())];
        content.getBytes(content.readerIndex(), first);
        return first;
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    /** Compressed other than with gzip: bzip2, xz or zstd, by their magic numbers. */
    private static boolean isCompressed(byte[] b) {
        int length = b.length;
        return length >= 3 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' // bzip2
                || length >= 4 && (b[0] & 0xff) == 0xfd && b[1] == '7' && b[2] == 'z' && b[3] == 'X' // xz
                || length >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xb5 && (b[2] & 0xff) == 0x2f
                        && (b[3] & 0xff) == 0xfd; // zstd
    }
}
