create table ticket (
    id      uuid primary key,
    title   text   not null,
    state   text   not null,
    version bigint not null
);
create table feed_effect (
    event_id text not null,
    n        int  not null,
    trace_id text
);
