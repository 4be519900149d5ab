-- Keyless CI and audit filters (issue 13 item 5).
-- A CI pipeline's identity is audited like a token: id 'oidc:<issuer>' (issuer names are up to 32 characters) and
-- name 'oidc:<issuer>:<claims>' (up to 200).
ALTER TABLE audit_events ALTER COLUMN token_id SET DATA TYPE VARCHAR(64);
ALTER TABLE audit_events ALTER COLUMN token_name SET DATA TYPE VARCHAR(256);
-- The audit is filtered by actor and action within a time range, and pruned by age.
CREATE INDEX audit_events_by_actor ON audit_events (token_name, occurred_at);
CREATE INDEX audit_events_by_action ON audit_events (action, occurred_at);
