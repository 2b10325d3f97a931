-- #18: SLA timers for any record kind (INCIDENT, REQUEST), agreements scoped by offering as well as service.

-- Timers: the record a clock measures. Incident timers keep incident_id / incident_number (their API and
-- event field incidentId stay); record_id / record_number say the same for every kind, and incident_id is null
-- for a request's timers. Existing rows are incident timers.
alter table sla_timer
    add column record_kind   varchar(10) not null default 'INCIDENT',
    add column record_id     uuid,
    add column record_number varchar(40),
    add column offering_id   uuid;
update sla_timer set record_id = incident_id, record_number = incident_number;
-- A row written the old way (an instance of the previous version during a rolling upgrade, a seed script) names
-- only the incident: it is an incident timer, and the record is that incident.
create function sla_timer_record_from_incident() returns trigger language plpgsql as $$
begin
    if new.record_id is null then
        new.record_id := new.incident_id;
        new.record_number := coalesce(new.record_number, new.incident_number);
    end if;
    return new;
end $$;
create trigger sla_timer_record_from_incident before insert on sla_timer
    for each row execute function sla_timer_record_from_incident();
alter table sla_timer
    alter column record_id set not null,
    alter column incident_id drop not null,
    -- request targets have no priority
    alter column priority drop not null,
    add constraint sla_timer_incident_is_record check (record_kind <> 'INCIDENT' or incident_id = record_id),
    add constraint sla_timer_request_has_no_incident check (record_kind = 'INCIDENT' or incident_id is null);
-- one clock per record x agreement x metric; also the lookup of a record's timers (the consumers, ?recordId=).
-- The incident unique index stays: it serves ?incidentId= and keeps incident timers unique as before.
create unique index sla_timer_one_per_record_target on sla_timer (record_id, agreement_id, metric);
-- ?recordKind= in the default order, and the compliance report per kind
create index sla_timer_kind_order on sla_timer (record_kind, started_at, agreement_name, metric, id);

-- Agreements: which kind of record they time (a column for the list filter; the definition carries it too).
-- (the default also covers a row written by the previous version during a rolling upgrade)
alter table sla_agreement add column record_kind varchar(10) not null default 'INCIDENT';
-- stored definitions (current and every revision) say what the old ones meant: incident agreements, no offering scope
update sla_agreement set definition = jsonb_set(definition || '{"recordKind":"INCIDENT"}', '{scope,offeringIds}', '[]')
    where not definition ? 'recordKind';
update sla_agreement_revision set definition = jsonb_set(definition || '{"recordKind":"INCIDENT"}', '{scope,offeringIds}', '[]')
    where not definition ? 'recordKind';

-- What this service knows about each service request (from itsm.request.events).
create table sla_request (
    request_id         uuid primary key,
    number             varchar(40),
    offering_id        uuid,
    service_ids        jsonb        not null default '[]',
    state              varchar(20),
    awaiting_requester boolean      not null default false,
    submitted_at       timestamptz  not null,
    last_event_at      timestamptz  not null,
    -- the request's own version from the payload (null when absent): an older one is stale
    request_version    bigint,
    version            bigint       not null
);
