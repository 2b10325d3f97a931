-- monitoring-service schema (P): alerts (deduplicated per dedup key) and alert groups (alerts correlated over the CI
-- graph; one incident per group in incident-service). The intake queue and the rules are V1 (I), the replicas V3 (X);
-- no foreign keys between the owners' tables.

create sequence alert_number_seq start with 1 increment by 1;          -- ALT0000001
create sequence alert_group_number_seq start with 1000 increment by 1; -- ALG0001000

create table alert_group (
    id                  uuid         primary key,
    number              varchar(12)  not null unique,
    title               text         not null,
    root_ci_id          uuid,                                   -- null: a group of alerts without a CI (per service + name)
    root_ci_name        text,
    correlation_key     text,                                   -- service-only groups: "<serviceId>/<alert name>"
    service_ids         jsonb        not null default '[]',     -- [uuid, …] union of the members'
    major               boolean      not null default false,    -- service_ids spans two services or more
    state               varchar(20)  not null,                  -- OPEN | RESOLVED
    severity            text,                                   -- the highest of its alerts
    impact              varchar(10),
    urgency             varchar(10),
    alert_count         int          not null default 0,
    firing_count        int          not null default 0,        -- members FIRING and not suppressed
    auto_resolve        boolean      not null default true,     -- every member's rule allows it
    open_incident       boolean      not null default false,    -- some member's rule asks for one
    description         text,                                   -- the first alert's, for the incident
    opened_at           timestamptz  not null,
    last_alert_at       timestamptz  not null,
    hold_down           varchar(40)  not null default 'PT0S',   -- the longest flap window of its members (ISO-8601)
    resolving_since     timestamptz,                            -- every member clear: waiting out the hold-down
    resolve_after       timestamptz,                            -- resolving_since + hold_down
    resolved_at         timestamptz,
    reopen_count        int          not null default 0,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    version             bigint       not null
);
create index alert_group_updated_at on alert_group (updated_at, id);
create index alert_group_state on alert_group (state, updated_at, id);
create index alert_group_root_ci on alert_group (root_ci_id);
create index alert_group_services on alert_group using gin (service_ids jsonb_path_ops);
-- the correlator's candidates: OPEN groups by last alert, RESOLVED ones by resolution (reopen window)
create index alert_group_open_recent on alert_group (last_alert_at) where state = 'OPEN';
-- the group list's default order (last_alert_at desc, id desc), read backwards
create index alert_group_last_alert on alert_group (last_alert_at, id);
create index alert_group_resolved_recent on alert_group (resolved_at) where state = 'RESOLVED';
-- GroupResolutionJob: groups waiting out their flap window
create index alert_group_resolve_due on alert_group (resolve_after) where resolve_after is not null;

create table alert (
    id                  uuid          primary key,
    number              varchar(12)   not null unique,
    dedup_key           varchar(1000) not null,
    fingerprint         varchar(64),
    source              varchar(20)   not null,                 -- ALERTMANAGER | GENERIC | CLOUDEVENTS
    source_name         text,
    name                text          not null,
    summary             text,
    description         text,
    severity            text,
    labels              jsonb         not null default '{}',
    annotations         jsonb         not null default '{}',
    generator_url       text,
    rule_id             uuid,                                   -- null: the default rule
    rule_version        bigint,
    ci_id               uuid,
    ci_name             text,
    service_ids         jsonb         not null default '[]',
    impact              varchar(10),
    urgency             varchar(10),
    state               varchar(20)   not null,                 -- FIRING | RESOLVED
    starts_at           timestamptz,
    ends_at             timestamptz,
    first_seen_at       timestamptz   not null,
    last_seen_at        timestamptz   not null,
    occurrences         bigint        not null default 1,
    flap_count          int           not null default 0,
    group_id            uuid,
    suppression_reason  varchar(30),                            -- CHANGE_WINDOW | MAINTENANCE_WINDOW | MANUAL; null = not suppressed
    suppression_change_id     text,
    suppression_change_number text,
    suppression_window_id     text,
    suppression_window_name   text,
    suppressed_until    timestamptz,
    suppressed_by       text,
    suppression_note    text,
    suppressed_at       timestamptz,
    acknowledged_by     text,
    acknowledged_at     timestamptz,
    acknowledge_note    text,
    unrouted_reason     text,
    auto_resolve        boolean       not null default true,
    flap_window         varchar(40)   not null default 'PT5M',  -- ISO-8601 duration
    open_incident       boolean       not null default true,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    version             bigint        not null
);
-- at most one FIRING alert per dedup key
create unique index alert_dedup_firing on alert (dedup_key) where state = 'FIRING';
-- the processor's "latest alert per key" (one query per batch)
create index alert_dedup_latest on alert (dedup_key, first_seen_at desc, id desc);
-- lists (A): newest activity first, by state, the changes feed
create index alert_last_seen on alert (last_seen_at, id);
create index alert_first_seen on alert (first_seen_at, id);
create index alert_state_last_seen on alert (state, last_seen_at, id);
create index alert_updated_at on alert (updated_at, id);
create index alert_group_members on alert (group_id, last_seen_at, id);
create index alert_ci on alert (ci_id);
create index alert_services on alert using gin (service_ids jsonb_path_ops);
-- SuppressionExpiryJob: suppressions by end
create index alert_suppressed_until on alert (suppressed_until) where suppression_reason is not null;

-- intake entries the processor failed on alone (not transiently): set aside with the error instead of blocking the
-- queue behind them, so an accepted alert is never lost; an operator can look at them and put them back
create table alert_processing_failure (
    seq                 bigint       primary key,               -- the intake queue entry's seq
    alert               jsonb        not null,                  -- the NormalizedAlert as queued
    error               text         not null,
    failed_at           timestamptz  not null
);
