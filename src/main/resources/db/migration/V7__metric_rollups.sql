-- Vigil's own samples for the gate's SLO and canary checks, rolled up per series per interval (vigil.gate.rollups.*),
-- so that every replica, and a restarted one, reads the same evidence. Pruned after the retention.
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

CREATE TABLE metric_rollups (
    series_id    CHAR(32)         NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    service      VARCHAR(256)     NOT NULL,
    metric       VARCHAR(256)     NOT NULL,
    labels       VARCHAR(16384)   NOT NULL,
    sample_count BIGINT           NOT NULL,
    value_sum    DOUBLE PRECISION NOT NULL,
    value_min    DOUBLE PRECISION NOT NULL,
    value_max    DOUBLE PRECISION NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    last_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (series_id, bucket_start)
);
CREATE INDEX metric_rollups_by_metric ON metric_rollups (service, metric, bucket_start);
CREATE INDEX metric_rollups_by_time ON metric_rollups (bucket_start);
