-- A GIN index takes new rows into a "pending list" (fastupdate) that every search then reads in
-- full, matching each pending row's document: with the default limit of 4 MB a busy incident table
-- carries up to ~9,000 pending rows between two vacuums, and at a million incidents a rare word's
-- index scan took 8.0 ms with them instead of 0.85 ms after gin_clean_pending_list (#15, measured
-- on the benchmark's database). 256 kB bounds that to ~600 rows; the insert that fills the list
-- moves it into the index, a short merge instead of a long one.
alter index incident_search set (gin_pending_list_limit = 256);
alter index incident_title_search set (gin_pending_list_limit = 256);
