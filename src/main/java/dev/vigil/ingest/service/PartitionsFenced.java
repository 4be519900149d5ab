package dev.vigil.ingest.service;

import dev.vigil.store.StoreException;
import java.util.List;

/**
 * A flush was refused because another owner claimed some of its partitions since this one did (this replica was
 * expelled from the consumer group, e.g. frozen past its session timeout): nothing of the flush was stored.
 */
public final class PartitionsFenced extends StoreException {

    private final List<ConsumedOffset> partitions;

    PartitionsFenced(List<ConsumedOffset> partitions) {
        super("partitions claimed by another owner: " + partitions, null);
        this.partitions = List.copyOf(partitions);
    }

    /** The offsets this owner tried to store, with the epoch it claimed them with. */
    public List<ConsumedOffset> partitions() {
        return partitions;
    }
}
