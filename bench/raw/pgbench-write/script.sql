\set a random(1, 9223372036854775806)
BEGIN;
SELECT service_id, status FROM catalog_service WHERE service_id = '09638f70-186a-44bc-a70d-aa06b0d03348';
SELECT nextval('incident_number_seq');
INSERT INTO incident (id, number, title, description, caller, service_id, category, impact, urgency,
  priority, state, opened_at, reopen_count, major_incident, updated_at, version)
  VALUES (md5(:a::text)::uuid, 'INC' || lpad(currval('incident_number_seq')::text, 7, '0'),
  'Users cannot log in', 'Since 09:10 every login to the payroll portal fails with an error page',
  'jane.doe@example.com', '09638f70-186a-44bc-a70d-aa06b0d03348', 'software', 'MEDIUM', 'HIGH', 'P2', 'NEW', now(), 0, false, now(), 0);
INSERT INTO incident_history (incident_id, at, actor, action, changes)
  SELECT md5(:a::text)::uuid, now(), 'bench', 'open', history::jsonb FROM bench_sample;
INSERT INTO outbox_event (event_id, topic, source, event_type, aggregate_type, aggregate_id, occurred_at, payload)
  SELECT gen_random_uuid(), 'itsm.incident.events', '/itsm/incident-service',
  'dev.itsm.incident.IncidentOpened', 'Incident', md5(:a::text)::uuid::text, now(), payload FROM bench_sample;
COMMIT;
