-- q= on problems is a substring of the title or the description, any case (ILIKE '%…%'), or the number: without an
-- index a sequential scan of every problem (#15). pg_trgm GIN indexes serve ILIKE on each column (a BitmapOr of the
-- two and the number's unique index) for a pattern of three characters or more (a shorter one has no trigram and
-- still scans). pg_trgm is a trusted extension: the database owner creates it (CloudNativePG's owner, compose's and
-- the test kit's postgres).
create extension if not exists pg_trgm;
create index problem_title_trgm on problem using gin (title gin_trgm_ops);
create index problem_description_trgm on problem using gin (description gin_trgm_ops);
