-- Every gate answer that shows a release's change without a deploy prediction looks for the newest prediction a
-- gate asked for that release (service, environment, version): by this index, not by scanning every prediction of
-- the service (predictions_by_service), which grows with each deploy.
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

CREATE INDEX predictions_by_release ON predictions (service, environment, version);
