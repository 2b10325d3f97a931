-- the transaction that applied each feed event, so a test can tell which records the consumer applied together
alter table feed_effect add column tx text default pg_current_xact_id()::text;
