-- Parking: an outbox row that can never be published (too large for the producer, not
-- serialisable, refused by the broker as invalid) is set aside with its error instead of blocking
-- the relay. Later rows of the same aggregate are parked behind it (failure says which row they
-- wait for), so consumers never see an aggregate's events out of order; other aggregates go on.
-- A row is pending when it is neither published nor parked; re-driving clears failed_at/failure.
alter table outbox_event add column failed_at timestamptz;
alter table outbox_event add column failure text;

drop index outbox_event_pending;
create index outbox_event_pending on outbox_event (id) where published_at is null and failed_at is null;
-- the relay's "is an earlier row of this aggregate parked?" probe and the admin listing
create index outbox_event_parked on outbox_event (topic, aggregate_id, id) where failed_at is not null;
