-- Incident management: incidents, their history and notes, SLA status fed by the sla-service,
-- and the local replica of the catalogue (services and configuration items).

create sequence incident_number_seq start with 1000 increment by 1;

create table incident (
    id                  uuid         primary key,
    number              varchar(10)  not null unique,
    title               varchar(200) not null,
    description         text,
    caller              varchar(200) not null,
    service_id          uuid         not null,
    ci_id               uuid,
    category            varchar(100),
    impact              varchar(10)  not null,
    urgency             varchar(10)  not null,
    priority            varchar(2)   not null,
    state               varchar(20)  not null,
    assignment_group    varchar(200),
    assignee            varchar(200),
    hold_reason         varchar(30),
    opened_at           timestamptz  not null,
    acknowledged_at     timestamptz,
    resolved_at         timestamptz,
    closed_at           timestamptz,
    canceled_at         timestamptz,
    resolution_code     varchar(40),
    resolution_notes    text,
    cancel_reason       text,
    reopen_count        int          not null default 0,
    major_incident      boolean      not null default false,
    parent_incident_id  uuid         references incident (id),
    updated_at          timestamptz  not null,
    version             bigint       not null
);
create index incident_state_priority on incident (state, priority);
create index incident_service on incident (service_id);
create index incident_assignment on incident (assignment_group, assignee);
create index incident_opened_at on incident (opened_at);
create index incident_parent on incident (parent_incident_id) where parent_incident_id is not null;
create index incident_resolved_at on incident (resolved_at) where state = 'RESOLVED';

create table incident_linked_change (
    incident_id  uuid        not null references incident (id),
    change_id    varchar(64) not null,
    primary key (incident_id, change_id)
);

-- Who did what when, old -> new values; written in the transaction of the change itself.
create table incident_history (
    id           bigserial    primary key,
    incident_id  uuid         not null references incident (id),
    at           timestamptz  not null,
    actor        varchar(200) not null,
    action       varchar(40)  not null,
    changes      text         not null,   -- JSON array of {field, from, to}
    detail       text
);
create index incident_history_incident on incident_history (incident_id, id);

create table incident_note (
    id           uuid         primary key,
    incident_id  uuid         not null references incident (id),
    kind         varchar(20)  not null,   -- WORK_NOTE | COMMENT
    text         text         not null,
    author       varchar(200) not null,
    created_at   timestamptz  not null
);
create index incident_note_incident on incident_note (incident_id, created_at);

-- SLA status per incident and metric, from itsm.sla.events (no FK: SLA events may arrive first).
create table incident_sla_status (
    incident_id               uuid         not null,
    metric                    varchar(30)  not null,
    status                    varchar(20)  not null,   -- RUNNING | PAUSED | WARNING | BREACHED | MET | CANCELED
    breached                  boolean      not null default false,  -- sticky once breached
    timer_id                  varchar(64),
    agreement_id              varchar(64),
    agreement_name            varchar(200),
    target_seconds            bigint,
    elapsed_business_seconds  bigint,
    due_at                    timestamptz,
    last_event_at             timestamptz  not null,
    primary key (incident_id, metric)
);

-- Local replica of the catalogue (itsm.catalog.events).
create table catalog_service (
    service_id    uuid         primary key,
    service_key   varchar(200),
    name          varchar(300) not null,
    type          varchar(50),
    owner         varchar(200),
    status        varchar(20)  not null,
    last_event_at timestamptz  not null
);

create table catalog_ci (
    ci_id         uuid         primary key,
    name          varchar(300) not null,
    ci_class      varchar(100),
    environment   varchar(100),
    status        varchar(50),
    deleted       boolean      not null default false,
    last_event_at timestamptz  not null
);
