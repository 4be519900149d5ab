-- Dry run: the verdict a decision would have had with its dry-run checks (or its dry-run policy) enforced, kept
-- beside the enforced one; null when nothing was in dry run. The policy version (policy_version) is already stored.
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

ALTER TABLE gate_decisions ADD COLUMN dry_run_verdict VARCHAR(16);
ALTER TABLE gate_decisions ADD COLUMN dry_run_score DOUBLE PRECISION;
ALTER TABLE gate_decisions ADD COLUMN dry_run_reason VARCHAR(4096);
