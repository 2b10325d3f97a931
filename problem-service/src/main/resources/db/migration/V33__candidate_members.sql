-- A candidate's incidents move from an array column into rows. Every incident joining an OPEN candidate rewrote the
-- whole array (a busy service's SERVICE candidate gathers thousands: the array grew to hundreds of kilobytes, stored
-- and written to the WAL again per incident, and read and dirty-checked whole by Hibernate) — quadratic in the
-- candidate's size. A join now inserts one row.
create table problem_candidate_incident (
    candidate_id uuid        not null references problem_candidate (id),
    incident_id  uuid        not null,
    opened_at    timestamptz not null,           -- the members are read oldest first
    primary key (candidate_id, incident_id)
);
-- the sweep finds OPEN candidates holding an incident that was linked or canceled, starting from the incident
create index problem_candidate_incident_incident on problem_candidate_incident (incident_id);

insert into problem_candidate_incident (candidate_id, incident_id, opened_at)
select c.id, m.incident_id, coalesce(i.opened_at, c.first_opened_at)
from problem_candidate c
cross join lateral unnest(c.incident_ids) as m(incident_id)
left join incident_replica i on i.incident_id = m.incident_id
on conflict do nothing;

alter table problem_candidate drop column incident_ids;
