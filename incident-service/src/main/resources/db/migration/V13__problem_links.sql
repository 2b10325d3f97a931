-- Which incidents problem-service has linked to which problem, from its events (ProblemLogged's linkedIncidentIds,
-- ProblemIncidentsLinked, ProblemIncidentLinked, ProblemIncidentUnlinked), so that a known error published for a problem
-- reaches every linked incident: each event names at most 1,000 of a problem's incidents (a problem accepted from a
-- busy service's recurrence candidate links thousands). Per problem, not per incident: the events of one problem
-- arrive in order (same key), those of two problems need not.
create table problem_incident_link (
    problem_id   uuid not null,
    incident_id  uuid not null,
    primary key (problem_id, incident_id)
);
