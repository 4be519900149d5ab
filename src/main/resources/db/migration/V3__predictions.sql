-- Failure predictions and trained per-service models.
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

CREATE TABLE predictions (
    id               VARCHAR(36)   PRIMARY KEY,
    deploy_id        VARCHAR(36),
    source           VARCHAR(16)   NOT NULL,
    service          VARCHAR(256)  NOT NULL,
    environment      VARCHAR(256)  NOT NULL,
    version          VARCHAR(256),
    repository       VARCHAR(512),
    base_commit      VARCHAR(256),
    effective_base   VARCHAR(64),
    commit_sha       VARCHAR(256),
    commit_count     INTEGER,
    status           VARCHAR(16)   NOT NULL,
    reason           VARCHAR(1024),
    probability      DOUBLE PRECISION,
    risk_level       VARCHAR(8),
    model_version    VARCHAR(256),
    cold_start       BOOLEAN,
    note             VARCHAR(1024),
    explanations     VARCHAR(16384),
    features         VARCHAR(16384),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX predictions_by_time ON predictions (created_at);
CREATE INDEX predictions_by_service ON predictions (service, environment, created_at);
CREATE INDEX predictions_by_deploy ON predictions (deploy_id);

CREATE TABLE prediction_models (
    version      VARCHAR(256)  PRIMARY KEY,
    service      VARCHAR(256)  NOT NULL,
    kind         VARCHAR(64)   NOT NULL,
    trained_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    training_rows INTEGER      NOT NULL,
    summary      VARCHAR(4096),
    artefact     TEXT          NOT NULL
);
CREATE INDEX prediction_models_by_service ON prediction_models (service, trained_at);
