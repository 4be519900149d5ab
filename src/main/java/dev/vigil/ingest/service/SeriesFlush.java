package dev.vigil.ingest.service;

import java.util.List;

/** What one drain of the registry hands over: the counts, and the offsets up to which they are complete. */
public record SeriesFlush(List<SeriesDelta> deltas, List<ConsumedOffset> offsets) {

    public boolean isEmpty() {
        return deltas.isEmpty() && offsets.isEmpty();
    }
}
