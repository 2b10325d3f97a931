-- How far in event time a consumed topic has been applied: the latest occurredAt (clamped to the
-- consumer's clock) of an event whose effect committed. Written in the same transaction as that
-- effect; the breach scheduler announces nothing due after it while the consumer is behind.
create table consumer_watermark (
    topic       text primary key,
    occurred_at timestamptz not null
);
