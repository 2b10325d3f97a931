-- The detector looks up the candidates of an incident's few keys (its CI, its service, the CIs upstream of it) in one
-- query by key_id, whatever their kind.
create index problem_candidate_key_id on problem_candidate (key_id, state);
