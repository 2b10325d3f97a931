-- #15 read path: keyset paging, filtered lists and the changes feed, each served by an index.

-- When the row was last written, from the service's clock inside the writing transaction (TimerService
-- stamps every change): the changes feed is ordered by (updated_at, id). The default only covers rows
-- written behind the service's back (benchmark seeds, tests); existing rows take their last change.
-- The shown state (CANCELED > BREACHED > RUNNING/PAUSED/MET, SlaTimer.state()) as a stored column, so
-- ?state= is one equality an index can lead with instead of a condition on phase and breached.
alter table sla_timer
    add column updated_at timestamptz,
    add column state varchar(10) generated always as (
        case when phase = 'CANCELED' then 'CANCELED'
             when breached then 'BREACHED'
             when phase = 'RUNNING' then 'RUNNING'
             when phase = 'PAUSED' then 'PAUSED'
             else 'MET' end) stored;
update sla_timer set updated_at = last_change_at;
alter table sla_timer alter column updated_at set not null, alter column updated_at set default now();

-- Every sort the timer list allows ends in the default order's columns (startedAt, agreementName, metric)
-- and the id, so one index per leading column serves it in both directions, and with the filters
-- (state, agreementId, metric) leading, the default order under each filter.
drop index sla_timer_started_at;
drop index sla_timer_agreement;
create index sla_timer_list_order on sla_timer (started_at, agreement_name, metric, id);
create index sla_timer_due_order on sla_timer (due_at, started_at, agreement_name, metric, id);
create index sla_timer_metric_order on sla_timer (metric, started_at, agreement_name, id);
create index sla_timer_agreement_name_order on sla_timer (agreement_name, started_at, metric, id);
create index sla_timer_state_order on sla_timer (state, started_at, agreement_name, metric, id);
create index sla_timer_agreement_order on sla_timer (agreement_id, started_at, agreement_name, metric, id);
create index sla_timer_feed on sla_timer (updated_at, id);

-- Agreements and calendars are small collections, but their lists are keyset-paged too: one index per sort.
create index sla_agreement_name_order on sla_agreement (name, id);
create index sla_agreement_type_order on sla_agreement (type, id);
create index sla_agreement_created_order on sla_agreement (created_at, id);
create index sla_agreement_feed on sla_agreement (updated_at, id);
create index sla_calendar_name_order on sla_calendar (name, id);
create index sla_calendar_created_order on sla_calendar (created_at, id);
