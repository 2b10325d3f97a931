-- An index for every sort the list allows (IncidentQueries.SORTABLE) and for the default order
-- (-openedAt) under each common filter, so that a page is an index range read, never a scan of
-- every incident followed by a sort. The list breaks ties by openedAt, then id, in the direction of
-- the last sort field (IncidentQueries.orderBy), so one index (field, opened_at, id) serves:
--   sort=field and sort=-field (backward scan),
--   field = ? (a filter) with sort=openedAt or -openedAt, the default.
-- number is unique: its own index serves sort=number (ties cannot happen).
create index incident_opened_at_id on incident (opened_at, id);
create index incident_updated_order on incident (updated_at, opened_at, id);
create index incident_state_order on incident (state, opened_at, id);
create index incident_priority_order on incident (priority, opened_at, id);
create index incident_service_order on incident (service_id, opened_at, id);
create index incident_group_order on incident (assignment_group, opened_at, id);
create index incident_assignee_order on incident (assignee, opened_at, id);
create index incident_title_order on incident (title, opened_at, id);

-- Covered by the ones above (same leading columns).
drop index incident_opened_at;
drop index incident_service;
