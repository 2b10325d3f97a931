-- Incidents opened by monitoring-service's alert groups (itsm.monitoring.events, MonitoringEventHandler).
--
-- source: who opened the incident — API (an agent or integration through REST) or MONITORING (an
-- alert group). alert_group_id: the monitoring-service alert group the incident is for.
-- alert_group_version: the newest version of that group's facts applied to this incident; an older
-- (redelivered, replayed) group event is ignored. Not a published fact, and not part of the ETag.
alter table incident add column source varchar(12) not null default 'API'
    constraint incident_source_check check (source in ('API', 'MONITORING'));
alter table incident add column alert_group_id uuid;
alter table incident add column alert_group_version bigint;

-- At most one incident per alert group that is still to be worked on or may be reopened: a group
-- whose incident was closed or canceled opens a new one. Also the handler's lookup by group.
create unique index incident_alert_group_open on incident (alert_group_id)
    where alert_group_id is not null and state not in ('CLOSED', 'CANCELED');
-- Every incident of a group (GET /api/v1/incidents?alertGroupId=, the handler's latest-incident lookup).
create index incident_alert_group on incident (alert_group_id, opened_at, id) where alert_group_id is not null;
-- GET /api/v1/incidents?source=MONITORING in the default order (newest first).
create index incident_source_order on incident (source, opened_at, id);
