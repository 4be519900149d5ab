-- Audit and overrides of gate decisions, and the risk stage (issue 15 items 4 and 5).
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

-- Who asked: the caller's name (a token name or an identity). NULL for decisions stored before.
ALTER TABLE gate_decisions ADD COLUMN requested_by VARCHAR(256);
-- How the deploy's predicted risk chose the limits (JSON); NULL for a policy without risk bands.
ALTER TABLE gate_decisions ADD COLUMN risk_json VARCHAR(2048);
-- A person's override of a FAIL or INCONCLUSIVE decision, once; verdict keeps the gate's own.
ALTER TABLE gate_decisions ADD COLUMN override_verdict VARCHAR(16);
ALTER TABLE gate_decisions ADD COLUMN override_reason VARCHAR(1024);
ALTER TABLE gate_decisions ADD COLUMN overridden_by VARCHAR(256);
ALTER TABLE gate_decisions ADD COLUMN overridden_at TIMESTAMP WITH TIME ZONE;
-- A gate asked again for an overridden release finds the override by release.
CREATE INDEX gate_decisions_by_release ON gate_decisions (service, environment, version);
