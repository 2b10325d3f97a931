-- Repeats of a firing alert are counted at once but announced (AlertDeduplicated) at most once per
-- monitoring.dedup.announce-every: in a storm of repeats, one event per alert per interval instead of one per batch.
-- repeats_announced_at: when the last AlertDeduplicated of the alert was published (null: none yet);
-- unannounced_repeats: repeats counted since then, carried by the next one.
alter table alert add column repeats_announced_at timestamptz;
alter table alert add column unannounced_repeats integer not null default 0;
