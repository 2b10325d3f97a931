-- The changes feed (GET /api/v1/incidents?updatedSince=…&cursor=…) reads in (updated_at, id) order
-- from a row-value bound (IncidentQueries.FEED): an index range read. incident_updated_order
-- (updated_at, opened_at, id) serves sort=updatedAt, whose ties break by openedAt, not this order.
create index incident_feed on incident (updated_at, id);
