package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.Http2Headers;
import org.smartcontainers.proxy.buildkit.FileSyncPacket;
import org.smartcontainers.proxy.buildkit.InvalidMessageException;
import org.smartcontainers.proxy.h2.ConnectionWatcher;
import org.smartcontainers.proxy.h2.StreamWatcher;

/**
 * A client's BuildKit session ({@code POST /session}): the daemon opens the streams and the client
 * answers. Only the file sync is watched, for what it lists and for the Dockerfile's bytes; secrets,
 * SSH and registry credentials on the same connection pass unread.
 */
final class SessionConnectionWatcher implements ConnectionWatcher {
    static final String DIFF_COPY = "/moby.filesync.v1.FileSync/DiffCopy";

    private final SessionFiles files;
    private final Runnable closed;

    SessionConnectionWatcher(SessionFiles files, Runnable closed) {
        this.files = files;
        this.closed = closed;
    }

    @Override
    public StreamWatcher onStream(int streamId, Http2Headers requestHeaders) {
        CharSequence path = requestHeaders.path();
        CharSequence dirName = requestHeaders.get("dir-name");
        if (path == null || !DIFF_COPY.contentEquals(path) || dirName == null) {
            return null;
        }
        return new DirectorySync(files.transfer(dirName.toString()));
    }

    @Override
    public void onClose() {
        closed.run();
    }

    /** One directory's transfer: the client's STAT packets, and DATA where the Dockerfile's bytes are kept. */
    private static final class DirectorySync implements StreamWatcher {
        private final SessionFiles.Listing listing;
        private boolean unreadable;

        DirectorySync(SessionFiles.Listing listing) {
            this.listing = listing;
        }

        @Override
        public void observeResponse(ByteBuf message) {
            if (unreadable) {
                return;
            }
            try {
                FileSyncPacket.Type type = FileSyncPacket.type(message);
                if (type == FileSyncPacket.Type.STAT) {
                    listing.stat(FileSyncPacket.read(ByteBufUtil.getBytes(message)).stat());
                } else if (type == FileSyncPacket.Type.DATA && listing.keepsFiles()) {
                    FileSyncPacket.Packet packet = FileSyncPacket.read(ByteBufUtil.getBytes(message), true);
                    listing.data(packet.id(), packet.data() == null ? new byte[0] : packet.data());
                }
            } catch (InvalidMessageException e) {
                unreadable = true; // the daemon judges what it receives; the record says the listing was not read
            }
        }
    }
}
