-- Replicas (X): what monitoring-service needs to know of other services, fed by their events.
-- Each row keeps the occurredAt of the newest event applied; an older event is ignored (stale), so the replica
-- never rolls back. Deletions are kept as tombstones for the same reason. No foreign keys: events of different
-- aggregates arrive in any order (a relation may come before its CIs).

-- ------------------------------------------------------------------ catalogue: configuration items
create table replica_ci (
    id          uuid primary key,
    name        varchar(500) not null,
    deleted     boolean not null default false,
    updated_at  timestamptz not null
);
-- CiGraph.find by exact name, case-insensitive, among live CIs.
create index replica_ci_name_idx on replica_ci (lower(name)) where not deleted;

-- ------------------------------------------------------------------ catalogue: relations
-- CI-to-CI relations are stored normalised as (downstream, upstream): "a runs_on/depends_on b" → a is downstream of
-- b; "a hosts b" → b is downstream of a. A CI-to-SERVICE relation has service_id set and no upstream.
create table replica_ci_relation (
    relation_id    uuid primary key,
    source_id      uuid not null,
    relation       varchar(20) not null,
    target_type    varchar(10) not null,
    target_id      uuid not null,
    downstream_id  uuid not null,
    upstream_id    uuid,
    service_id     uuid,
    removed        boolean not null default false,
    updated_at     timestamptz not null,
    constraint replica_ci_relation_shape check (
        (target_type = 'CI' and upstream_id is not null and service_id is null)
        or (target_type = 'SERVICE' and upstream_id is null and service_id is not null))
);
-- upstream walk: edges leaving a CI towards what it depends on
create index replica_ci_relation_up_idx on replica_ci_relation (downstream_id, upstream_id)
    where not removed and target_type = 'CI';
-- downstream walk (servicesOf fallback): edges arriving at a CI from what depends on it
create index replica_ci_relation_down_idx on replica_ci_relation (upstream_id, downstream_id)
    where not removed and target_type = 'CI';
-- the services of a CI
create index replica_ci_service_idx on replica_ci_relation (downstream_id, service_id)
    where not removed and target_type = 'SERVICE';
-- a deleted CI takes its relations with it
create index replica_ci_relation_target_idx on replica_ci_relation (target_id);
create index replica_ci_relation_source_idx on replica_ci_relation (source_id);

-- ------------------------------------------------------------------ change-service: changes
create table replica_change (
    change_id      uuid primary key,
    number         varchar(20) not null,
    title          varchar(500),
    state          varchar(20) not null,
    planned_start  timestamptz,
    planned_end    timestamptz,
    ci_ids         uuid[] not null default '{}',
    service_ids    uuid[] not null default '{}',
    occurred_at    timestamptz not null
);
-- ChangeWindows.covering: only changes being carried out (or about to be) with a planned window matter.
create index replica_change_window_idx on replica_change (planned_start, planned_end)
    where state in ('SCHEDULED', 'IMPLEMENT') and planned_start is not null and planned_end is not null;
create index replica_change_ci_idx on replica_change using gin (ci_ids)
    where state in ('SCHEDULED', 'IMPLEMENT');
create index replica_change_service_idx on replica_change using gin (service_ids)
    where state in ('SCHEDULED', 'IMPLEMENT');

-- ------------------------------------------------------------------ change-service: maintenance windows
-- Recurring: on days_of_week, from start_time for duration_minutes, in time_zone (IANA id).
create table replica_maintenance_window (
    window_id         uuid primary key,
    name              varchar(200) not null,
    service_id        uuid,
    days_of_week      varchar(9)[] not null default '{}',
    start_time        time,
    duration_minutes  integer,
    time_zone         varchar(64),
    deleted           boolean not null default false,
    version           bigint not null,
    occurred_at       timestamptz not null
);
create index replica_maintenance_window_service_idx on replica_maintenance_window (service_id) where not deleted;

-- ------------------------------------------------------------------ incident-service: incidents of alert groups
create table replica_group_incident (
    incident_id     uuid primary key,
    alert_group_id  uuid not null,
    number          varchar(20) not null,
    state           varchar(20) not null,
    opened_at       timestamptz,
    occurred_at     timestamptz not null
);
create index replica_group_incident_group_idx on replica_group_incident (alert_group_id);
