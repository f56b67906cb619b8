package org.smartcontainers.provenance.store;

class InMemoryStoreTest extends ProvenanceStoreContract {
    @Override
    protected ProvenanceStore newStore() {
        return LocalStore.inMemory();
    }
}
