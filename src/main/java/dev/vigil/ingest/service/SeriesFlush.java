package dev.vigil.ingest.service;

import java.util.List;

/**
 * What one drain of the registry hands over: the counts, the offsets up to which they are complete, and the derived
 * state captured with them ({@link DerivedState}); all three are stored in one transaction.
 */
public record SeriesFlush(List<SeriesDelta> deltas, List<ConsumedOffset> offsets, DerivedState.Capture derived) {

    public SeriesFlush(List<SeriesDelta> deltas, List<ConsumedOffset> offsets) {
        this(deltas, offsets, DerivedState.NOTHING);
    }

    public boolean isEmpty() {
        return deltas.isEmpty() && offsets.isEmpty() && derived == DerivedState.NOTHING;
    }
}
