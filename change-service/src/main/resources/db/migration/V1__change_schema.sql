-- change-service schema: change requests (with approvals and override record as JSON documents),
-- change models, blackout and maintenance windows, incident links, and the local read models of
-- catalog-service (services, CIs, CI relations) and incident-service (incident facts).

create sequence change_number_seq start with 1;

create table change_model (
    id                    uuid primary key,
    name                  text        not null,
    description           text,
    implementation_plan   text,
    backout_plan          text,
    test_plan             text,
    allowed_service_ids   text        not null default '[]',  -- JSON array of uuid
    allowed_ci_ids        text        not null default '[]',
    active                boolean     not null default true,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint      not null
);
create unique index change_model_name on change_model (lower(name));

create table change_request (
    id                    uuid primary key,
    number                text        not null unique,
    title                 text        not null,
    description           text,
    justification         text,
    type                  text        not null,
    model_id              uuid references change_model (id),
    state                 text        not null,
    service_ids           text        not null default '[]',  -- JSON array of uuid
    ci_ids                text        not null default '[]',
    implementation_plan   text,
    backout_plan          text,
    test_plan             text,
    risk                  text,
    risk_score            int,
    impacted_service_count int,
    risk_answers          text        not null default '{}',  -- JSON object questionId -> boolean
    planned_start         timestamptz,
    planned_end           timestamptz,
    actual_start          timestamptz,
    actual_end            timestamptz,
    close_code            text,
    close_notes           text,
    approval_status       text        not null,
    approval_levels       text        not null default '[]',  -- JSON: the levels of the policy at submit time
    approval_decisions    text        not null default '[]',  -- JSON: every decision, in order
    override_record       text,                                -- JSON: conflicts overridden + who + why
    cancel_reason         text,
    requested_by          text        not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint      not null
);
create index change_request_state on change_request (state);
create index change_request_window on change_request (planned_start, planned_end)
    where state in ('SCHEDULED', 'IMPLEMENT');
create index change_request_created on change_request (created_at);

create table change_incident_link (
    change_id     uuid        not null references change_request (id),
    incident_id   uuid        not null,
    relation      text        not null,       -- CAUSED_BY | RESOLVED_BY
    source        text        not null,       -- MANUAL | EVENT
    linked_by     text,
    linked_at     timestamptz not null,
    primary key (change_id, incident_id, relation)
);
create index change_incident_link_incident on change_incident_link (incident_id);

create table blackout_window (
    id            uuid primary key,
    name          text        not null,
    reason        text,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    service_ids   text        not null default '[]',   -- empty = global
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null
);
create index blackout_window_range on blackout_window (starts_at, ends_at);

create table maintenance_window (
    id            uuid primary key,
    service_id    uuid        not null,
    name          text        not null,
    days_of_week  text        not null,        -- e.g. SATURDAY,SUNDAY
    start_time    text        not null,        -- local time HH:mm in time_zone
    duration_minutes int      not null,
    time_zone     text        not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null
);
create index maintenance_window_service on maintenance_window (service_id);

-- ---------------------------------------------------------------- read model of catalog-service
create table catalog_service (
    id            uuid primary key,
    key           text,
    name          text,
    status        text,
    depends_on    text        not null default '[]',   -- JSON array of service ids
    updated_at    timestamptz not null
);

create table catalog_ci (
    id            uuid primary key,
    name          text,
    ci_class      text,
    environment   text,
    status        text,
    deleted       boolean     not null default false,
    updated_at    timestamptz not null
);

create table catalog_ci_relation (
    relation_id   uuid primary key,
    source_id     uuid        not null,
    relation      text        not null,
    target_type   text        not null,
    target_id     uuid        not null,
    updated_at    timestamptz not null
);

-- bumped by every catalog event, so instances know when their cached dependency graph is stale
create table catalog_graph_version (
    id            int primary key,
    version       bigint not null
);
insert into catalog_graph_version (id, version) values (1, 0);

-- ---------------------------------------------------------------- read model of incident-service
create table incident_ref (
    incident_id   uuid primary key,
    number        text,
    title         text,
    state         text,
    priority      text,
    service_id    uuid,
    ci_id         uuid,
    opened_at     timestamptz,
    updated_at    timestamptz not null
);
