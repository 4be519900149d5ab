package dev.vigil.ingest.service;

/**
 * Where a partition's consumer resumes: the offset of the first record whose samples are not yet in the counts
 * stored with it. Stored in the same transaction as those counts ({@link SeriesRepository#merge}).
 */
public record ConsumedOffset(String topic, int partition, long next) {
}
