-- Platform tables every service has (shipped by the platform module, location db/platform).
-- Versions 0.x stay below the services' own V1, V2, ... migrations.

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka.
create table outbox_event (
    id              bigserial primary key,
    event_id        uuid        not null unique,          -- ce_id
    topic           text        not null,
    source          text        not null,                 -- ce_source
    event_type      text        not null,                 -- ce_type
    aggregate_type  text        not null,
    aggregate_id    text        not null,                 -- record key and ce_subject
    occurred_at     timestamptz not null,                 -- ce_time
    payload         text        not null,                 -- JSON, kept byte for byte
    published_at    timestamptz
);
create index outbox_event_pending on outbox_event (id) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Wake the relay at commit (NOTIFY is delivered when the inserting transaction commits).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('itsm_outbox', '');
    return null;
end $$;
create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Idempotent consumer (inbox): one row per handled ce_id, inserted with the effect.
create table processed_event (
    consumer      text        not null,
    event_id      text        not null,
    event_type    text,
    processed_at  timestamptz not null,
    primary key (consumer, event_id)
);
create index processed_event_processed_at on processed_event (processed_at);

-- Idempotency-Key on creating POSTs: the first response, replayed for the same key.
create table idempotency_key (
    scope         text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    status        int,
    location      text,
    version       bigint,
    body          text,
    created_at    timestamptz not null,
    primary key (scope, idem_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
