-- An index for every sort the lists allow, for the default order under each common filter, and for
-- the changes feed, so that a page (first, or after a cursor) is an index range read, never a scan of
-- every row followed by a sort (ChangeQueries, WindowService, ChangeModelService; ChangeListIndexTest).

-- change requests: the list breaks ties by created_at, then id, in the direction of the last sort
-- field, so one index (field, created_at, id) serves sort=field and sort=-field (backward scan) and
-- the default order (-createdAt) filtered by field = ?. number is unique: its own index serves
-- sort=number. service_ids is filtered through its GIN index (V2).
create index change_request_created_order on change_request (created_at, id);
create index change_request_updated_order on change_request (updated_at, id);
create index change_request_state_order on change_request (state, created_at, id);
create index change_request_type_order on change_request (type, created_at, id);
create index change_request_risk_order on change_request (risk, created_at, id);
create index change_request_requester_order on change_request (requested_by, created_at, id);
create index change_request_planned_order on change_request (planned_start, created_at, id);
create index change_request_title_order on change_request (title, created_at, id);
-- covered by the ones above (same leading column)
drop index change_request_created;
drop index change_request_state;

-- change models: sort name, createdAt, updatedAt (also the feed), ties by id
create index change_model_name_order on change_model (name, id);
create index change_model_created_order on change_model (created_at, id);
create index change_model_updated_order on change_model (updated_at, id);

-- blackout windows: sort startsAt, endsAt, name, ties by id; the feed
create index blackout_window_starts_order on blackout_window (starts_at, id);
create index blackout_window_ends_order on blackout_window (ends_at, id);
create index blackout_window_name_order on blackout_window (name, id);
create index blackout_window_updated_order on blackout_window (updated_at, id);

-- maintenance windows: sort name, serviceId (then name, id); serviceId = ? ordered by name; the feed
create index maintenance_window_name_order on maintenance_window (name, id);
create index maintenance_window_service_order on maintenance_window (service_id, name, id);
create index maintenance_window_updated_order on maintenance_window (updated_at, id);
drop index maintenance_window_service;
