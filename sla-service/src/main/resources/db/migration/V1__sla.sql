-- Business calendars: IANA zone + weekly working intervals + holidays (definition is JSON text).
create table sla_calendar (
    id          uuid primary key,
    name        varchar(100) not null,
    time_zone   varchar(64)  not null,
    definition  text         not null,
    built_in    boolean      not null default false,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null
);
create unique index sla_calendar_name on sla_calendar (lower(name));

-- The built-in calendar: around the clock, every day, no holidays.
insert into sla_calendar (id, name, time_zone, definition, built_in, created_at, updated_at, version)
values ('00000000-0000-0000-0000-000000000247', '24x7', 'UTC',
        '{"weeklyHours":{"MONDAY":[{"start":"00:00","end":"24:00"}],"TUESDAY":[{"start":"00:00","end":"24:00"}],"WEDNESDAY":[{"start":"00:00","end":"24:00"}],"THURSDAY":[{"start":"00:00","end":"24:00"}],"FRIDAY":[{"start":"00:00","end":"24:00"}],"SATURDAY":[{"start":"00:00","end":"24:00"}],"SUNDAY":[{"start":"00:00","end":"24:00"}]},"holidays":[]}',
        true, now(), now(), 0);

-- Agreements (SLA / OLA / UC). definition = the current revision's full JSON; every revision is kept.
create table sla_agreement (
    id          uuid primary key,
    name        varchar(200) not null,
    type        varchar(8)   not null,
    status      varchar(16)  not null,
    revision    integer      not null,
    calendar_id uuid         not null references sla_calendar (id),
    definition  text         not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null
);
create unique index sla_agreement_name on sla_agreement (lower(name));

create table sla_agreement_revision (
    agreement_id uuid        not null references sla_agreement (id),
    revision     integer     not null,
    definition   text        not null,
    created_at   timestamptz not null,
    primary key (agreement_id, revision)
);

-- What this service knows about each incident (from itsm.incident.events).
create table sla_incident (
    incident_id   uuid primary key,
    number        varchar(40),
    service_id    uuid,
    category      varchar(100),
    priority      varchar(4),
    state         varchar(20),
    hold_reason   varchar(40),
    opened_at     timestamptz not null,
    last_event_at timestamptz not null,
    version       bigint      not null
);

-- SLA timers: one per incident x agreement x metric.
create table sla_timer (
    id                  uuid primary key,
    incident_id         uuid         not null,
    incident_number     varchar(40),
    service_id          uuid,
    agreement_id        uuid         not null references sla_agreement (id),
    agreement_revision  integer      not null,
    agreement_name      varchar(200) not null,
    calendar_id         uuid         not null references sla_calendar (id),
    metric              varchar(20)  not null,
    priority            varchar(4)   not null,
    target_millis       bigint       not null,
    warning_thresholds  varchar(100) not null,
    warned_percent      integer      not null,
    phase               varchar(10)  not null,
    breached            boolean      not null,
    started_at          timestamptz  not null,
    running_since       timestamptz,
    accumulated_millis  bigint       not null,
    stopped_at          timestamptz,
    breached_at         timestamptz,
    due_at              timestamptz,
    next_check_at       timestamptz,
    last_change_at      timestamptz  not null,
    version             bigint       not null
);
create unique index sla_timer_one_per_target on sla_timer (incident_id, agreement_id, metric);
-- the scheduler's work queue: only timers that can still warn or breach
create index sla_timer_next_check on sla_timer (next_check_at) where next_check_at is not null;
create index sla_timer_started_at on sla_timer (started_at);
create index sla_timer_agreement on sla_timer (agreement_id);

create table sla_timer_pause (
    timer_id    uuid        not null references sla_timer (id) on delete cascade,
    seq         integer     not null,
    paused_at   timestamptz not null,
    resumed_at  timestamptz,
    reason      varchar(60) not null,
    primary key (timer_id, seq)
);
