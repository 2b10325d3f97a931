-- An incident's sla[] shows one entry per SLA timer (agreement x metric), so the replica is keyed by
-- the sla-service's timer id instead of (incident, metric), which kept one agreement per metric.
-- No FK to incident: SLA events may arrive before the incident is known here.
create table incident_sla_timer (
    timer_id                  uuid         primary key,
    incident_id               uuid         not null,
    agreement_id              uuid,
    agreement_name            varchar(200),
    metric                    varchar(30)  not null,
    state                     varchar(20)  not null,   -- the timer's: RUNNING | PAUSED | MET | BREACHED | CANCELED
    status                    varchar(20)  not null,   -- last announcement (deprecated in the API): a state or WARNING
    breached                  boolean      not null default false,  -- sticky once breached
    breached_at               timestamptz,
    target_seconds            bigint,
    elapsed_business_seconds  bigint,
    due_at                    timestamptz,
    last_event_at             timestamptz  not null
);
create index incident_sla_timer_incident on incident_sla_timer (incident_id);

-- The rows kept so far become timers; the breach time was not kept, the earlier of due time and
-- last event is the closest fact there is.
insert into incident_sla_timer (timer_id, incident_id, agreement_id, agreement_name, metric, state, status, breached,
        breached_at, target_seconds, elapsed_business_seconds, due_at, last_event_at)
select case when timer_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then timer_id::uuid
            else gen_random_uuid() end,
       incident_id,
       case when agreement_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then agreement_id::uuid end,
       agreement_name, metric,
       case status when 'WARNING' then 'RUNNING' else status end,
       status, breached,
       case when breached then least(due_at, last_event_at) end,
       target_seconds, elapsed_business_seconds, due_at, last_event_at
from incident_sla_status;

drop table incident_sla_status;
