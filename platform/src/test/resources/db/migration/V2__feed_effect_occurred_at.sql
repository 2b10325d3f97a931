-- the instant the consumer's handler was given as the event's occurredAt (clamped when in the future)
alter table feed_effect add column occurred_at timestamptz;
