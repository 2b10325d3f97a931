-- q= on requests is a substring of the offering name, any case (ILIKE '%…%'), or the number: without an index a
-- sequential scan of every request (#15). A pg_trgm GIN index serves ILIKE for a pattern of three characters or more
-- (a shorter one has no trigram and still scans); the number has its unique index. pg_trgm is a trusted extension:
-- the database owner creates it (CloudNativePG's owner, compose's and the test kit's postgres).
create extension if not exists pg_trgm;
create index request_offering_name_trgm on request using gin (offering_name gin_trgm_ops);
