package org.smartcontainers.tests.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of a tar with every entry's times left out: each header's mtime (and so its
 * checksum) is masked, and PAX records of times dropped; every other byte counts. Docker 25 and
 * later stamp some entries of {@code docker save} with the time of the save, so two saves of one
 * image differ only there.
 */
public final class TarDigest {
    private static final int BLOCK = 512;

    private TarDigest() {
    }

    public static String ignoringTimes(Path tar) throws IOException {
        MessageDigest digest = sha256();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(tar))) {
            byte[] header = new byte[BLOCK];
            while (readBlock(in, header)) {
                long size = size(header);
                char type = (char) header[156];
                Arrays.fill(header, 136, 156, (byte) 0); // mtime, then the checksum that covers it
                digest.update(header);
                if (type == 'x' || type == 'g') { // PAX records: small
                    byte[] records = in.readNBytes((int) padded(size));
                    digest.update(withoutTimes(new String(records, 0, (int) size, StandardCharsets.UTF_8)));
                } else {
                    hashNext(in, digest, padded(size)); // streamed: a layer can be GiBs
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** False at the end: a block of zeros, or the end of the stream. */
    private static boolean readBlock(DataInputStream in, byte[] block) throws IOException {
        try {
            in.readFully(block);
        } catch (EOFException end) {
            return false;
        }
        for (byte b : block) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /** The size field: octal, or base-256 when its first byte has the high bit set. */
    private static long size(byte[] header) {
        if ((header[124] & 0x80) != 0) {
            long size = 0;
            for (int i = 125; i < 136; i++) {
                size = (size << 8) | (header[i] & 0xff);
            }
            return size;
        }
        String octal = new String(header, 124, 12, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** PAX records ({@code LEN key=value\n}) without those of times. */
    private static byte[] withoutTimes(String records) {
        StringBuilder kept = new StringBuilder();
        for (String record : records.split("\n")) {
            String key = record.substring(record.indexOf(' ') + 1).split("=", 2)[0];
            if (!key.equals("mtime") && !key.equals("atime") && !key.equals("ctime")) {
                kept.append(record).append('\n');
            }
        }
        return kept.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void hashNext(InputStream in, MessageDigest digest, long remaining) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("the tar ends inside an entry");
            }
            digest.update(buffer, 0, n);
            remaining -= n;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
