-- Identities (issue 13 item 4).
-- Tokens may expire: NULL means never (the operator's configured admin token, tokens issued before).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
-- Tokens may be limited to services and environments: comma-separated glob patterns, NULL for any.
ALTER TABLE api_tokens ADD COLUMN service_scope VARCHAR(4200);
ALTER TABLE api_tokens ADD COLUMN environment_scope VARCHAR(4200);
