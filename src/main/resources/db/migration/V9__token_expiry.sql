-- Tokens may expire (issue 13): NULL means never (the operator's configured admin token, tokens issued before).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
