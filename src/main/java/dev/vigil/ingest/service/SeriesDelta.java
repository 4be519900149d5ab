package dev.vigil.ingest.service;

import dev.vigil.core.SeriesKey;
import java.time.Instant;

/** What one series saw between two flushes of the registry. */
public record SeriesDelta(SeriesKey key, Instant firstSeen, Instant lastSeen, long count, double lastValue) {
}
