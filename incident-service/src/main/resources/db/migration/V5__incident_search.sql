-- q= searches a full-text document (GIN index) instead of LIKE '%...%' over every row.
-- Configuration 'simple' (no stemming, no stop words; see TextSearchFunctions for why), weights:
-- number and title A, description B (ts_rank ranks a title match above a description match).
-- The number is in twice: as written (INC0001001) and as its digits without leading zeros (1001).
-- Generated and stored: the database keeps it in step with every insert and update.
alter table incident add column search_document tsvector generated always as (
    setweight(to_tsvector('simple', number || ' ' || regexp_replace(number, '^[A-Za-z]*0*', '')), 'A')
    || setweight(to_tsvector('simple', title), 'A')
    || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) stored;

create index incident_search on incident using gin (search_document);
