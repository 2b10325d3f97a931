-- keyset paging and the changes feed of the test app's tickets: an index per order the list serves
alter table ticket add column updated_at timestamptz not null default now();
create index ticket_title_order on ticket (title, id);
create index ticket_state_order on ticket (state, title, id);
create index ticket_updated_order on ticket (updated_at, id);
