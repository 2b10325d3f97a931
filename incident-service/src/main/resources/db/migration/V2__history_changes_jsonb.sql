-- The history's old -> new values become a jsonb array of {field, from, to}, mapped by Hibernate
-- (it was text holding the same JSON, written by hand).
alter table incident_history alter column changes type jsonb using changes::jsonb;
