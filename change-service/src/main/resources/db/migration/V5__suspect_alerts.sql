-- Suspect alerts (monitoring-service, issue #20): alerts monitoring-service suppressed because they fired on a CI or
-- service inside a change's window (AlertSuppressed with suppression.reason CHANGE_WINDOW) — the first suspects when
-- the change is reviewed. Fed by itsm.monitoring.events; later events of the alert (AlertResolved, a re-fire) update
-- its state. updated_at is the occurredAt of the newest event applied: an older one is ignored.
create table change_suspect_alert (
    id             uuid primary key,            -- derived from (change_id, alert_id): a redelivery upserts the same row
    change_id      uuid not null references change_request (id),
    alert_id       uuid not null,
    number         text not null,
    name           text,
    severity       text,
    ci_id          uuid,
    ci_name        text,
    state          text not null,
    suppressed_at  timestamptz not null,
    updated_at     timestamptz not null,
    constraint change_suspect_alert_once unique (change_id, alert_id)
);
-- GET /changes/{id}/suspect-alerts: newest suppression first, keyset (suppressed_at, id) within the change
create index change_suspect_alert_order on change_suspect_alert (change_id, suppressed_at, id);
-- AlertResolved and re-fires update every change's row of the alert
create index change_suspect_alert_alert on change_suspect_alert (alert_id);
