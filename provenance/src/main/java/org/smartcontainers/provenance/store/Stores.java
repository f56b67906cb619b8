package org.smartcontainers.provenance.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.smartcontainers.provenance.StoreLocation;

/** The one factory: {@code --store} picks the implementation. */
public final class Stores {
    private Stores() {
    }

    public static ProvenanceStore open(StoreLocation location) {
        if (location instanceof StoreLocation.InMemory) {
            return LocalStore.inMemory();
        }
        if (location instanceof StoreLocation.RemoteSparql remote) {
            return new RemoteStore(remote.endpoint());
        }
        StoreLocation.Tdb2Directory tdb2 = (StoreLocation.Tdb2Directory) location;
        try {
            Files.createDirectories(tdb2.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store directory " + tdb2.directory(), e);
        }
        return LocalStore.onDisk(tdb2.directory());
    }
}
