package dev.vigil.ingest.service;

/**
 * Where a partition's consumer resumes: the offset of the first record whose samples are not yet in the counts
 * stored with it. Stored in the same transaction as those counts ({@link SeriesRepository#merge}), and only while
 * the partition is still claimed with {@code epoch} ({@link SeriesRepository#claim}): 0 for a partition never
 * claimed.
 */
public record ConsumedOffset(String topic, int partition, long next, long epoch) {

    public ConsumedOffset(String topic, int partition, long next) {
        this(topic, partition, next, 0);
    }
}
