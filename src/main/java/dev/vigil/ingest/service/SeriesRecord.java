package dev.vigil.ingest.service;

import java.time.Instant;
import java.util.Map;

/** A series in the registry: every distinct (service, name, labels) Vigil has seen. */
public record SeriesRecord(
        String id,
        String service,
        String name,
        Map<String, String> labels,
        Instant firstSeen,
        Instant lastSeen,
        long count,
        double lastValue) {
}
