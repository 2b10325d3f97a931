-- When a change-incident link was last removed, so an incident event written before that removal
-- (incident-service had not seen it yet) does not bring the link back: the later decision wins.
create table change_incident_unlink (
    change_id     uuid        not null references change_request (id),
    incident_id   uuid        not null,
    unlinked_at   timestamptz not null,
    primary key (change_id, incident_id)
);
