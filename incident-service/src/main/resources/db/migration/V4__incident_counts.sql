-- The dashboard summary (counts by state x priority, per service) is read from maintained counters
-- instead of a GROUP BY over every incident. Triggers keep them exact in the transaction of every
-- insert, update of state/priority/service and delete, so no code path (command, PATCH, auto-close,
-- a major incident resolving its children, a fix by hand in SQL) can forget them.
create table incident_count (
    service_id  uuid        not null,
    state       varchar(20) not null,
    priority    varchar(2)  not null,
    count       bigint      not null,
    primary key (service_id, state, priority)
);

insert into incident_count (service_id, state, priority, count)
select service_id, state, priority, count(*) from incident group by service_id, state, priority;

-- Adds -1 for the row's old key and +1 for its new one in ONE statement, keys in a fixed order, so
-- two transactions moving incidents in opposite directions (resolve / reopen) lock the counter rows
-- in the same order. The UPSERT adds to the committed count (ON CONFLICT takes the row lock), so
-- concurrent transactions never lose a count.
create function incident_count_move() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into incident_count as c (service_id, state, priority, count)
        values (new.service_id, new.state, new.priority, 1)
        on conflict (service_id, state, priority) do update set count = c.count + excluded.count;
    elsif tg_op = 'DELETE' then
        insert into incident_count as c (service_id, state, priority, count)
        values (old.service_id, old.state, old.priority, -1)
        on conflict (service_id, state, priority) do update set count = c.count + excluded.count;
    else
        insert into incident_count as c (service_id, state, priority, count)
        select d.service_id, d.state, d.priority, d.delta
        from (values (old.service_id, old.state, old.priority, -1),
                     (new.service_id, new.state, new.priority, 1)) d(service_id, state, priority, delta)
        order by d.service_id, d.state, d.priority
        on conflict (service_id, state, priority) do update set count = c.count + excluded.count;
    end if;
    return null;
end $$;

-- Deferred to the end of the transaction: the counter rows (few and hot: every new incident of a
-- service and priority adds to the same row) stay locked only while the transaction commits, not
-- while it writes history and outbox rows.
create constraint trigger incident_count_insert after insert on incident
    deferrable initially deferred for each row execute function incident_count_move();
create constraint trigger incident_count_update after update of state, priority, service_id on incident
    deferrable initially deferred for each row
    when (old.state is distinct from new.state or old.priority is distinct from new.priority
          or old.service_id is distinct from new.service_id)
    execute function incident_count_move();
create constraint trigger incident_count_delete after delete on incident
    deferrable initially deferred for each row execute function incident_count_move();
