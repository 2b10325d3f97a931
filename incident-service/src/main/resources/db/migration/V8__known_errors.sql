-- Known errors from problem management (itsm.problem.events: KnownErrorPublished / KnownErrorRetired).
--
-- known_error_replica: the problem-service's known errors, so that an incident shows the ACTIVE ones
-- that match its CI or its service (knownErrors[]) and a new matching incident starts with their
-- workaround as work notes. Services and CIs are uuid[] with GIN indexes restricted to ACTIVE rows:
-- "the ACTIVE known errors of this CI or service" is a BitmapOr of two index probes (@> / &&).
create table known_error_replica (
    id              uuid         primary key,
    number          varchar(12)  not null,             -- KE0001000
    problem_id      uuid         not null,
    problem_number  varchar(12),                       -- PRB0001000
    title           varchar(200) not null,
    workaround      text         not null,
    service_ids     uuid[]       not null default '{}',
    ci_ids          uuid[]       not null default '{}',
    status          varchar(10)  not null,             -- ACTIVE | RETIRED
    revision        int          not null,
    occurred_at     timestamptz  not null              -- the newest event applied (older ones are ignored)
);
create index known_error_replica_active_cis on known_error_replica using gin (ci_ids) where status = 'ACTIVE';
create index known_error_replica_active_services on known_error_replica using gin (service_ids) where status = 'ACTIVE';

-- The known error an incident is linked to through its problem (set by KnownErrorPublished or
-- ProblemIncidentLinked; a published fact of the incident).
alter table incident add column known_error_id uuid;

-- Which revision of a known error each incident has been told about (a work note written): a replayed
-- or repeated event, or a link after the intake note, never writes the same workaround twice.
create table incident_known_error_note (
    incident_id     uuid         not null references incident (id),
    known_error_id  uuid         not null,
    revision        int          not null,
    noted_at        timestamptz  not null,
    primary key (incident_id, known_error_id)
);
