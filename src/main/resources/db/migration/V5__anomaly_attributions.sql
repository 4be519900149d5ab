-- Deploy -> anomaly attribution: the probable-cause deploy of an anomaly, with a confidence and its reasons.
-- One row per anomaly (re-attributing replaces it); a deploy may be the cause of many anomalies.
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

CREATE TABLE anomaly_attributions (
    anomaly_id         VARCHAR(36)    PRIMARY KEY REFERENCES anomalies (id),
    deploy_id          VARCHAR(36)    NOT NULL REFERENCES deploys (id),
    service            VARCHAR(256)   NOT NULL,
    environment        VARCHAR(256)   NOT NULL,
    version            VARCHAR(256)   NOT NULL,
    commits            VARCHAR(1024),
    metric             VARCHAR(256)   NOT NULL,
    anomaly_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    confidence         DOUBLE PRECISION NOT NULL,
    reasons            VARCHAR(8192)  NOT NULL,
    attributed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX anomaly_attributions_by_deploy ON anomaly_attributions (deploy_id);
CREATE INDEX anomaly_attributions_by_service ON anomaly_attributions (service, confidence);
