-- Where each partition of the metrics topic resumes: stored in the same transaction as the series counts that
-- reflect the records before it (SeriesRepository.merge), so a restart counts nothing twice and loses nothing.
CREATE TABLE consumer_offsets (
    topic        VARCHAR(249) NOT NULL,
    partition_id INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_id)
);
