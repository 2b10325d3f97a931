-- Relevance without ranking every match (#15): q= with no sort lists the incidents whose number or
-- title hold all the words first, then the other matches (the words only in the description), each
-- newest first. Ranking with ts_rank read and scored every match before the first page (3 s for a
-- word in 5 % of a million incidents); two ordered parts can each stop after a page, by the GIN
-- index when the words are rare or by the opened_at index when they are common — which one,
-- PostgreSQL estimates from this column's own statistics (a weight-restricted query on
-- search_document would be estimated as if the description counted, and walk the whole index for
-- a word that is common in descriptions but absent from titles).
-- The same number and title parts as search_document (V5), without the description.
alter table incident add column title_document tsvector generated always as (
    to_tsvector('simple', number || ' ' || regexp_replace(number, '^[A-Za-z]*0*', ''))
    || to_tsvector('simple', title)) stored;

create index incident_title_search on incident using gin (title_document);
