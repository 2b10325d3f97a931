-- webhook-service: subscriptions, the events it consumed (for delivery bodies and replay), deliveries and their attempts.

create table subscription (
    id                          uuid primary key,
    name                        text        not null,
    description                 text,
    target_url                  text        not null,
    -- ce_type filters: exact types (dev.itsm.incident.IncidentOpened) or one service's types (dev.itsm.incident.*)
    event_types                 jsonb       not null,
    -- exact ce_subject values (aggregate ids); empty = every subject
    subjects                    jsonb       not null,
    state                       text        not null check (state in ('ACTIVE', 'PAUSED', 'DISABLED')),
    disabled_reason             text,
    -- Standard Webhooks secret (whsec_<base64>); the previous one stays valid until previous_secret_expires_at
    secret                      text        not null,
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    created_by                  text        not null,
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null,
    version                     bigint      not null
);
create index subscription_state on subscription (state);
create index subscription_created on subscription (created_at, id);
create index subscription_feed on subscription (updated_at, id);

-- Every event consumed from an itsm.*.events topic, as a CloudEvent: the body of its deliveries and the source of replays.
create table webhook_event (
    id                  bigserial   primary key,
    event_id            text        not null,
    topic               text        not null,
    type                text        not null,
    source              text        not null,
    subject             text,
    time                timestamptz not null,
    data_content_type   text,
    data                bytea       not null,
    -- other CloudEvent attributes and trace context carried as ce-* headers (traceparent, …)
    extensions          jsonb       not null default '{}'::jsonb,
    received_at         timestamptz not null,
    unique (source, event_id)
);
create index webhook_event_time on webhook_event (time, id);
create index webhook_event_received on webhook_event (received_at);

-- One event to one subscription. Ordering per (subscription, subject): only the oldest open delivery of a
-- subject is attempted. PENDING and IN_FLIGHT are open; DELIVERED and DEAD are final.
create table delivery (
    id                  bigserial   primary key,
    subscription_id     uuid        not null references subscription (id) on delete cascade,
    event_ref           bigint      not null references webhook_event (id),
    ordering_key        text        not null,
    state               text        not null check (state in ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'DEAD')),
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null,
    lease_until         timestamptz,
    first_attempt_at    timestamptz,
    last_attempt_at     timestamptz,
    last_status         integer,
    last_duration_ms    integer,
    last_error          text,
    delivered_at        timestamptz,
    reason              text        not null default 'EVENT' check (reason in ('EVENT', 'REPLAY', 'REDELIVER', 'PING')),
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create index delivery_due on delivery (next_attempt_at) where state in ('PENDING', 'IN_FLIGHT');
create index delivery_head on delivery (subscription_id, ordering_key, id) where state in ('PENDING', 'IN_FLIGHT');
create index delivery_log on delivery (subscription_id, id);
create index delivery_log_state on delivery (subscription_id, state, id);
create index delivery_event on delivery (event_ref);

-- What each attempt got back: status, time, error, and a bounded prefix of the response body.
create table delivery_attempt (
    delivery_id     bigint      not null references delivery (id) on delete cascade,
    attempt         integer     not null,
    started_at      timestamptz not null,
    duration_ms     integer     not null,
    status          integer,
    error           text,
    response_prefix text,
    primary key (delivery_id, attempt)
);
