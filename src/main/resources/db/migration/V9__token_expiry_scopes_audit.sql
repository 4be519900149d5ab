-- Identities (issue 13 item 4).
-- Tokens may expire: NULL means never (the operator's configured admin token, tokens issued before).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
-- Tokens may be limited to services and environments: comma-separated glob patterns, NULL for any.
ALTER TABLE api_tokens ADD COLUMN service_scope VARCHAR(4200);
ALTER TABLE api_tokens ADD COLUMN environment_scope VARCHAR(4200);
-- Every use that changes something: who (token id and name, never the secret), what, when, on which service.
CREATE TABLE audit_events (
    id          VARCHAR(36)   PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    token_id    VARCHAR(16)   NOT NULL,
    token_name  VARCHAR(128)  NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    service     VARCHAR(256),
    environment VARCHAR(256),
    detail      VARCHAR(1024)
);
CREATE INDEX audit_events_by_time ON audit_events (occurred_at);
