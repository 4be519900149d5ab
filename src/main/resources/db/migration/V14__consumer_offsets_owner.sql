-- Fencing of a partition's stored state: each owner of a partition of the metrics topic claims it on assignment
-- (owner_epoch + 1, SeriesRepository.claim) and stores its offsets, counts, rollups and detector state only while the
-- row still carries its epoch. A replica that slept past its session timeout and wakes up to flush finds a newer
-- epoch: its transaction is rolled back whole and the new owner's state stands. A claimed partition with nothing
-- stored yet has next_offset NULL (read from the partition's beginning).
-- Written to run unchanged on PostgreSQL (12+) and on H2 in PostgreSQL mode.

ALTER TABLE consumer_offsets ADD COLUMN owner_epoch BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE consumer_offsets ALTER COLUMN next_offset DROP NOT NULL;
