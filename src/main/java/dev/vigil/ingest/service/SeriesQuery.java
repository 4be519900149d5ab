package dev.vigil.ingest.service;

import java.time.Instant;

/** Filters for listing series; null means "any". A series matches a time range when it was seen inside it. */
public record SeriesQuery(String service, String name, Instant from, Instant to) {
}
