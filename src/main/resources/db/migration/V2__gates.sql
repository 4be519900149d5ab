-- Gate decisions (audit): one row per evaluation, PENDING while the server waits for evidence, DONE afterwards.
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

CREATE TABLE gate_decisions (
    id             VARCHAR(36)  PRIMARY KEY,
    request_id     VARCHAR(128),
    service        VARCHAR(256) NOT NULL,
    environment    VARCHAR(256) NOT NULL,
    version        VARCHAR(256) NOT NULL,
    commit_sha     VARCHAR(256) NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    verdict        VARCHAR(16),
    score          DOUBLE PRECISION,
    reason         VARCHAR(4096),
    policy_name    VARCHAR(256) NOT NULL,
    policy_version VARCHAR(64),
    checks_json    TEXT         NOT NULL,
    inputs_json    TEXT         NOT NULL,
    url            VARCHAR(2048) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT gate_decisions_request_id UNIQUE (request_id)
);
CREATE INDEX gate_decisions_by_time ON gate_decisions (created_at);
CREATE INDEX gate_decisions_by_service ON gate_decisions (service, environment, created_at);
CREATE INDEX gate_decisions_pending ON gate_decisions (status);
